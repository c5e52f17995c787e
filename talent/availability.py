"""A candidate's availability, derived from career, non-competes and holds."""

import datetime as dt
from dataclasses import dataclass

from django.db import models

from talent.models import Candidate, Employment, NonCompete
from talent.noncompetes import is_binding_on


class Availability(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    IN_NONCOMPETE = "in_noncompete", "In a non-compete"
    FREE = "free", "Free to move"
    PLACED = "placed", "Placed"
    NOT_LOOKING = "not_looking", "Not looking"


@dataclass(frozen=True)
class AvailabilityState:
    state: Availability
    until: dt.date | None = None
    days_left: int | None = None
    noncompete: NonCompete | None = None

    def __str__(self) -> str:
        if self.state == Availability.IN_NONCOMPETE:
            return f"In a non-compete until {self.until.isoformat()} ({days_left_label(self.days_left)})"
        return self.state.label


def days_left_label(days: int) -> str:
    """The countdown in words: "ends today", "1 day left", "5 days left"."""
    if days == 0:
        return "ends today"
    return f"{days} day left" if days == 1 else f"{days} days left"


def binding_noncompete(noncompetes: list[NonCompete], today: dt.date) -> NonCompete | None:
    """The window that binds longest today, if any (by the stored enforceable end)."""
    binding = [window for window in noncompetes if is_binding_on(window, today)]
    return max(binding, key=lambda window: window.enforceable_end, default=None)


def current_employment(employments: list[Employment]) -> Employment | None:
    """The open stint that started last; None when between jobs."""
    open_stints = [e for e in employments if e.end_date is None]
    return max(open_stints, key=lambda e: (e.start_date, e.pk or 0), default=None)


def candidate_availability(candidate: Candidate, today: dt.date) -> AvailabilityState:
    """Availability on `today`. Uses prefetched employments and noncompetes when present."""
    return availability_of(candidate.hold, list(candidate.employments.all()), list(candidate.noncompetes.all()), today)


def availability_of(
    hold: str, employments: list[Employment], noncompetes: list[NonCompete], today: dt.date
) -> AvailabilityState:
    """Availability on `today` from a candidate's hold, stints and windows.

    A hand-set hold wins; then a binding non-compete (many "start a company"
    to wait one out, so it outranks an open stint); then employment.
    """
    if hold == Candidate.Hold.NOT_LOOKING:
        return AvailabilityState(Availability.NOT_LOOKING)
    if hold == Candidate.Hold.PLACED:
        return AvailabilityState(Availability.PLACED)
    window = binding_noncompete(noncompetes, today)
    if window is not None:
        end = window.enforceable_end
        return AvailabilityState(Availability.IN_NONCOMPETE, until=end, days_left=(end - today).days, noncompete=window)
    if current_employment(employments) is not None:
        return AvailabilityState(Availability.EMPLOYED)
    return AvailabilityState(Availability.FREE)
