"""Bounds shared by every date, instant, year and free text a user can write.

Each bound is kept twice, as the conventions ask: a field validator gives the
friendly message (DRF serializers and admin forms both run a model field's
validators, and so does `full_clean`), and a CheckConstraint built here makes
the database refuse anything outside it, whichever path wrote the row.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# Wide enough for any career, contract or note; narrow enough that date
# arithmetic (a two-year cap, a reminder 30 days ahead) can never overflow.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2199, 12, 31)
# Instants are bounded by the same days, in UTC: from the first day's start up to the end of the last.
EARLIEST_INSTANT = dt.datetime.combine(EARLIEST_DAY, dt.time(), tzinfo=dt.UTC)
END_INSTANT = dt.datetime.combine(LATEST_DAY + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
CALENDAR_MESSAGE = f"Give a date between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}."

# Longest free texts: summaries and notes, and the shorter remarks.
NOTES_MAX_LENGTH = 10_000
REMARKS_MAX_LENGTH = 2_000


def validate_in_calendar(value: dt.date | dt.datetime) -> None:
    """A day or an instant within EARLIEST_DAY..LATEST_DAY (instants in UTC)."""
    if isinstance(value, dt.datetime):
        instant = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        within = EARLIEST_INSTANT <= instant < END_INSTANT
    else:
        within = EARLIEST_DAY <= value <= LATEST_DAY
    if not within:
        raise ValidationError(CALENDAR_MESSAGE, code="out_of_calendar")


YEAR_VALIDATORS = [MinValueValidator(EARLIEST_DAY.year), MaxValueValidator(LATEST_DAY.year)]


def bounded_text_field(max_length: int, **options) -> models.TextField:
    """A TextField whose length is checked like a CharField's (Django leaves a TextField's max_length to forms)."""
    return models.TextField(max_length=max_length, validators=[MaxLengthValidator(max_length)], **options)


def calendar_constraints(
    prefix: str, *, days: tuple[str, ...] = (), instants: tuple[str, ...] = (), years: tuple[str, ...] = ()
) -> list[models.CheckConstraint]:
    """CheckConstraints keeping the named DateFields, DateTimeFields and year fields within the calendar.

    A null passes, as in any SQL check; whether a field may be null is the field's own business.
    """
    conditions = {
        **{day: Q(**{f"{day}__gte": EARLIEST_DAY, f"{day}__lte": LATEST_DAY}) for day in days},
        **{instant: Q(**{f"{instant}__gte": EARLIEST_INSTANT, f"{instant}__lt": END_INSTANT}) for instant in instants},
        **{year: Q(**{f"{year}__gte": EARLIEST_DAY.year, f"{year}__lte": LATEST_DAY.year}) for year in years},
    }
    return [
        models.CheckConstraint(
            condition=condition,
            name=f"{prefix}_{field}_in_calendar",
            violation_error_code="out_of_calendar",
            violation_error_message=CALENDAR_MESSAGE,
        )
        for field, condition in conditions.items()
    ]


def text_length_constraints(prefix: str, **max_lengths: int) -> list[models.CheckConstraint]:
    """CheckConstraints keeping each named text field within its length in characters."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), max_length),
            name=f"{prefix}_{field}_length",
            violation_error_code="max_length",
            violation_error_message=f"Keep it to {max_length} characters.",
        )
        for field, max_length in max_lengths.items()
    ]
