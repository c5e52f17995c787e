"""What a non-compete window means on a given day, under its jurisdiction's law."""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from talent.models import NonCompete
from talent.noncompete_rules import rule_for

ENDED_EARLY = {NonCompete.Status.WAIVED, NonCompete.Status.RELEASED, NonCompete.Status.TERMINATED}


def is_void(window: NonCompete) -> bool:
    """True when the restriction never bound the candidate (e.g. California)."""
    rule = rule_for(window.jurisdiction)
    if rule.void:
        return True
    if rule.min_compensation_ratio is not None:
        # Germany: binding only with compensation of at least half the last pay.
        if window.monthly_compensation is None or not window.last_monthly_pay:
            return True
        return window.monthly_compensation < window.last_monthly_pay * rule.min_compensation_ratio
    return False


def legal_end(window: NonCompete) -> dt.date:
    """The contractual end, cut back to the longest term the law allows."""
    rule = rule_for(window.jurisdiction)
    end = window.contractual_end
    if rule.max_months is not None:
        cap = window.starts_on + relativedelta(months=rule.max_months) - dt.timedelta(days=1)
        end = min(end, cap)
    return end


def enforceable_end(window: NonCompete) -> dt.date | None:
    """The last day the candidate is really restricted, or None if never.

    NonCompete.save() stores the result in `window.enforceable_end`; bulk
    writers must set it themselves.

    A waiver, early release or termination ends the window on its `ended_on`
    day (the candidate is free the day after).
    """
    if is_void(window):
        return None
    end = legal_end(window)
    if window.status in ENDED_EARLY and window.ended_on:
        end = min(end, window.ended_on)
    if end < window.starts_on:
        return None
    return end


def is_binding_on(window: NonCompete, today: dt.date) -> bool:
    end = enforceable_end(window)
    return end is not None and window.starts_on <= today <= end


def days_left(window: NonCompete, today: dt.date) -> int | None:
    """Days until the candidate is free (0 on the last restricted day)."""
    end = enforceable_end(window)
    if end is None or today > end:
        return None
    return (end - today).days


def unpaid_termination_available(window: NonCompete, today: dt.date) -> bool:
    """Whether the candidate may end the window for unpaid compensation (CN)."""
    months = rule_for(window.jurisdiction).unpaid_months_to_terminate
    if months is None or window.compensation_paid or window.unpaid_since is None:
        return False
    if window.status != NonCompete.Status.ACTIVE:
        return False
    return today >= window.unpaid_since + relativedelta(months=months)


@dataclass(frozen=True)
class WindowFacts:
    enforceable_end: dt.date | None
    days_left: int | None
    is_void: bool
    capped_by_law: bool
    unpaid_termination_available: bool


def window_facts(window: NonCompete, today: dt.date) -> WindowFacts:
    return WindowFacts(
        enforceable_end=enforceable_end(window),
        days_left=days_left(window, today),
        is_void=is_void(window),
        capped_by_law=legal_end(window) < window.contractual_end,
        unpaid_termination_available=unpaid_termination_available(window, today),
    )
