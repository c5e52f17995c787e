"""What a non-compete window means on a given day, under its jurisdiction's law.

The enforceable end is computed once, by the services (talent.services), from
the window's terms and the departure date of the stint it came from, and
stored in `NonCompete.enforceable_end`. Everything that reads a window on a
given day (availability, selectors, the status payload, reminders) reads that
stored column; `enforceable_end(window)` here is for the writers.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models

from talent.models import NonCompete
from talent.noncompete_rules import HalfPayTest, WindowTerms

ENDED_EARLY = {NonCompete.Status.WAIVED, NonCompete.Status.RELEASED, NonCompete.Status.TERMINATED}
ENDED_BY_EMPLOYER = {NonCompete.Status.WAIVED, NonCompete.Status.RELEASED}


class WindowState(models.TextChoices):
    UPCOMING = "upcoming", "Not started yet"
    BINDING = "binding", "Binding"
    ENDED = "ended", "Ended"
    VOID = "void", "Never binding"


def departure_of(window: NonCompete) -> dt.date | None:
    """The end date of the stint the window came from (reads `window.employment`: select it with the window)."""
    employment = window.employment
    return employment.end_date if employment is not None else None


def terms_of(window: NonCompete) -> WindowTerms:
    ended_early = window.status in ENDED_EARLY
    return WindowTerms(
        jurisdiction=window.jurisdiction,
        starts_on=window.starts_on,
        contractual_end=window.contractual_end,
        departure=departure_of(window),
        ended_early_on=window.ended_on if ended_early else None,
        ended_by_employer=ended_early and window.status in ENDED_BY_EMPLOYER,
        monthly_compensation=window.monthly_compensation,
        compensation_currency=window.compensation_currency,
        last_monthly_pay=window.last_monthly_pay,
        last_monthly_pay_currency=window.last_monthly_pay_currency,
    )


def enforceable_end(window: NonCompete) -> dt.date | None:
    """The end the law gives the window now: what the services store. Readers use `window.enforceable_end`."""
    return terms_of(window).enforceable_end()


def legal_end(window: NonCompete) -> dt.date:
    """The contractual end cut back by the law, ignoring any early end (the natural end)."""
    return terms_of(window).legal_end()


def is_void(window: NonCompete) -> bool:
    """True when the restriction never bound the candidate (e.g. California). Needs no stint."""
    return terms_of(window).is_void()


def is_binding_on(window: NonCompete, today: dt.date) -> bool:
    end = window.enforceable_end
    return end is not None and window.starts_on <= today <= end


def window_state(window: NonCompete, today: dt.date) -> WindowState:
    """Where the window stands on `today`, from the stored enforceable end (never from a typed status)."""
    if is_void(window):
        return WindowState.VOID
    end = window.enforceable_end
    if end is None or today > end:
        return WindowState.ENDED
    return WindowState.UPCOMING if today < window.starts_on else WindowState.BINDING


def days_left(window: NonCompete, today: dt.date) -> int | None:
    """Days until the candidate is free (0 on the last restricted day); None once free or when never bound."""
    end = window.enforceable_end
    if end is None or today > end:
        return None
    return (end - today).days


def unpaid_termination_available(window: NonCompete, today: dt.date) -> bool:
    """Whether the candidate may end the window, binding on `today`, for unpaid compensation (CN)."""
    months = terms_of(window).rule.unpaid_months_to_terminate
    if months is None or window.compensation_paid or window.unpaid_since is None:
        return False
    if window.status != NonCompete.Status.ACTIVE or not is_binding_on(window, today):
        return False
    return today >= window.unpaid_since + relativedelta(months=months)


def compensation_owed_until(window: NonCompete) -> dt.date | None:
    """The last day the employer still owes compensation after ending the window early, if the law says so.

    China: three more months after a release during the term. Germany: until
    a year after a waiver given before the employment ended.
    """
    return terms_of(window).compensation_owed_until()


@dataclass(frozen=True)
class WindowFacts:
    enforceable_end: dt.date | None
    days_left: int | None
    state: WindowState
    is_void: bool
    half_pay_test: HalfPayTest | None
    capped_by_law: bool
    unpaid_termination_available: bool
    compensation_owed_until: dt.date | None


def window_facts(window: NonCompete, today: dt.date) -> WindowFacts:
    """Every fact about a saved window on `today`. Reads `window.employment`: select it with the window."""
    terms = terms_of(window)
    return WindowFacts(
        enforceable_end=window.enforceable_end,
        days_left=days_left(window, today),
        state=window_state(window, today),
        is_void=terms.is_void(),
        half_pay_test=terms.half_pay_test(),
        capped_by_law=terms.legal_end() < window.contractual_end,
        unpaid_termination_available=unpaid_termination_available(window, today),
        compensation_owed_until=terms.compensation_owed_until(),
    )
