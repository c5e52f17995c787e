"""Who is due to be told that the firm holds their data (GDPR art. 14, PIPL art. 17; talent.privacy_rules).

The rule is talent.privacy_rules.notice_due_on; the query here only narrows
the rows to those that may be due (a month is at least 28 days), and the rule
decides on each.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import DateField, Func, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from talent.models import Candidate
from talent.privacy_rules import CONSENT, NOTICE_MONTHS, NOTICE_SOON_DAYS, SELF_SOURCES, notice_due_on

SHORTEST_MONTH = dt.timedelta(days=28)
_COLLECTED_DAY = Coalesce("collected_on", TruncDate("created_at", tzinfo=dt.UTC))
# talent.privacy_rules.notice_due_on in SQL: adding months to a date keeps to the month's last day in both.
_DUE_ON = Func(
    _COLLECTED_DAY, template=f"((%(expressions)s) + interval '{NOTICE_MONTHS} month')::date", output_field=DateField()
)


@dataclass(frozen=True)
class NoticeDue:
    candidate: Candidate
    due_on: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)


def may_owe_notice(candidates: QuerySet[Candidate], *, by: dt.date) -> QuerySet[Candidate]:
    """Candidates whose notice may fall due on or before `by` (a superset; the rule decides)."""
    return (
        candidates.filter(notified_on__isnull=True)
        .exclude(Q(lawful_basis=CONSENT) | Q(source__in=SELF_SOURCES))
        .alias(collected_day=_COLLECTED_DAY)
        .filter(collected_day__lte=by - SHORTEST_MONTH)
    )


def notices_due(
    candidates: QuerySet[Candidate], *, today: dt.date, within_days: int = NOTICE_SOON_DAYS, limit: int | None = None
) -> list[NoticeDue]:
    """Candidates due to be told within `within_days` of `today`, or overdue, soonest first; the first `limit`.

    PostgreSQL orders and cuts by the due date (a firm that imported 100,000
    people owes as many notices); the rule confirms each row it returns.
    """
    by = today + dt.timedelta(days=within_days)
    rows = _owing_by(candidates, by).order_by("notice_due_on", "pk")
    due = []
    for candidate in rows if limit is None else rows[:limit]:
        day = notice_due_on(candidate)
        if day is not None and day <= by:
            due.append(NoticeDue(candidate=candidate, due_on=day, days_left=(day - today).days))
    return due


def notices_due_count(candidates: QuerySet[Candidate], *, today: dt.date, within_days: int = NOTICE_SOON_DAYS) -> int:
    return _owing_by(candidates, today + dt.timedelta(days=within_days)).count()


def _owing_by(candidates: QuerySet[Candidate], by: dt.date) -> QuerySet[Candidate]:
    return may_owe_notice(candidates, by=by).annotate(notice_due_on=_DUE_ON).filter(notice_due_on__lte=by)
