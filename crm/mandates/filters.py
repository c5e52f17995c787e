"""Filters of mandates and pipeline rows. A client filter matches only mandates whose client the caller may see."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from crm.models import Mandate, PipelineRow, Stage


class MandateFilter(filters.FilterSet):
    client = filters.NumberFilter(
        method="filter_client", help_text="A client id (confidential searches of it only for their team)."
    )
    status = filters.MultipleChoiceFilter(choices=Mandate.Status.choices)
    owner = filters.NumberFilter(field_name="owner")
    team = filters.NumberFilter(field_name="team")
    opened_after = filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_before = filters.DateFilter(field_name="opened_on", lookup_expr="lte")

    class Meta:
        model = Mandate
        fields = ["client", "status", "owner", "team", "is_confidential"]

    def filter_client(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(client=value, client_named=True)


class PipelineRowFilter(filters.FilterSet):
    mandate = filters.NumberFilter(field_name="mandate")
    candidate = filters.NumberFilter(field_name="candidate")
    stage = filters.MultipleChoiceFilter(choices=Stage.choices)
    open = filters.BooleanFilter(method="filter_open", help_text="Rows not placed, rejected or withdrawn.")

    class Meta:
        model = PipelineRow
        fields = ["mandate", "candidate", "stage"]

    def filter_open(self, queryset: QuerySet, name: str, value) -> QuerySet:
        closed = [Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN]
        return queryset.exclude(stage__in=closed) if value else queryset.filter(stage__in=closed)


class ClientPipelineRowFilter(filters.FilterSet):
    """What a client's key may filter on: no candidate, whose id it does not see."""

    mandate = filters.NumberFilter(field_name="mandate")
    stage = filters.MultipleChoiceFilter(choices=Stage.choices)

    class Meta:
        model = PipelineRow
        fields = ["mandate", "stage"]
