"""Moves: every change of employer, derived from career stints, never stored.

A stint is reached by a **move** when its *predecessor* is at another company.
The predecessor of a stint S is, among the candidate's stints that started
before S (same day: lower id) and had ended by the time S ends (S still open:
any end), the one that ended last (ties: the later start, then the higher id).

So an overlap (joined B in March, left A in June) is a move from A to B dated
the day B started; a side job held inside a longer stint is not a move, and
neither is the job after it from the side job; a new stint at the same
company (a promotion recorded as a new row) is not a move; a stint still open
when the next one starts (a board seat) is never a predecessor; and a return
to a former employer is a move like any other (a boomerang, talent.moves.patterns).

`moves_all` does it in SQL (one correlated subquery per row, served by the
(candidate, end_date) index); `candidate_moves` is its twin over prefetched
stints, for pages that already hold a candidate's career.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from talent.models import Employment

# Stands for "still open" when comparing end dates.
_OPEN = dt.date(9999, 12, 31)


def _predecessors() -> QuerySet[Employment]:
    """Candidates for the predecessor of the outer stint, best first."""
    return (
        Employment.objects.filter(candidate_id=OuterRef("candidate_id"), end_date__isnull=False)
        .filter(Q(start_date__lt=OuterRef("start_date")) | Q(start_date=OuterRef("start_date"), pk__lt=OuterRef("pk")))
        .filter(end_date__lte=Coalesce(OuterRef("end_date"), Value(_OPEN)))
        .order_by("-end_date", "-start_date", "-pk")
    )


def _from(field: str) -> Subquery:
    return Subquery(_predecessors().values(field)[:1])


def moves_all() -> QuerySet[Employment]:
    """Every move as the stint it led to, annotated with where it came from.

    Annotations: `from_stint_id`, `from_company_id`, `from_band_rank`,
    `to_band_rank` (the band of the level now: levels map to bands by their
    latest equivalence). The move's date is the stint's `start_date`.
    """
    return (
        Employment.objects.annotate(
            from_stint_id=_from("pk"),
            from_company_id=_from("company_id"),
            from_band_rank=_from("level__band__rank"),
            to_band_rank=F("level__band__rank"),
        )
        .filter(from_company_id__isnull=False)
        .exclude(from_company_id=F("company_id"))
    )


@dataclass(frozen=True)
class Move:
    from_stint: Employment
    to_stint: Employment

    @property
    def moved_on(self) -> dt.date:
        return self.to_stint.start_date

    @property
    def is_promotion(self) -> bool:
        return is_promotion(_rank(self.from_stint), _rank(self.to_stint))

    def __str__(self) -> str:
        return f"left {self.from_stint.company.name}, joined {self.to_stint.company.name}, {self.moved_on:%Y-%m}"

    def as_dict(self) -> dict:
        """The JSON shape of a candidate's latest move (the status payload)."""
        return {
            "from": {"id": self.from_stint.company_id, "name": self.from_stint.company.name},
            "to": {"id": self.to_stint.company_id, "name": self.to_stint.company.name},
            "moved_on": self.moved_on.isoformat(),
            "promotion": self.is_promotion,
            "summary": str(self),
        }


def is_promotion(from_rank: int | None, to_rank: int | None) -> bool:
    """A move up across bands; unknown bands are no promotion."""
    return from_rank is not None and to_rank is not None and to_rank > from_rank


def _rank(stint: Employment) -> int | None:
    level = stint.level
    return level.band.rank if level is not None and level.band is not None else None


def predecessor(stint: Employment, career: list[Employment]) -> Employment | None:
    """The Python twin of `_predecessors` for one stint of `career`."""
    end = stint.end_date or _OPEN
    earlier = [
        other
        for other in career
        if other.end_date is not None
        and (other.start_date, other.pk) < (stint.start_date, stint.pk)
        and other.end_date <= end
    ]
    return max(earlier, key=lambda other: (other.end_date, other.start_date, other.pk), default=None)


def candidate_moves(career: list[Employment]) -> list[Move]:
    """A candidate's moves, oldest first, from their stints (prefetched with company and level band)."""
    moves = []
    for stint in career:
        before = predecessor(stint, career)
        if before is not None and before.company_id != stint.company_id:
            moves.append(Move(from_stint=before, to_stint=stint))
    return sorted(moves, key=lambda move: (move.moved_on, move.to_stint.pk))


def latest_move(career: list[Employment]) -> Move | None:
    moves = candidate_moves(career)
    return moves[-1] if moves else None
