"""The patterns the market watches, each a flag on a move (and so on its candidate).

- **team lift-out**: at least `LIFT_OUT_PEOPLE` people moved from one company
  to the same company with at most `LIFT_OUT_DAYS` days between the first and
  the last of them (a founding team bought whole);
- **boomerang**: a move back to a company the candidate had left by the day
  of the return;
- **founder in waiting**: a move to a company on the restricted list of one
  of the candidate's non-competes, after starting a company of their own (a
  stint as founder) while that window was binding.

Each is an SQL expression over `talent.moves.moves_all()` rows; the lift-out
counts only the moves of the queryset it is given, so that a viewer's flags
come from the moves that viewer may see.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, TextChoices
from django.db.models.expressions import RawSQL

from talent.models import Employment, NonCompete

LIFT_OUT_PEOPLE = 3
LIFT_OUT_DAYS = 90
# A stint of one's own company: the title says so.
FOUNDER_TITLE = Q(title__icontains="founder") | Q(title__contains="创始")


class Pattern(TextChoices):
    LIFT_OUT = "lift_out", "Team lift-out"
    BOOMERANG = "boomerang", "Boomerang"
    FOUNDER_IN_WAITING = "founder_in_waiting", "Founder in waiting"


def _boomerang() -> Exists:
    return Exists(
        Employment.objects.filter(
            candidate_id=OuterRef("candidate_id"),
            company_id=OuterRef("company_id"),
            start_date__lt=OuterRef("start_date"),
            end_date__lte=OuterRef("start_date"),
        )
    )


def _founder_in_waiting() -> Exists:
    founded_while_bound = Employment.objects.filter(
        FOUNDER_TITLE,
        candidate_id=OuterRef("candidate_id"),
        start_date__gte=OuterRef("starts_on"),
        start_date__lte=OuterRef("enforceable_end"),
        start_date__lt=OuterRef(OuterRef("start_date")),
    )
    return Exists(
        NonCompete.objects.filter(
            Exists(founded_while_bound),
            candidate_id=OuterRef("candidate_id"),
            restricted_companies=OuterRef("company_id"),
            enforceable_end__isnull=False,
        )
    )


def _lift_out_ids(moves: QuerySet[Employment]) -> RawSQL:
    """Ids of the moves of `moves` that belong to a lift-out, as one uncorrelated subquery."""
    sql, params = (
        moves.order_by()
        .values("id", "candidate_id", "company_id", "start_date", "from_company_id")
        .query.sql_with_params()
    )
    return RawSQL(
        f"""
        WITH m AS ({sql}),
        openings AS (
            SELECT a.from_company_id, a.company_id, a.start_date AS opens
            FROM m a JOIN m b
              ON b.from_company_id = a.from_company_id AND b.company_id = a.company_id
             AND b.start_date BETWEEN a.start_date AND a.start_date + %s
            GROUP BY a.from_company_id, a.company_id, a.start_date
            HAVING COUNT(DISTINCT b.candidate_id) >= %s
        )
        SELECT m.id FROM m JOIN openings o
          ON o.from_company_id = m.from_company_id AND o.company_id = m.company_id
         AND m.start_date BETWEEN o.opens AND o.opens + %s
        """,
        (*params, LIFT_OUT_DAYS, LIFT_OUT_PEOPLE, LIFT_OUT_DAYS),
    )


def moves_with_patterns(moves: QuerySet[Employment]) -> QuerySet[Employment]:
    """`moves` annotated with one boolean per pattern (`is_lift_out`, `is_boomerang`, `is_founder_in_waiting`)."""
    return moves.annotate(
        is_lift_out=ExpressionWrapper(Q(pk__in=_lift_out_ids(moves)), output_field=BooleanField()),
        is_boomerang=_boomerang(),
        is_founder_in_waiting=_founder_in_waiting(),
    )


def patterns_of(move: Employment) -> list[str]:
    """The patterns of a move read through `moves_with_patterns`."""
    flags = {
        Pattern.LIFT_OUT: move.is_lift_out,
        Pattern.BOOMERANG: move.is_boomerang,
        Pattern.FOUNDER_IN_WAITING: move.is_founder_in_waiting,
    }
    return [pattern.value for pattern, flag in flags.items() if flag]


def moves_in_pattern(moves: QuerySet[Employment], pattern: str) -> QuerySet[Employment]:
    """Moves (from `moves_with_patterns`) in `pattern`."""
    return moves.filter(**{f"is_{Pattern(pattern).value}": True})
