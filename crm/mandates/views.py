"""The API of clients, mandates and the pipeline. Each write is one service call; reads start from crm.mandates.access."""

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Recruiter
from api.permissions import RecruiterScope
from api.viewsets import ConditionalRetrieveMixin, ServiceModelViewSet
from crm.mandates import funnel, services
from crm.mandates.access import (
    MandateReader,
    mandates_visible_to,
    names_client_for,
    pipeline_visible_to,
    with_stage_counts,
)
from crm.mandates.conflicts import conflicts_for, verdict_of
from crm.mandates.filters import ClientPipelineRowFilter, MandateFilter, PipelineRowFilter
from crm.mandates.permissions import RecruiterOrClientReader
from crm.mandates.serializers import (
    ClientKeyCreatedSerializer,
    ClientKeySerializer,
    ClientMandateSerializer,
    ClientPipelineRowSerializer,
    ClientSerializer,
    ConflictReportSerializer,
    FunnelSerializer,
    MandateSerializer,
    PipelineAddSerializer,
    PipelineMoveSerializer,
    PipelineOverrideSerializer,
    PipelineRowSerializer,
    PlacementRecordSerializer,
    StageMoveSerializer,
)
from crm.models import Client, Mandate, PipelineRow

RECRUITERS = "Recruiters, team leads and admins (session or `recruiter` key)."
CLIENT_KEYS = "A `client` key lists and reads its own client's mandates and rows only (others are 404)."

# A client key reads a narrower shape of the same resources: the schema documents both.
MANDATE_FOR_READER = PolymorphicProxySerializer(
    component_name="MandateAsRead",
    serializers=[MandateSerializer, ClientMandateSerializer],
    resource_type_field_name=None,
)
PIPELINE_ROW_FOR_READER = PolymorphicProxySerializer(
    component_name="PipelineRowAsRead",
    serializers=[PipelineRowSerializer, ClientPipelineRowSerializer],
    resource_type_field_name=None,
)

CLIENT_EXAMPLE = {
    "company": "字节",
    "fee_kind": "percentage",
    "fee_percent": "25.00",
    "fee_currency": "CNY",
    "guarantee_days": 90,
    "off_limits": "block",
    "off_limits_subsidiaries": True,
    "off_limits_months": 12,
    "sectors": ["large language models"],
    "contacts": [{"name": "Wei Zhang", "title": "Head of Talent", "email": "wei@example.com", "phone": ""}],
}
MANDATE_EXAMPLE = {
    "client": 3,
    "title": "Head of pre-training",
    "band_min": "principal",
    "band_max": "principal",
    "location": "Beijing",
    "budget": "10000000.00",
    "budget_currency": "CNY",
    "opened_on": "2026-09-01",
    "is_confidential": True,
}
ROW_EXAMPLE = {
    "id": 17,
    "mandate": 4,
    "candidate_ref": {"id": 42, "name": "陆明 (Ming Lu)", "identity_hidden": False},
    "client_ref": {"id": 3, "name": "ByteDance"},
    "stage": "interested",
    "stage_changed_at": "2026-11-20T02:30:00Z",
    "submitted_at": None,
    "expected_start_on": "2027-03-01",
    "verdict": "blocked",
    "conflicts": [
        {
            "key": "noncompete:12",
            "rule": "noncompete",
            "severity": "block",
            "reason": "Non-compete with Alibaba restricts ByteDance until 2027-02-28; a start on 2027-03-01 …",
            "until": "2027-02-28",
            "days_left": 96,
            "overridden": False,
        }
    ],
    "override": None,
    "placement": None,
    "created_at": "2026-11-01T08:00:00Z",
}
FUNNEL_EXAMPLE = {
    "stages": [
        {"stage": "sourced", "reached": 10, "conversion": None, "median_days": 3.5},
        {"stage": "contacted", "reached": 6, "conversion": 0.6, "median_days": 5.0},
    ],
    "mandates": 1,
    "filled": 1,
    "median_days_to_fill": 48.0,
}


@extend_schema_view(
    list=extend_schema(summary="List clients", description=RECRUITERS),
    retrieve=extend_schema(summary="One client", description=RECRUITERS),
    create=extend_schema(
        summary="Add a client",
        description="Admins. `company` is an id or any name or alias of the company.",
        examples=[OpenApiExample("A client", value=CLIENT_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(summary="Change a client's terms", description="Admins; `contacts` replaces all."),
)
class ClientViewSet(ServiceModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = ClientSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering_fields = ["id", "created_at"]
    ordering = ["id"]
    filterset_fields = ["off_limits", "fee_kind"]

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.select_related("company").prefetch_related("contacts")

    def service_create(self, validated_data: dict) -> Client:
        return services.client_create(actor=self.request.user, **validated_data)

    def service_update(self, instance: Client, validated_data: dict) -> Client:
        validated_data.pop("company", None)
        return services.client_update(actor=self.request.user, client=instance, **validated_data)

    @extend_schema(
        summary="Make an API key for the client",
        description="Admins. The key (scope `client`) reads the client's own mandates and pipeline; it is shown once.",
        request=ClientKeySerializer,
        responses={201: ClientKeyCreatedSerializer},
    )
    @action(detail=True, methods=["post"])
    def keys(self, request: Request, pk: int) -> Response:
        client = self.get_object()
        serializer = ClientKeySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, raw = services.client_key_create(actor=request.user, client=client, **serializer.validated_data)
        body = {"id": token.pk, "name": token.name, "scope": token.scope, "key": raw}
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="List mandates",
        description=f"{RECRUITERS} Every mandate; `client_ref` is null on a confidential search outside its team. "
        f"{CLIENT_KEYS} Filters: `client`, `status`, `owner`, `team`, `is_confidential`, `opened_after`, "
        "`opened_before`.",
        responses=MANDATE_FOR_READER,
    ),
    retrieve=extend_schema(
        summary="One mandate", description=f"{RECRUITERS} {CLIENT_KEYS}", responses=MANDATE_FOR_READER
    ),
    create=extend_schema(
        summary="Open a mandate",
        description="Recruiters for themselves or their own team; admins for anyone. The owner defaults to you.",
        examples=[OpenApiExample("A confidential search", value=MANDATE_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(
        summary="Change a mandate",
        description="Its owner, its team and admins; a filled or cancelled one needs `closed_on`.",
    ),
)
class MandateViewSet(ServiceModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterOrClientReader]
    filterset_class = MandateFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering_fields = ["opened_on", "id"]
    ordering = ["-opened_on", "-id"]

    def reader(self) -> MandateReader:
        return MandateReader.for_request(self.request)

    def get_queryset(self) -> QuerySet[Mandate]:
        reader = self.reader()
        mandates = mandates_visible_to(reader)
        return mandates if reader.is_client_key else with_stage_counts(mandates)

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or not self.reader().is_client_key:
            return MandateSerializer
        return ClientMandateSerializer

    def service_create(self, validated_data: dict) -> Mandate:
        return services.mandate_create(actor=self.request.user, **validated_data)

    def service_update(self, instance: Mandate, validated_data: dict) -> Mandate:
        validated_data.pop("client", None)
        return services.mandate_update(actor=self.request.user, mandate=instance, **validated_data)

    @extend_schema(
        summary="The mandate's funnel",
        description=f"{RECRUITERS} Rows that reached each stage, conversion from the stage before, median days in "
        "each stage (finished stays) and time to fill, computed in two SQL queries.",
        responses=FunnelSerializer,
        examples=[OpenApiExample("Funnel", value=FUNNEL_EXAMPLE, response_only=True)],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def funnel(self, request: Request, pk: int) -> Response:
        mandate = get_object_or_404(mandates_visible_to(self.reader()), pk=pk)
        return Response(FunnelSerializer(funnel.mandate_funnel(mandate_id=mandate.pk)).data)


class RecruiterFunnelView(APIView):
    permission_classes = [IsAuthenticated, RecruiterScope]

    @extend_schema(
        operation_id="recruiters_funnel_retrieve",
        summary="A recruiter's funnel",
        description=f"{RECRUITERS} The funnel across the mandates the recruiter owns.",
        responses=FunnelSerializer,
        examples=[OpenApiExample("Funnel", value=FUNNEL_EXAMPLE, response_only=True)],
    )
    def get(self, request: Request, pk: int) -> Response:
        recruiter = get_object_or_404(Recruiter.objects.all(), pk=pk)
        return Response(FunnelSerializer(funnel.recruiter_funnel(recruiter_id=recruiter.pk)).data)


@extend_schema_view(
    list=extend_schema(
        summary="List pipeline rows",
        description=f"{RECRUITERS} Rows of every mandate with their current conflicts and verdict; candidates you "
        f"are not cleared for by pseudonym. {CLIENT_KEYS} Candidates by pseudonym until submitted to the client. "
        "Filters: `mandate`, `candidate`, `stage`, `open`.",
        examples=[OpenApiExample("A blocked row", value=ROW_EXAMPLE, response_only=True)],
        responses=PIPELINE_ROW_FOR_READER,
    ),
    retrieve=extend_schema(
        summary="One pipeline row", description=f"{RECRUITERS} {CLIENT_KEYS}", responses=PIPELINE_ROW_FOR_READER
    ),
)
class PipelineRowViewSet(ConditionalRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, RecruiterOrClientReader]
    ordering_fields = ["id", "stage_changed_at"]
    ordering = ["id"]

    def reader(self) -> MandateReader:
        return MandateReader.for_request(self.request)

    def get_queryset(self) -> QuerySet[PipelineRow]:
        return pipeline_visible_to(self.reader())

    def get_filterset_class(self):
        is_client = not getattr(self, "swagger_fake_view", False) and self.reader().is_client_key
        return ClientPipelineRowFilter if is_client else PipelineRowFilter

    @property
    def filterset_class(self):
        return self.get_filterset_class()

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or not self.reader().is_client_key:
            return PipelineRowSerializer
        return ClientPipelineRowSerializer

    def get_serializer(self, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        context = kwargs.pop("context", None) or self.get_serializer_context()
        if args and serializer_class is PipelineRowSerializer:
            rows = list(args[0]) if kwargs.get("many") else [args[0]]
            context["conflicts"] = conflicts_for(
                rows, today=timezone.localdate(), names_client=names_client_for(self.request.user)
            )
            args = (rows if kwargs.get("many") else rows[0], *args[1:])
        return serializer_class(*args, context=context, **kwargs)

    def _row(self, pk: int) -> PipelineRow:
        return get_object_or_404(self.get_queryset(), pk=pk)

    def _render(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self._row(pk)).data, status=code)

    @extend_schema(
        summary="Add a candidate to a mandate",
        description="The mandate's team. The candidate starts as sourced after the conflict checks: a blocking "
        "conflict refuses the add unless `override_reason` is given (the mandate's owner, team lead or an admin).",
        request=PipelineAddSerializer,
        responses={201: PipelineRowSerializer},
        examples=[
            OpenApiExample("Add", value={"mandate": 4, "candidate": 42, "reason": "Referral"}, request_only=True)
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = PipelineAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mandate = get_object_or_404(mandates_visible_to(self.reader()), pk=data.pop("mandate").pk)
        row = services.pipeline_add(actor=request.user, mandate=mandate, **data)
        return self._render(row.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move a row to another stage",
        description="The mandate's team. Moves follow the transition table (no jump past `submitted`); a rejected "
        "or withdrawn row is reopened to the stage it left, with a `reason`. Moving to `submitted` runs the "
        "conflict checks (`override_reason` to override a block). `placed` is reached by recording a placement.",
        request=PipelineMoveSerializer,
        responses=PipelineRowSerializer,
        examples=[OpenApiExample("Submit", value={"to_stage": "submitted", "reason": "CV sent"}, request_only=True)],
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: int) -> Response:
        row = self._row(pk)
        serializer = PipelineMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.pipeline_move(actor=request.user, row=row, **serializer.validated_data)
        return self._render(row.pk)

    @extend_schema(
        summary="Override the row's conflicts",
        description="The mandate's owner, team lead or an admin, with a written reason, recorded with who and "
        "when. It covers the conflicts standing now; a new one is not covered.",
        request=PipelineOverrideSerializer,
        responses=PipelineRowSerializer,
    )
    @action(detail=True, methods=["post"])
    def override(self, request: Request, pk: int) -> Response:
        row = self._row(pk)
        serializer = PipelineOverrideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.pipeline_override(actor=request.user, row=row, reason=serializer.validated_data["reason"])
        return self._render(row.pk)

    @extend_schema(
        summary="Record the placement",
        description="The mandate's team, cleared to edit the candidate. From `offer`: computes the fee from the "
        "client's terms, ends the candidate's open job the day before the start, adds the job at the client, "
        "starts the guarantee, places the row and fills the mandate, all or nothing.",
        request=PlacementRecordSerializer,
        responses={201: PipelineRowSerializer},
        examples=[
            OpenApiExample(
                "Placement",
                value={"start_date": "2027-03-01", "compensation": "10000000.00", "compensation_currency": "CNY"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def placement(self, request: Request, pk: int) -> Response:
        row = self._row(pk)
        serializer = PlacementRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.placement_record(actor=request.user, row=row, **serializer.validated_data)
        return self._render(row.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Check the row's conflicts now",
        description=f"{RECRUITERS} The conflicts and verdict from today's facts.",
        responses=ConflictReportSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def conflicts(self, request: Request, pk: int) -> Response:
        row = self._row(pk)
        found = conflicts_for([row], today=timezone.localdate(), names_client=names_client_for(request.user))[row.pk]
        return Response(ConflictReportSerializer({"verdict": verdict_of(found), "conflicts": found}).data)

    @extend_schema(
        summary="The row's stage history",
        description=f"{RECRUITERS} Every move, oldest first (history is never rewritten).",
        responses=StageMoveSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request: Request, pk: int) -> Response:
        row = self._row(pk)
        moves = row.moves.select_related("moved_by").order_by("moved_at", "id")
        return Response(StageMoveSerializer(moves, many=True).data)
