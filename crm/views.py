"""The recruiting API: outreach notes, recruiters, teams and API keys."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crm import services
from crm.filters import ApiTokenFilter, OutreachNoteFilter, RecruiterFilter, TeamFilter
from crm.models import ApiToken, OutreachNote, Recruiter, Team
from crm.permissions import KeyManagement, NoteAuthorOrAdmin, RecruiterScope
from crm.roles import recruiter_of
from crm.selectors import notes_visible_to
from crm.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    MeSerializer,
    OutreachNoteSerializer,
    RecruiterSerializer,
    TeamSerializer,
)
from crm.viewsets import ConditionalRetrieveMixin, ServiceModelViewSet, conditional_response
from talent.models import Candidate
from talent.visibility import candidates_visible_to

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


def cleared_candidates(user) -> QuerySet[Candidate]:
    """Candidates whose private fields (notes among them) `user` may see."""
    return candidates_visible_to(user).filter(identity_cleared=True)


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
        user = self.request.user
        notes = notes_visible_to(user).filter(candidate__in=cleared_candidates(user).values("pk"))
        return notes.select_related("author__user")

    def service_create(self, validated_data: dict) -> OutreachNote:
        author = recruiter_of(self.request.user)
        if author is None:
            raise PermissionDenied("Only users with a recruiter profile can log notes.")
        candidate = validated_data.pop("candidate")
        if not cleared_candidates(self.request.user).filter(pk=candidate.pk).exists():
            raise ValidationError({"candidate": ["You may not log notes on this confidential candidate."]})
        return services.outreach_note_log(author=author, candidate=candidate, **validated_data)

    def service_update(self, instance: OutreachNote, validated_data: dict) -> OutreachNote:
        validated_data.pop("candidate", None)
        return services.outreach_note_update(note=instance, **validated_data)

    def service_destroy(self, instance: OutreachNote) -> None:
        services.outreach_note_delete(note=instance)


@extend_schema_view(
    list=extend_schema(summary="List recruiters", description=f"{RECRUITERS} Filters: `team`, `city`."),
    retrieve=extend_schema(summary="One recruiter", description=f"{RECRUITERS} Conditional GET with ETag."),
)
class RecruiterViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = RecruiterSerializer
    filterset_class = RecruiterFilter
    queryset = Recruiter.objects.select_related("user")
    ordering_fields = ["id"]
    ordering = ["id"]

    def my_profile(self) -> Recruiter:
        recruiter = recruiter_of(self.request.user)
        if recruiter is None:
            raise NotFound("You have no recruiter profile.")
        return Recruiter.objects.select_related("user").get(pk=recruiter.pk)

    @extend_schema(
        methods=["GET"],
        summary="My profile",
        description=f"{RECRUITERS} Includes the caller's role and reminder preferences. Conditional GET with ETag.",
        responses=MeSerializer,
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Change my preferences",
        description="The caller only: `timezone` (IANA), `city`, `reminder_milestones` (days before a "
        "non-compete ends), `email_reminders`, `in_app_reminders`. Other fields are ignored.",
        request=MeSerializer,
        responses=MeSerializer,
        examples=[
            OpenApiExample(
                "Move to Singapore",
                value={"timezone": "Asia/Singapore", "reminder_milestones": [60, 30, 7]},
                request_only=True,
            )
        ],
    )
    @action(detail=False, methods=["get", "patch"], serializer_class=MeSerializer, filter_backends=[])
    def me(self, request: Request) -> Response:
        recruiter = self.my_profile()
        if request.method == "GET":
            return conditional_response(request, MeSerializer(recruiter, context=self.get_serializer_context()).data)
        serializer = MeSerializer(recruiter, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        preferences = {k: v for k, v in serializer.validated_data.items() if k in services.RECRUITER_PREFERENCES}
        services.recruiter_update_preferences(recruiter=recruiter, **preferences)
        return Response(MeSerializer(self.my_profile(), context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="List teams", description=f"{RECRUITERS} Filters: `name` (contains)."),
    retrieve=extend_schema(summary="One team", description=f"{RECRUITERS} Conditional GET with ETag."),
)
class TeamViewSet(ConditionalRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated, RecruiterScope]
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    queryset = Team.objects.prefetch_related("members")
    ordering_fields = ["name", "id"]
    ordering = ["name"]


KEYS = "Any signed-in user, for their own keys (session or `recruiter` key; a `status:read` key gets 403)."


@extend_schema_view(
    list=extend_schema(
        summary="List my API keys",
        description=f"{KEYS} Keys are never shown again, only their prefix. Filters: `scope`, `active`.",
    ),
    retrieve=extend_schema(summary="One of my API keys", description=f"{KEYS} Conditional GET with ETag."),
    destroy=extend_schema(summary="Revoke an API key", description=f"{KEYS} The key stops working at once."),
)
class ApiTokenViewSet(ConditionalRetrieveMixin, viewsets.ModelViewSet):
    http_method_names = ["get", "post", "delete", "head", "options"]
    permission_classes = [IsAuthenticated, KeyManagement]
    serializer_class = ApiTokenSerializer
    filterset_class = ApiTokenFilter
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at"]

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user)

    @extend_schema(
        summary="Create an API key",
        description=f"{KEYS} The response carries the key in `key`, the only time it is shown; only its SHA-256 "
        "is stored. Scope `recruiter` (recruiters and admins only) acts with your rights; `status:read` may only "
        "read /api/v1/status/. `expires_at` is optional.",
        request=ApiTokenCreateSerializer,
        responses={201: ApiTokenCreatedSerializer},
        examples=[
            OpenApiExample(
                "HR sync key",
                value={"name": "HR sync", "scope": "status:read", "expires_at": "2027-06-30T00:00:00Z"},
                request_only=True,
            )
        ],
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = ApiTokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, raw = services.token_create(user=request.user, **serializer.validated_data)
        token.key = raw
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Revoke an API key (POST form)",
        description=f"{KEYS} Same as DELETE, for clients that cannot send DELETE. Returns the revoked key.",
        request=None,
        responses=ApiTokenSerializer,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        token = self.get_object()
        services.token_revoke(token=token)
        return Response(ApiTokenSerializer(token).data)
