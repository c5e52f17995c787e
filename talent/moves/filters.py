"""Query-string filters of the moves feed and the flows matrix."""

import django_filters as filters
from django.db.models import F, Q, QuerySet

from talent.filters import _band_rank
from talent.moves.patterns import Pattern, moves_in_pattern
from talent.selectors import companies_matching


def _company_ids(term: str) -> QuerySet:
    return companies_matching(term).values("pk")


class MoveFilter(filters.FilterSet):
    company = filters.CharFilter(
        method="filter_company", help_text="Left or joined this company (name, native name or alias)."
    )
    from_company = filters.CharFilter(method="filter_from_company", help_text="Left this company (alias-aware).")
    to_company = filters.CharFilter(method="filter_to_company", help_text="Joined this company (alias-aware).")
    band = filters.CharFilter(method="filter_band", help_text="Band before or after the move (code or rank).")
    moved_after = filters.DateFilter(field_name="start_date", lookup_expr="gte", help_text="Moved on or after.")
    moved_before = filters.DateFilter(field_name="start_date", lookup_expr="lte", help_text="Moved on or before.")
    expertise = filters.CharFilter(method="filter_expertise", help_text="Comma-separated tags; all must match.")
    pattern = filters.ChoiceFilter(choices=Pattern.choices, method="filter_pattern")
    promotion = filters.BooleanFilter(method="filter_promotion", help_text="Moved up across bands.")
    candidate = filters.NumberFilter(field_name="candidate_id")

    def filter_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = _company_ids(value)
        return queryset.filter(Q(company__in=ids) | Q(from_company_id__in=ids))

    def filter_from_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(from_company_id__in=_company_ids(value))

    def filter_to_company(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(company__in=_company_ids(value))

    def filter_band(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        rank = _band_rank(name, value)
        return queryset.filter(Q(from_band_rank=rank) | Q(to_band_rank=rank))

    def filter_expertise(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        tags = [tag.strip() for tag in value.split(",") if tag.strip()]
        return queryset.filter(candidate__expertise__contains=tags) if tags else queryset

    def filter_pattern(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return moves_in_pattern(queryset, value)

    def filter_promotion(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        promoted = Q(to_band_rank__gt=F("from_band_rank"))
        unknown = Q(to_band_rank__isnull=True) | Q(from_band_rank__isnull=True)
        return (
            queryset.filter(promoted) if value else queryset.filter(Q(to_band_rank__lte=F("from_band_rank")) | unknown)
        )
