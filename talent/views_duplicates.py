"""The duplicates API: likely pairs, judging them, merging two candidates; and the redirect of a merged-away id."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import RecruiterScope
from api.serializers import BIGINT_MAX
from talent.duplicates.filters import DuplicatePairFilter
from talent.duplicates.merging import candidate_merge
from talent.duplicates.pairs import duplicate_pair_dismiss, duplicate_pair_reopen
from talent.duplicates.redirects import tombstone_redirect
from talent.duplicates.selectors import pairs_visible_to
from talent.duplicates.serializers import CandidateMergeSerializer, DuplicatePairSerializer, MergeRequestSerializer
from talent.models import Candidate

RECRUITERS = "Recruiters, team leads and admins (session or `recruiter` key)."

PAIR_EXAMPLE = {
    "id": 5,
    "low": {"id": 17, "display_name": "阳陆育 (Louis Yang)", "is_confidential": False, "owner": 7, "updated_at": "…"},
    "high": {"id": 42, "display_name": "陽陸育", "is_confidential": False, "owner": 8, "updated_at": "…"},
    "reasons": ["email", "native_name"],
    "score": 99,
    "status": "open",
    "dismissed_at": None,
    "updated_at": "2026-11-20T08:00:00Z",
}


class MergedRedirectMixin:
    """A retrieve of a merged-away id answers 301 to the survivor, for callers who may see it (else 404)."""

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            pk = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
            if not pk.isdigit() or int(pk) > BIGINT_MAX:
                raise
            detail = self.basename + "-detail"
            return tombstone_redirect(request.user, request, int(pk), lambda survivor: reverse(detail, args=[survivor]))


@extend_schema_view(
    list=extend_schema(
        summary="List likely duplicate candidates",
        description=f"{RECRUITERS} Pairs of candidates that look like one person, with the reasons and a score "
        "(0-100), highest first; only pairs whose two candidates you are cleared to see. Kept current as records "
        "change. Filters: `status` (open, dismissed), `reason`, `min_score`, `candidate`.",
        examples=[OpenApiExample("A pair", value=PAIR_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(summary="One likely duplicate pair", description=RECRUITERS),
)
class DuplicatePairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = DuplicatePairSerializer
    filterset_class = DuplicatePairFilter
    ordering_fields = ["score", "updated_at", "id"]
    ordering = ["-score", "-id"]

    def get_queryset(self):
        return pairs_visible_to(self.request.user).select_related("low", "high")

    @extend_schema(
        summary="Dismiss a pair: not the same person",
        description="Whoever may edit both candidates. A dismissed pair stays dismissed when records change.",
        request=None,
        responses={200: DuplicatePairSerializer},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk=None) -> Response:
        pair = duplicate_pair_dismiss(actor=request.user, pair=self.get_object(), now=timezone.now())
        return Response(self.get_serializer(self.get_queryset().get(pk=pair.pk)).data)

    @extend_schema(
        summary="Reopen a dismissed pair",
        description="Whoever may edit both candidates.",
        request=None,
        responses={200: DuplicatePairSerializer},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk=None) -> Response:
        pair = duplicate_pair_reopen(actor=request.user, pair=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=pair.pk)).data)

    @extend_schema(
        summary="Merge two candidates into one",
        description="Whoever answers for both candidates (owner, team lead, admins). In one transaction every "
        "alias, contact, stint, non-compete, schooling row, watcher, note, pipeline row and any other record of "
        "the merged candidate moves to the survivor; for each field `fields` chooses whose value wins, a losing "
        "name becomes an alias and the merged candidate's values are kept on the merge record. The merged id "
        "then answers 301 to the survivor, and the changes feed reports it deleted with `merged_into`. A "
        "candidate you may not see is a 404, as an unknown id is.",
        request=MergeRequestSerializer,
        responses={200: CandidateMergeSerializer},
        examples=[
            OpenApiExample(
                "Keep #42, take the English name of #17",
                value={"survivor": 42, "merged": 17, "fields": {"english_name": "merged"}},
                request_only=True,
            )
        ],
    )
    @action(detail=False, methods=["post"])
    def merge(self, request: Request) -> Response:
        query = MergeRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            tombstone = candidate_merge(
                actor=request.user,
                survivor_id=data["survivor"],
                merged_id=data["merged"],
                choices=data["fields"],
                now=timezone.now(),
            )
        except Candidate.DoesNotExist:
            raise Http404 from None
        return Response(CandidateMergeSerializer(tombstone).data)
