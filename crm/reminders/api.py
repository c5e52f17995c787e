"""The caller's notifications and watch list."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Recruiter
from accounts.roles import recruiter_of
from api.permissions import RecruiterScope
from crm.models import Notification
from crm.models.reminders import ReminderEmail
from crm.reminders import services
from talent.access import candidates_visible_to
from talent.models import Candidate


def _caller(request: Request) -> Recruiter:
    recruiter = recruiter_of(request.user)
    if recruiter is None:
        raise PermissionDenied("Only recruiters have notifications and a watch list.")
    return recruiter


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()
    email_status = serializers.SerializerMethodField(
        help_text="The e-mail copy: pending (being sent or retried), sent, failed (given up), or null when none."
    )
    email_error = serializers.SerializerMethodField(help_text="Why the last e-mail attempt failed, if it did.")

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at", "is_read", "email_status", "email_error"]
        read_only_fields = fields

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None

    def _email(self, notification: Notification) -> ReminderEmail | None:
        return getattr(notification.reminder, "email", None) if notification.reminder is not None else None

    def get_email_status(self, notification: Notification) -> str | None:
        email = self._email(notification)
        return email.state if email is not None else None

    def get_email_error(self, notification: Notification) -> str:
        email = self._email(notification)
        return email.last_error if email is not None else ""


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's own notifications, newest first; `?unread=1` for the unread ones."""

    serializer_class = NotificationSerializer
    permission_classes = [RecruiterScope]
    ordering = ("-created_at", "-id")
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        notifications = services.notifications_of(_caller(self.request))
        if self.request.query_params.get("unread") in ("1", "true"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(responses=inline_serializer("UnreadCount", {"unread": serializers.IntegerField()}))
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        count = services.notifications_of(_caller(request)).filter(read_at__isnull=True).count()
        return Response({"unread": count})

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str) -> Response:
        notification = self.get_object()
        services.notification_mark_read(notification=notification, now=timezone.now())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=inline_serializer("MarkedRead", {"marked_read": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        marked = services.notifications_mark_all_read(recruiter=_caller(request), now=timezone.now())
        return Response({"marked_read": marked})


class WatchedCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()
    owner = serializers.IntegerField(source="owner_id", read_only=True, allow_null=True)

    def get_name(self, candidate) -> str:
        return candidate.display_name if candidate.identity_cleared else candidate.pseudonym


class WatchRequestSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()


class WatchlistViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The candidates the caller watches: POST {"candidate": id} to watch, DELETE to stop."""

    serializer_class = WatchedCandidateSerializer
    permission_classes = [RecruiterScope]
    ordering = ("-updated_at", "-id")
    ordering_fields = ["updated_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Candidate.objects.none()
        return candidates_visible_to(self.request.user).filter(watchers=_caller(self.request))

    def _candidate(self, candidate_id):
        return get_object_or_404(candidates_visible_to(self.request.user), pk=candidate_id)

    @extend_schema(request=WatchRequestSerializer, responses={201: WatchedCandidateSerializer})
    def create(self, request: Request) -> Response:
        recruiter = _caller(request)
        payload = WatchRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        candidate_id = payload.validated_data["candidate"]
        candidate = candidates_visible_to(request.user).filter(pk=candidate_id).first()
        if candidate is None:
            raise ValidationError({"candidate": [f"No candidate with id {candidate_id}."]})
        services.watch_add(recruiter=recruiter, candidate=candidate, now=timezone.now())
        return Response(WatchedCandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        candidate = self._candidate(pk)
        services.watch_remove(recruiter=_caller(request), candidate=candidate, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)
