import django_filters
from django.db.models import Q, QuerySet

from talent.duplicates.keys import REASONS
from talent.models import DuplicatePair


class DuplicatePairFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DuplicatePair.Status.choices)
    reason = django_filters.ChoiceFilter(
        choices=[(r, r) for r in REASONS], field_name="reasons", lookup_expr="contains", method="filter_reason"
    )
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    candidate = django_filters.NumberFilter(method="filter_candidate", help_text="Pairs this candidate is in.")

    class Meta:
        model = DuplicatePair
        fields = ["status", "reason", "min_score", "candidate"]

    def filter_reason(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(reasons__contains=[value])

    def filter_candidate(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(Q(low_id=value) | Q(high_id=value))
