"""Query-string filters for recruiters, teams and API keys."""

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import ApiToken, Recruiter, Team


class RecruiterFilter(filters.FilterSet):
    team = filters.NumberFilter(field_name="team_id")
    city = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Recruiter
        fields: list[str] = []


class TeamFilter(filters.FilterSet):
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Team
        fields: list[str] = []


class ApiTokenFilter(filters.FilterSet):
    scope = filters.ChoiceFilter(choices=ApiToken.Scope.choices)
    active = filters.BooleanFilter(method="filter_active", help_text="Neither revoked nor expired.")

    class Meta:
        model = ApiToken
        fields: list[str] = []

    def filter_active(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        live = Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        return queryset.filter(live) if value else queryset.exclude(live)
