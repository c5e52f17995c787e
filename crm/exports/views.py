"""Export endpoints: a filtered candidate list, a mandate's pipeline and the moves feed, as CSV or XLSX.

Each export view takes its queryset, filters, ordering and serializer from
the API that lists the same rows, so a caller exports exactly what that API
would page through for them, with the same redaction. `?file=csv|xlsx`
picks the format (`format` is DRF's content-negotiation parameter). Errors
are JSON in the API's error shape, whatever the client's Accept header says.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, viewsets
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from accounts.models import ApiToken
from api.permissions import RecruiterScope, token_scope
from crm.exports.datasets import (
    Dataset,
    candidate_rows,
    candidates_dataset,
    moves_dataset,
    pipeline_dataset,
)
from crm.exports.serializers import ExportQuerySerializer, ExportRecordSerializer
from crm.exports.services import CONTENT_TYPES, export_response
from crm.mandates.access import mandates_visible_to
from crm.mandates.views import PipelineRowViewSet
from crm.models import ExportRecord
from talent.filters import CandidateFilter
from talent.moves.selectors import attach_origins
from talent.moves.views import MoveViewSet
from talent.serializers import CandidateSerializer
from talent.views import CandidateViewSet

FILE_RESPONSES = {
    (200, media_type.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY, description="The file `file` asked for.")
    for media_type in CONTENT_TYPES.values()
}
EXPORTS = "`file=csv` (default; UTF-8, streamed) or `file=xlsx`. Every export is recorded (GET /api/v1/exports/)."


class JsonErrors(BaseContentNegotiation):
    """A file when it works; otherwise JSON in the error shape, whatever Accept or `?format=` asked for."""

    def select_parser(self, request: Request, parsers: list):
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list, format_suffix: str | None = None) -> tuple:
        return JSONRenderer(), JSONRenderer.media_type


class ExportView(GenericAPIView):
    """Base of the export endpoints: GET validates the query, builds the Dataset, answers with the file."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonErrors
    pagination_class = None

    def dataset(self) -> Dataset:
        raise NotImplementedError

    def render(self, chunk: list) -> list[dict]:
        return self.get_serializer(chunk, many=True).data

    def get(self, request: Request, *args, **kwargs):
        if "format" in request.query_params:
            raise exceptions.ValidationError({"format": ["Use `file=csv` or `file=xlsx` to choose the file format."]})
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        token = request.auth if isinstance(request.auth, ApiToken) else None
        return export_response(
            dataset=self.dataset(),
            file_format=query.validated_data["file"],
            user=request.user,
            api_key_name=token.name if token else "",
            via=ExportRecord.Via.API,
            query=request.query_params.urlencode(),
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="candidates_export",
        summary="Export candidates",
        description="The candidate list as a file: the same filters, ordering and visibility as GET "
        "/api/v1/candidates/ (confidential candidates you are not cleared for by pseudonym, with names, aliases, "
        f"contacts and compensation empty). Recruiters and admins. {EXPORTS}",
        parameters=[ExportQuerySerializer],
        filters=True,
        responses=FILE_RESPONSES,
    )
)
class CandidateExportView(ExportView):
    permission_classes = CandidateViewSet.permission_classes
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    ordering_fields = CandidateViewSet.ordering_fields
    # The list's own ordering: by search rank when searching, else the most recently updated first.
    ordering = CandidateViewSet.ordering

    def get_queryset(self):
        return candidate_rows(self.request.user)

    def dataset(self) -> Dataset:
        return candidates_dataset(rows=self.filter_queryset(self.get_queryset()), render=self.render)


@extend_schema_view(
    get=extend_schema(
        operation_id="moves_export",
        summary="Export the moves feed",
        description="The moves feed as a file: the same filters, ordering and visibility as GET /api/v1/moves/. "
        f"{EXPORTS}",
        parameters=[ExportQuerySerializer],
        filters=True,
        responses=FILE_RESPONSES,
    )
)
class MoveExportView(ExportView):
    permission_classes = MoveViewSet.permission_classes
    serializer_class = MoveViewSet.serializer_class
    filterset_class = MoveViewSet.filterset_class
    ordering_fields = MoveViewSet.ordering_fields
    ordering = MoveViewSet.ordering
    get_queryset = MoveViewSet.get_queryset

    def render(self, chunk: list) -> list[dict]:
        return super().render(attach_origins(chunk))

    def dataset(self) -> Dataset:
        return moves_dataset(rows=self.filter_queryset(self.get_queryset()), render=self.render)


class RecruiterOrClientKey(permissions.BasePermission):
    """Recruiters and admins as RecruiterScope; a `client` key for its own mandates (the rows decide)."""

    message = "This export needs a recruiter or admin account, or a `client` key for its own mandates."

    def has_permission(self, request: Request, view) -> bool:
        if token_scope(request) == ApiToken.Scope.CLIENT:
            return True
        return RecruiterScope().has_permission(request, view)


@extend_schema_view(
    get=extend_schema(
        operation_id="mandates_pipeline_export",
        summary="Export a mandate's pipeline",
        description="The mandate's pipeline rows as a file, with the same visibility as GET /api/v1/pipeline/: "
        "recruiters see every row with its conflicts and verdict, candidates they are not cleared for by pseudonym "
        "and without placement pay; a `client` key exports its own mandates only (others are 404), candidates by "
        "pseudonym until submitted to it. Filters: `stage`, `open` (recruiters also `candidate`); ordering by id. "
        f"{EXPORTS}",
        parameters=[ExportQuerySerializer],
        filters=True,
        responses=FILE_RESPONSES,
    )
)
class PipelineExportView(ExportView):
    permission_classes = [IsAuthenticated, RecruiterOrClientKey]
    # The pipeline API's own reader, rows, filters (a client's narrower) and serializers (with conflicts per chunk).
    reader = PipelineRowViewSet.reader
    get_queryset = PipelineRowViewSet.get_queryset
    get_filterset_class = PipelineRowViewSet.get_filterset_class
    filterset_class = PipelineRowViewSet.filterset_class
    get_serializer_class = PipelineRowViewSet.get_serializer_class
    get_serializer = PipelineRowViewSet.get_serializer
    ordering_fields = PipelineRowViewSet.ordering_fields
    ordering = PipelineRowViewSet.ordering

    def dataset(self) -> Dataset:
        reader = self.reader()
        mandate = get_object_or_404(mandates_visible_to(reader), pk=self.kwargs["pk"])
        rows = self.filter_queryset(self.get_queryset()).filter(mandate=mandate)
        return pipeline_dataset(mandate=mandate, rows=rows, render=self.render, for_client=reader.is_client_key)


@extend_schema_view(
    list=extend_schema(
        summary="List exports",
        description="Who exported what, newest first: admins see every export, other recruiters their own. "
        "Filters: `kind`, `file_format`, `via`, `user`. A record without `finished_at` is a download that stopped "
        "before its end (`row_count` rows sent).",
    ),
    retrieve=extend_schema(summary="One export", description="Admins, or the user who exported."),
)
class ExportRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Who exported what: admins see every record, everyone else their own."""

    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = ExportRecordSerializer
    filterset_fields = ["kind", "file_format", "via", "user"]
    ordering_fields = ["started_at", "id"]
    ordering = ["-started_at", "-id"]

    def get_queryset(self):
        records = ExportRecord.objects.all()
        user = self.request.user
        return records if user.is_superuser else records.filter(user=user.pk)
