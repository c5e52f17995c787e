"""When a person must be told that the firm holds their data.

| rule | source |
|---|---|
| Data obtained from elsewhere: tell the person within a reasonable period, at the latest one month after obtaining it | GDPR art. 14(3)(a) |
| No duty when the person already has the information (they gave consent, or came to us themselves) | GDPR art. 14(5)(a) |
| Tell the person before processing (PIPL: "before handling"); the firm applies the one-month limit to both | PIPL art. 17 |

"Collected" is `collected_on`, or the day the record was created when it is empty.
A month is a calendar month (31 January + 1 month = 28/29 February).
"""

import calendar
import datetime as dt
from dataclasses import dataclass

NOTICE_MONTHS = 1  # GDPR art. 14(3)(a)
NOTICE_SOON_DAYS = 7  # the desk and the reminder look this far ahead
# Sources where the person reached us themselves, so they already know (GDPR art. 14(5)(a)).
SELF_SOURCES = frozenset({"inbound"})
CONSENT = "consent"

RULES = (
    ("notice_within_one_month", "GDPR art. 14(3)(a)"),
    ("no_notice_when_person_has_the_information", "GDPR art. 14(5)(a)"),
    ("inform_before_processing", "PIPL art. 17"),
)


@dataclass(frozen=True)
class NoticeFacts:
    """What the rule reads of a candidate (a Candidate has all these attributes)."""

    lawful_basis: str
    source: str
    collected_on: dt.date | None
    notified_on: dt.date | None
    created_on: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def collected_day(facts) -> dt.date:
    return facts.collected_on or _created_on(facts)


def notice_due_on(facts) -> dt.date | None:
    """The last day by which the person must be told, or None when no notice is owed (any more).

    `facts` is a NoticeFacts or a Candidate (its `created_at` stands for `created_on`).
    """
    if facts.notified_on is not None:
        return None
    if facts.lawful_basis == CONSENT or facts.source in SELF_SOURCES:
        return None
    return add_months(collected_day(facts), NOTICE_MONTHS)


def notice_is_due(facts, *, today: dt.date, within_days: int = NOTICE_SOON_DAYS) -> bool:
    """Due within `within_days` of `today`, or overdue."""
    due = notice_due_on(facts)
    return due is not None and due <= today + dt.timedelta(days=within_days)


def _created_on(facts) -> dt.date:
    created_on = getattr(facts, "created_on", None)
    if created_on is not None:
        return created_on
    return facts.created_at.astimezone(dt.UTC).date()


CONSENT_DATE_MISSING = "Give the day consent was given."


def consent_errors(*, lawful_basis: str, consent_given_on: dt.date | None) -> dict[str, str]:
    """Field errors of the consent fields (the constraint `consent_basis_has_date` is the guarantee)."""
    if lawful_basis == CONSENT and consent_given_on is None:
        return {"consent_given_on": CONSENT_DATE_MISSING}
    return {}
