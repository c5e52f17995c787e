"""GET /api/v1/candidates/{id}/history/: a candidate's recorded changes, newest first."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema
from pghistory.models import Events
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated

from api.pagination import ApiCursorPagination
from api.permissions import RecruiterScope
from crm.history.selectors import ORDERING, history_of_candidate
from crm.history.serializers import HistoryEntrySerializer
from talent.models import Candidate


class HistoryPagination(ApiCursorPagination):
    ordering = ORDERING


class CandidateHistoryView(ListAPIView):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = HistoryEntrySerializer
    pagination_class = HistoryPagination
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Events.objects.none()
        try:
            return history_of_candidate(user=self.request.user, candidate_id=self.kwargs["pk"])
        except Candidate.DoesNotExist:
            # The answer for a candidate that does not exist: nothing tells the two apart.
            raise Http404("No Candidate matches the given query.") from None

    @extend_schema(
        operation_id="candidates_history_list",
        summary="A candidate's history",
        description=(
            "Recruiters, team leads and admins (session or `recruiter` key); API clients and `status:read` keys "
            "get 403. Every recorded change to the candidate, its aliases, contacts, education, stints, "
            "non-competes, the outreach notes you may read and its pipeline rows on mandates whose client you "
            "may see, newest first: when, who (username, API key name), through which path (`via`: api, admin, "
            "import, merge, command) and the changed fields as `{field: [before, after]}`. A candidate whose "
            "identity you are not cleared for answers 404, as one that does not exist."
        ),
        examples=[
            OpenApiExample(
                "History",
                value={
                    "id": "talent.CandidateEvent:12",
                    "at": "2026-11-20T10:30:00Z",
                    "kind": "candidate",
                    "object_id": 42,
                    "label": "updated",
                    "via": "api",
                    "action": None,
                    "user": "wei.zhang",
                    "api_key": "HR sync",
                    "changes": {"city": ["Shanghai", "Hangzhou"]},
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
