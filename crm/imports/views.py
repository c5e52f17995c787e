"""Import endpoints: upload with a dry run, the job and its rows, the run, the error file, saved sources.

Recruiters and admins (signed in or with a `recruiter` key). A job and its
rows are seen by the user who uploaded it and by admins; other jobs are 404.
"""

from django.db import transaction
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import RecruiterScope
from crm.imports import error_csv_lines, import_job_create, import_job_queue, import_job_work
from crm.imports.serializers import (
    ImportJobSerializer,
    ImportRowSerializer,
    ImportSourceSerializer,
    ImportUploadSerializer,
)
from crm.models import ImportJob, ImportSource
from crm.models.imports import ImportAction, ImportResult, ImportState


def _enqueue(job_id: int) -> None:
    from crm.tasks import import_job_task

    transaction.on_commit(lambda: import_job_task.delay(job_id))


@extend_schema_view(
    list=extend_schema(summary="List import sources", description="Saved column mappings and options per source."),
    retrieve=extend_schema(summary="One import source"),
    create=extend_schema(summary="Create an import source"),
)
class ImportSourceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = ImportSourceSerializer
    queryset = ImportSource.objects.all()
    ordering = ["name", "id"]
    ordering_fields = ["name", "id"]

    def perform_create(self, serializer) -> None:
        instance = ImportSource(**serializer.validated_data)
        instance.full_clean()
        instance.save()
        serializer.instance = instance


@extend_schema_view(
    list=extend_schema(summary="List imports", description="Your imports (admins: all), newest first."),
    retrieve=extend_schema(
        summary="One import", description="State, progress (rows planned and done) and counts per action and result."
    ),
)
class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = ImportJobSerializer
    ordering = ["-created_at", "-id"]
    ordering_fields = ["created_at", "id"]
    filterset_fields = ["state"]

    def get_queryset(self):
        jobs = ImportJob.objects.all()
        return jobs if self.request.user.is_superuser else jobs.filter(uploaded_by=self.request.user.pk)

    def get_parsers(self):
        # The upload is multipart; DRF asks for parsers before it sets `self.action`.
        method = (getattr(self.request, "method", None) or "").lower()
        if (getattr(self, "action", None) or getattr(self, "action_map", {}).get(method)) == "create":
            return [parsers.MultiPartParser(), parsers.FormParser()]
        return super().get_parsers()

    @extend_schema(
        summary="Upload a file to import",
        description="Multipart: `file` (.csv or .xlsx), `source` (an import source id) and/or `mapping` (JSON), "
        "`dry_run` (default true). A dry run plans every row (create, update, merge, refuse with reasons) without "
        "writing candidates; a file of up to one batch is planned before the answer, a larger one by a worker "
        "(follow `state` and `rows_planned`). With `dry_run=false` the run is queued at once.",
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportJobSerializer},
    )
    def create(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        values = upload.validated_data
        job = import_job_create(
            actor=request.user,
            file_name=values["file"].name or "upload",
            data=values["file"].read(),
            source=values.get("source"),
            mapping=values.get("mapping"),
            dry_run=values["dry_run"],
            now=timezone.now(),
        )
        if job.state == ImportState.PLANNING and job.rows_total <= job.batch_size:
            import_job_work(job_id=job.pk, clock=timezone.now)
            job.refresh_from_db()
        else:
            _enqueue(job.pk)
        return Response(ImportJobSerializer(job, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="An import's rows",
        description="Row by row: the mapped cells, the planned action with its reasons, the result once run, and "
        "the candidate matched or created (by pseudonym when you are not cleared for it).",
        parameters=[
            OpenApiParameter("action", str, enum=ImportAction.values),
            OpenApiParameter("result", str, enum=[r for r in ImportResult.values if r]),
        ],
        responses={200: ImportRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], ordering=["number"], ordering_fields=["number"])
    def rows(self, request: Request, pk=None) -> Response:
        # Not get_object(): this action's ordering is for rows, not jobs.
        job = get_object_or_404(self.get_queryset(), pk=pk)
        rows = job.rows.select_related("candidate").order_by("number")
        for name, allowed in (("action", ImportAction.values), ("result", ImportResult.values)):
            value = request.query_params.get(name)
            if value is not None:
                if value not in allowed:
                    raise ValidationError({name: [f"Choose one of {', '.join(v for v in allowed if v)}."]})
                rows = rows.filter(**{name: value})
        page = self.paginate_queryset(rows)
        serializer = ImportRowSerializer(page, many=True, context={"request": request})
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="Run an import",
        description="Queue the real run of an import whose dry run is done (or that failed): rows are planned "
        "again when they run, in batches that are each all or nothing.",
        request=None,
        responses={202: ImportJobSerializer},
    )
    @action(detail=True, methods=["post"])
    def run(self, request: Request, pk=None) -> Response:
        job = import_job_queue(actor=request.user, job=self.get_object(), now=timezone.now())
        _enqueue(job.pk)
        return Response(ImportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="An import's error file",
        description="CSV (UTF-8): the refused and failed rows with their reasons and cells; before the run, the "
        "rows the dry run would refuse.",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], url_path="errors.csv", pagination_class=None)
    def errors(self, request: Request, pk=None) -> StreamingHttpResponse:
        job = self.get_object()
        response = StreamingHttpResponse(error_csv_lines(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
        return response
