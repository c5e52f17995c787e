"""Query-string filters for the recruiting lists."""

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from crm.models import ApiToken, OutreachNote, Recruiter, Team


class OutreachNoteFilter(filters.FilterSet):
    candidate = filters.NumberFilter(field_name="candidate_id")
    author = filters.NumberFilter(field_name="author_id", help_text="Author's recruiter id.")
    channel = filters.ChoiceFilter(choices=OutreachNote.Channel.choices)
    interest = filters.ChoiceFilter(choices=OutreachNote.Interest.choices)
    is_confidential = filters.BooleanFilter()
    happened_after = filters.IsoDateTimeFilter(field_name="happened_at", lookup_expr="gte")
    happened_before = filters.IsoDateTimeFilter(field_name="happened_at", lookup_expr="lte")
    follow_up_after = filters.DateFilter(field_name="follow_up_on", lookup_expr="gte")
    follow_up_before = filters.DateFilter(field_name="follow_up_on", lookup_expr="lte")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = OutreachNote
        fields: list[str] = []


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
