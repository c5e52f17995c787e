"""Reminders (read-only history of what was planned and sent) and in-app notifications."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from crm.models import Notification, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "recipient", "milestone", "fires_on", "due_at", "state", "late", "sent_at"]
    list_filter = ["state", "kind", "late"]
    list_select_related = ["recipient__user"]
    search_fields = ["key", "recipient__user__username"]
    date_hierarchy = "due_at"
    ordering = ["-due_at", "-id"]
    readonly_fields = [field.name for field in Reminder._meta.fields]

    # The sweep plans and delivers reminders; the admin only shows them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Reminder | None = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient__user"]
    search_fields = ["title", "recipient__user__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "reminder", "title", "body", "url", "created_at", "read_at"]
    actions = ["mark_read"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        notifications = super().get_queryset(request)
        # Staff read their own notifications; only superusers see everyone's.
        return notifications if request.user.is_superuser else notifications.filter(recipient__user=request.user)

    @admin.action(description="Mark selected notifications as read")
    def mark_read(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        marked = queryset.filter(read_at__isnull=True).update(read_at=timezone.now())
        self.message_user(request, f"{marked} notification(s) marked as read.")
