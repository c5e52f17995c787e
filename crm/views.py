"""The recruiting API: outreach notes and a candidate's timeline."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.roles import recruiter_of
from api.permissions import RecruiterScope
from api.viewsets import ServiceModelViewSet
from crm import services
from crm.filters import OutreachNoteFilter
from crm.models import OutreachNote
from crm.permissions import NoteAuthorOrAdmin
from crm.selectors import notes_visible_to
from crm.serializers import OutreachNoteSerializer
from talent.access import candidates_cleared_for, candidates_visible_to
from talent.selectors import candidates_with_profile
from talent.serializers import TimelineEntrySerializer
from talent.timeline import career_entries

RECRUITERS = "Recruiters, team leads and admins (session or `recruiter` key); API clients get 403."

NOTE_EXAMPLE = {
    "candidate": 42,
    "channel": "wechat",
    "happened_at": "2026-11-20T10:30:00+08:00",
    "summary": "Open to a lab lead role after the non-compete ends in March.",
    "interest": "warm",
    "declined_reason": "",
    "follow_up_on": "2027-02-15",
    "is_confidential": False,
}


@extend_schema_view(
    list=extend_schema(
        summary="List outreach notes",
        description=f"{RECRUITERS} Notes you may read: all non-confidential ones, and confidential ones you wrote "
        "or a member of a team you lead wrote (admins: all), on candidates whose identity you are cleared for. "
        "Filters: `candidate`, `author`, `channel`, `interest`, `is_confidential`, `happened_after`, "
        "`happened_before`, `follow_up_after`, `follow_up_before`, `updated_since`; `ordering` by happened_at.",
    ),
    retrieve=extend_schema(summary="One note", description=f"{RECRUITERS} Conditional GET with ETag."),
    create=extend_schema(
        summary="Log an outreach note",
        description="Recruiters and team leads: one POST logs a conversation; the author is the caller. The "
        "candidate must be one whose identity you are cleared for. A `declined` interest needs a reason.",
        examples=[OpenApiExample("WeChat chat", value=NOTE_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(summary="Change a note", description="Its author and admins."),
    destroy=extend_schema(summary="Delete a note", description="Its author and admins."),
)
class OutreachNoteViewSet(ServiceModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope, NoteAuthorOrAdmin]
    serializer_class = OutreachNoteSerializer
    filterset_class = OutreachNoteFilter
    ordering_fields = ["happened_at", "created_at", "id"]
    ordering = ["-happened_at"]

    def get_queryset(self) -> QuerySet[OutreachNote]:
        return notes_visible_to(self.request.user).select_related("author__user")

    def service_create(self, validated_data: dict) -> OutreachNote:
        author = recruiter_of(self.request.user)
        if author is None:
            raise PermissionDenied("Only users with a recruiter profile can log notes.")
        candidate = validated_data.pop("candidate")
        if not candidates_cleared_for(self.request.user).filter(pk=candidate.pk).exists():
            # As for a note one may not read: the candidate is not there for this caller.
            raise NotFound("No such candidate.")
        return services.outreach_note_log(author=author, candidate=candidate, **validated_data)

    def service_update(self, instance: OutreachNote, validated_data: dict) -> OutreachNote:
        validated_data.pop("candidate", None)
        return services.outreach_note_update(note=instance, **validated_data)

    def service_destroy(self, instance: OutreachNote) -> None:
        services.outreach_note_delete(note=instance)


class CandidateTimelineView(GenericAPIView):
    """A candidate's career events and the outreach notes the caller may read, newest first."""

    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = TimelineEntrySerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return candidates_with_profile(candidates_visible_to(self.request.user))

    @extend_schema(
        operation_id="candidates_timeline_retrieve",
        summary="A candidate's timeline",
        description=f"{RECRUITERS} Outreach notes you may read, joins and departures and non-compete windows, "
        "newest first. Notes are left out for a confidential candidate you are not cleared for.",
        responses=TimelineEntrySerializer(many=True),
        examples=[
            OpenApiExample(
                "Timeline",
                value=[
                    {"kind": "note", "at": "2026-11-01T12:00:00Z", "summary": "Coffee chat.", "object_id": 5},
                    {
                        "kind": "joined",
                        "at": "2022-04-01T00:00:00Z",
                        "summary": "Staff Engineer at Alibaba",
                        "object_id": 9,
                    },
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request: Request, pk: int) -> Response:
        candidate = get_object_or_404(self.get_queryset(), pk=pk)
        entries = career_entries(candidate)
        notes = notes_visible_to(request.user).filter(candidate=candidate)
        entries += [
            {"kind": "note", "at": note.happened_at, "summary": note.summary, "object_id": note.pk} for note in notes
        ]
        entries.sort(key=lambda entry: (entry["at"], entry["object_id"]), reverse=True)
        return Response(TimelineEntrySerializer(entries, many=True).data)
