"""Query-string filters for the recruiting lists."""

import django_filters as filters

from crm.models import OutreachNote


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
