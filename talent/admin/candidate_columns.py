"""The candidate list's columns: what a candidate is doing now, and the two it sorts by in SQL.

"Days left" and "last activity" are annotations (`with_sort_columns`), so the
list sorts by them in the database and renders them without a query per row;
the other columns read the employments and non-competes the changelist has
prefetched.
"""

import datetime as dt

from django.contrib import admin
from django.db.models import Case, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.expressions import Combinable

from talent.admin.base import local_today
from talent.availability import candidate_availability, current_employment, days_left_label
from talent.models import Candidate, Employment, NonCompete
from talent.moves import latest_move as candidate_latest_move


class NullsLast(F):
    """A sort key that keeps empty values at the bottom in both directions.

    The changelist calls asc() or desc() on an expression used as
    `admin_order_field`; an OrderBy would have its nulls flipped with it.
    """

    def asc(self, **kwargs):
        return super().asc(nulls_last=True)

    def desc(self, **kwargs):
        return super().desc(nulls_last=True)


def next_window_subquery(today: dt.date, column: str) -> Subquery:
    """`column` of the window that decides when the candidate is free.

    The binding window that ends last (as talent.availability counts it), or
    when none binds, the next one to start. Windows already over, and those
    the law never let bind (no enforceable end), are left out.
    """
    upcoming = Case(When(starts_on__gt=today, then=Value(1)), default=Value(0))
    start_if_upcoming = Case(When(starts_on__gt=today, then=F("starts_on")), default=None)
    windows = NonCompete.objects.filter(candidate=OuterRef("pk"), enforceable_end__gte=today).order_by(
        upcoming, start_if_upcoming, F("enforceable_end").desc()
    )
    return Subquery(windows.values(column)[:1])


class CandidateColumnsMixin:
    """The computed columns of CandidateAdmin."""

    def with_sort_columns(self, queryset: QuerySet[Candidate], today: dt.date) -> QuerySet[Candidate]:
        return queryset.annotate(
            noncompete_end=next_window_subquery(today, "enforceable_end"),
            noncompete_starts=next_window_subquery(today, "starts_on"),
            last_activity=self.latest_activity(),
        )

    def latest_activity(self) -> Combinable:
        """When something last happened to a candidate, as far as talent knows.

        talent does not know about outreach (apps depend one way), so here it
        is the candidate's `updated_at`, which every service that changes the
        candidate or its names, contacts, schooling, stints or windows moves
        (and a recompute of stored non-compete ends). crm's candidate admin
        folds in the latest outreach note (crm.admin.desk).
        """
        return F("updated_at")

    @admin.display(description="name", ordering="native_name")
    def name(self, candidate: Candidate) -> str:
        return candidate.display_name

    @admin.display(description="current company")
    def current_company(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        return stint.company.name if stint else "—"

    @admin.display(description="current title")
    def current_title(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        return stint.title if stint else "—"

    @admin.display(description="current band")
    def current_band(self, candidate: Candidate) -> str:
        stint = current_stint(candidate)
        if stint is None or stint.level is None:
            return "—"
        band = stint.level.band
        return f"{band.name} ({stint.level.code})" if band else stint.level.code

    @admin.display(description="availability")
    def availability(self, candidate: Candidate) -> str:
        return str(candidate_availability(candidate, local_today())) if candidate.pk else "—"

    @admin.display(description="non-compete", ordering=NullsLast("noncompete_end"))
    def noncompete_days_left(self, candidate: Candidate) -> str:
        end = getattr(candidate, "noncompete_end", None)
        if end is None:
            return "—"
        today = local_today()
        days = (end - today).days
        if candidate.noncompete_starts > today:
            return f"starts {candidate.noncompete_starts.isoformat()}, ends in {days} days"
        return days_left_label(days)

    @admin.display(description="last activity", ordering=NullsLast("last_activity"))
    def last_activity(self, candidate: Candidate) -> dt.datetime | None:
        return getattr(candidate, "last_activity", candidate.updated_at)

    @admin.display(description="latest move")
    def latest_move(self, candidate: Candidate) -> str:
        if not candidate.pk:
            return "—"
        move = candidate_latest_move(list(candidate.employments.select_related("company", "level__band")))
        return str(move) if move else "—"


def current_stint(candidate: Candidate) -> Employment | None:
    return current_employment(list(candidate.employments.all())) if candidate.pk else None
