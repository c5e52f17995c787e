"""Query-string filters for the talent lists.

Candidate filters that need derived state (current company by any alias,
band, availability, non-compete ends) use talent.selectors, which do it in
SQL, so that they compose with pagination.
"""

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from talent import selectors
from talent.availability import Availability
from talent.models import Band, Candidate, Company, Employment, LevelLadder, NonCompete


def _band_rank(name: str, value: str) -> int:
    value = value.strip()
    if value.isdigit():
        return int(value)
    rank = Band.objects.filter(code=value).values_list("rank", flat=True).first()
    if rank is None:
        codes = ", ".join(Band.objects.values_list("code", flat=True))
        raise ValidationError({name: [f"Unknown band {value!r}; use a rank or one of: {codes}."]})
    return rank


class CandidateFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        help_text="Any name form (characters in either script, pinyin, English, alias) or a past or present "
        "employer. Confidential candidates you are not cleared for match on the pseudonym only.",
    )
    company = filters.CharFilter(
        method="filter_company", help_text="Currently works at this company (name, native name or alias)."
    )
    past_company = filters.CharFilter(
        method="filter_past_company", help_text="Has ever worked at this company (name, native name or alias)."
    )
    band_min = filters.CharFilter(method="filter_band_min", help_text="Current band at least this (code or rank).")
    band_max = filters.CharFilter(method="filter_band_max", help_text="Current band at most this (code or rank).")
    availability = filters.ChoiceFilter(
        choices=Availability.choices, method="filter_availability", help_text="Availability today."
    )
    noncompete_ends_after = filters.DateFilter(
        method="filter_noncompete_ends_after", help_text="Has a non-compete whose enforceable end is on or after."
    )
    noncompete_ends_before = filters.DateFilter(
        method="filter_noncompete_ends_before", help_text="Has a non-compete whose enforceable end is on or before."
    )
    expertise = filters.CharFilter(method="filter_expertise", help_text="Comma-separated tags; all must match.")
    city = filters.CharFilter(field_name="city", lookup_expr="iexact")
    country = filters.CharFilter(field_name="country", lookup_expr="iexact", help_text="ISO code, e.g. CN.")
    location = filters.CharFilter(method="filter_location", help_text="City or country code.")
    owner = filters.NumberFilter(field_name="owner_id", help_text="Owner's recruiter id.")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    is_confidential = filters.BooleanFilter()
    is_market_icon = filters.BooleanFilter()
    hold = filters.ChoiceFilter(choices=Candidate.Hold.choices[1:])

    class Meta:
        model = Candidate
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        self.list_facts: dict = {}
        queryset = super().filter_queryset(queryset)
        if not self.list_facts:
            return queryset
        asked = selectors.ListFacts(**self.list_facts)
        return selectors.candidates_with_list_facts(queryset, asked, today=timezone.localdate())

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.candidates_search(queryset, value)

    # Current company, band and availability all read the list facts: they are gathered here and applied
    # together in filter_queryset (talent.selectors.candidates_with_list_facts).
    def filter_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        self.list_facts["company"] = value
        return queryset

    def filter_past_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.candidates_at_company(queryset, value, current_only=False)

    def filter_band_min(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        self.list_facts["min_rank"] = _band_rank(name, value)
        return queryset

    def filter_band_max(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        self.list_facts["max_rank"] = _band_rank(name, value)
        return queryset

    def filter_availability(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        self.list_facts["availability"] = value
        return queryset

    def filter_noncompete_ends_after(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return selectors.candidates_with_noncompete_ending(queryset, after=value)

    def filter_noncompete_ends_before(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return selectors.candidates_with_noncompete_ending(queryset, before=value)

    def filter_expertise(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        tags = [tag.strip() for tag in value.split(",") if tag.strip()]
        return queryset.filter(expertise__contains=tags) if tags else queryset

    def filter_location(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(city__iexact=value.strip()) | Q(country__iexact=value.strip()))


def _companies_named(queryset: QuerySet, field: str, value: str) -> QuerySet:
    return queryset.filter(**{f"{field}__in": selectors.companies_matching(value)})


class CompanyFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", help_text="Part of any name or alias, any script.")
    name = filters.CharFilter(method="filter_name", help_text="Exactly this name, native name or alias.")
    kind = filters.ChoiceFilter(choices=Company.Kind.choices)
    country = filters.CharFilter(lookup_expr="iexact")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.companies_search(value, queryset)

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=selectors.companies_matching(value).values("pk"))


class LadderFilter(filters.FilterSet):
    company = filters.NumberFilter(field_name="company_id")
    company_name = filters.CharFilter(method="filter_company_name", help_text="Company name, native name or alias.")

    class Meta:
        model = LevelLadder
        fields: list[str] = []

    def filter_company_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _companies_named(queryset, "company", value)


class BandFilter(filters.FilterSet):
    code = filters.CharFilter()
    rank_min = filters.NumberFilter(field_name="rank", lookup_expr="gte")
    rank_max = filters.NumberFilter(field_name="rank", lookup_expr="lte")

    class Meta:
        model = Band
        fields: list[str] = []


class EmploymentFilter(filters.FilterSet):
    candidate = filters.NumberFilter(field_name="candidate_id")
    company = filters.CharFilter(method="filter_company", help_text="Company name, native name or alias.")
    company_id = filters.NumberFilter(field_name="company_id")
    current = filters.BooleanFilter(field_name="end_date", lookup_expr="isnull", help_text="Open stints only.")
    started_after = filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Employment
        fields: list[str] = []

    def filter_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _companies_named(queryset, "company", value)


class NonCompeteFilter(filters.FilterSet):
    candidate = filters.NumberFilter(field_name="candidate_id")
    employer = filters.CharFilter(method="filter_employer", help_text="Employer name, native name or alias.")
    status = filters.ChoiceFilter(choices=NonCompete.Status.choices)
    jurisdiction = filters.CharFilter()
    ends_after = filters.DateFilter(
        field_name="enforceable_end", lookup_expr="gte", help_text="Enforceable end on or after."
    )
    ends_before = filters.DateFilter(
        field_name="enforceable_end", lookup_expr="lte", help_text="Enforceable end on or before."
    )
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = NonCompete
        fields: list[str] = []

    def filter_employer(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _companies_named(queryset, "employer", value)
