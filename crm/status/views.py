"""Candidate status for API clients: one, many, and the changes feed."""

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.http import http_date, parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.replicas import ReadsFromReplica
from api.viewsets import ReadsWithoutTransaction
from crm.mandates.permissions import NotClientKey
from crm.status.feed import status_changes
from crm.status.payload import StatusViewer, candidate_status, status_candidates
from crm.status.serializers import (
    MAX_IDS,
    StatusChangesQuerySerializer,
    StatusChangesSerializer,
    StatusIdsSerializer,
    StatusListSerializer,
    StatusSerializer,
)
from talent.duplicates.redirects import MERGED_REDIRECT, tombstone_redirect

STATUS_EXAMPLE = {
    "id": 42,
    "name": "陆明 (Ming Lu)",
    "native_name": "陆明",
    "english_name": "Ming Lu",
    "identity_hidden": False,
    "company": None,
    "title": None,
    "level": None,
    "band": None,
    "availability": {"state": "in_noncompete", "until": "2027-02-28", "days_left": 96},
    "noncompete": {
        "employer": {"id": 3, "name": "ByteDance"},
        "enforceable_end": "2027-02-28",
        "days_left": 96,
        "restricted_companies": [{"id": 7, "name": "Moonshot AI"}],
    },
    "last_outreach": {"at": "2026-11-01T12:00:00Z", "channel": "wechat", "interest": "warm"},
    "next_follow_up_on": "2026-12-01",
    "version": "5f0c1e2d9a7b4c3e8d6f1a2b",
}
# Digits, commas and spaces with at least one digit: what StatusIdsSerializer reads (it then bounds the count).
IDS_PATTERN = r"^[0-9, ]*[0-9][0-9, ]*$"
NOT_MODIFIED = OpenApiResponse(description="Not modified: If-None-Match matched the ETag.")
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False, description="An ETag seen before."
)


def _conditional(request: Request, data: dict, *, version: str, last_modified: dt.datetime | None) -> Response:
    etag = quote_etag(version)
    tags = parse_etags(request.headers.get("If-None-Match", ""))
    response = Response(status=304) if "*" in tags or etag in tags or f"W/{etag}" in tags else Response(data)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


class StatusDetailView(ReadsWithoutTransaction, ReadsFromReplica, APIView):
    permission_classes = [IsAuthenticated, NotClientKey]

    @extend_schema(
        operation_id="status_retrieve",
        summary="A candidate's status",
        description="Identity, current job, availability, binding non-compete and (for recruiters) last "
        "outreach. The ETag is the payload's `version`; send it as If-None-Match to get 304 while unchanged. "
        "The id of a candidate merged into another answers 301 with `Location` (and `merged_into`) pointing at "
        "the survivor's status.",
        parameters=[IF_NONE_MATCH],
        responses={200: StatusSerializer, 301: MERGED_REDIRECT, 304: NOT_MODIFIED},
        examples=[OpenApiExample("A candidate in a non-compete", value=STATUS_EXAMPLE, response_only=True)],
    )
    def get(self, request: Request, pk: int) -> Response:
        today = timezone.localdate()
        viewer = StatusViewer.for_request(request)
        found = status_candidates(viewer, [pk], today=today)
        if not found:
            return tombstone_redirect(viewer.identity_user, request, pk, lambda survivor: f"/api/v1/status/{survivor}/")
        status = candidate_status(found[0], viewer=viewer, today=today)
        return _conditional(request, status, version=status["version"], last_modified=found[0].status_changed_at)


class StatusListView(ReadsWithoutTransaction, ReadsFromReplica, APIView):
    permission_classes = [IsAuthenticated, NotClientKey]

    @extend_schema(
        operation_id="status_list",
        summary="Several candidates' statuses at once",
        description=f"Up to {MAX_IDS} ids; ids with no candidate are listed in `missing`. The ETag covers "
        "the whole answer.",
        parameters=[
            OpenApiParameter("ids", OpenApiTypes.STR, required=True, description="e.g. 1,2,3", pattern=IDS_PATTERN),
            IF_NONE_MATCH,
        ],
        responses={200: StatusListSerializer, 304: NOT_MODIFIED},
        examples=[
            OpenApiExample("Two asked, one found", value={"statuses": [STATUS_EXAMPLE], "missing": [43]}),
        ],
    )
    def get(self, request: Request) -> Response:
        query = StatusIdsSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ids = query.validated_data["ids"]
        today = timezone.localdate()
        viewer = StatusViewer.for_request(request)
        candidates = {c.pk: c for c in status_candidates(viewer, ids, today=today)}
        statuses = [candidate_status(candidates[pk], viewer=viewer, today=today) for pk in ids if pk in candidates]
        missing = [pk for pk in ids if pk not in candidates]
        version = hashlib.blake2b(
            repr(([(s["id"], s["version"]) for s in statuses], missing)).encode(), digest_size=12
        ).hexdigest()
        changed_at = [c.status_changed_at for c in candidates.values() if c.status_changed_at is not None]
        return _conditional(
            request,
            {"statuses": statuses, "missing": missing},
            version=version,
            last_modified=max(changed_at, default=None),
        )


class StatusChangesView(APIView):
    permission_classes = [IsAuthenticated, NotClientKey]

    @extend_schema(
        operation_id="status_changes",
        summary="Status changes after a cursor",
        description="Every candidate whose status may have changed since `cursor`, in order, with its current "
        "status (`upsert`) or `delete` when it is gone. Start without a cursor to list every candidate; keep "
        "the `next_cursor` and poll with it forever to hold an exact mirror. A change is never skipped, even one "
        "committed late by a slow transaction; the same candidate may come again with the same status. Changes "
        "the calendar makes (a window that ended yesterday) are logged by the scheduler shortly after midnight.",
        parameters=[StatusChangesQuerySerializer],
        responses={200: StatusChangesSerializer},
        examples=[
            OpenApiExample(
                "One update and one deletion",
                value={
                    "changes": [
                        {"id": 42, "change": "upsert", "status": STATUS_EXAMPLE},
                        {"id": 17, "change": "delete", "status": None},
                    ],
                    "next_cursor": "WzEsNzQ1LDEyMDMsIjNmYTIwMWM0ZDVlNmY3YTgiXQ",
                    "has_more": False,
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        query = StatusChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localdate()
        page = status_changes(
            viewer=StatusViewer.for_request(request),
            cursor=query.validated_data.get("cursor"),
            limit=query.validated_data["limit"],
            today=today,
        )
        return Response(page)
