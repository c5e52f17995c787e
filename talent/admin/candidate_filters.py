"""The candidate list's filters: current company and band, availability, non-compete ending soon."""

import datetime as dt

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, QuerySet

from talent.admin.base import (
    local_today,
)
from talent.availability import Availability
from talent.models import (
    Band,
    Candidate,
    Company,
    Employment,
)
from talent.selectors import (
    candidates_in_band_range,
    candidates_with_availability,
    candidates_with_noncompete_ending,
    careers_version,
)

# ---------------------------------------------------------------------------
# Candidate list filters


class CurrentCompanyFilter(admin.SimpleListFilter):
    title = "current company"
    parameter_name = "company"

    # One-person companies (founders waiting out a window) would bury the
    # employers recruiters filter by; those are found by search instead.
    min_headcount = 2

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        # Counting every company's staff reads all open stints (0.7 s at a million candidates): the list
        # is kept while no stint and no company changes.
        return cache.get_or_set(f"admin-current-employers:{careers_version()}", _current_employers, 3600)

    def has_output(self) -> bool:
        # Filtering by any company id (a link from elsewhere) works, listed or not.
        return True

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if not (self.value() or "").isdigit():
            return queryset
        stints = Employment.objects.filter(candidate=OuterRef("pk"), company_id=self.value(), end_date=None)
        return queryset.filter(Exists(stints))


def _current_employers() -> list[tuple[str, str]]:
    employers = (
        Company.objects.filter(employments__end_date=None)
        .annotate(headcount=Count("employments__candidate", distinct=True))
        .filter(headcount__gte=CurrentCompanyFilter.min_headcount)
        .order_by("name")
    )
    return [(str(pk), name) for pk, name in employers.values_list("pk", "name")]


class BandFilter(admin.SimpleListFilter):
    title = "current band"
    parameter_name = "band_rank"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [(str(rank), name) for rank, name in Band.objects.values_list("rank", "name")]

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if not (self.value() or "").isdigit():
            return queryset
        rank = int(self.value())
        return candidates_in_band_range(queryset, min_rank=rank, max_rank=rank)


class AvailabilityFilter(admin.SimpleListFilter):
    title = "availability"
    parameter_name = "availability"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return Availability.choices

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if self.value() not in Availability.values:
            return queryset
        return candidates_with_availability(queryset, self.value(), today=local_today())


class NonCompeteEndingFilter(admin.SimpleListFilter):
    title = "non-compete ends"
    parameter_name = "noncompete_ends_within"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [("30", "within 30 days"), ("90", "within 90 days")]

    def queryset(self, request, queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
        if self.value() not in {"30", "90"}:
            return queryset
        today = local_today()
        return candidates_with_noncompete_ending(
            queryset, after=today, before=today + dt.timedelta(days=int(self.value()))
        )
