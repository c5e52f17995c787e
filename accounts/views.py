"""The API about people and access: recruiters, teams, my profile and my API keys."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import services
from accounts.filters import ApiTokenFilter, RecruiterFilter, TeamFilter
from accounts.models import ApiToken, Recruiter, Team
from accounts.roles import recruiter_of
from accounts.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    MeSerializer,
    RecruiterSerializer,
    TeamSerializer,
)
from api.permissions import KeyManagement, RecruiterScope
from api.viewsets import ConditionalRetrieveMixin, conditional_response

RECRUITERS = "Recruiters, team leads and admins (session or `recruiter` key); API clients get 403."


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
