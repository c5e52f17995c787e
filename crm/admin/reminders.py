"""Reminders (read-only history of what was planned and sent), their e-mail outbox and in-app notifications."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from crm.models import Notification, Reminder
from crm.models.reminders import ReminderEmail


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "recipient", "fact", "milestone", "fires_on", "due_at", "state", "late", "sent_at"]
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


@admin.register(ReminderEmail)
class ReminderEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "state", "attempts", "next_attempt_at", "last_error", "sent_at"]
    list_filter = ["state"]
    search_fields = ["to", "subject", "message_id"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    readonly_fields = [field.name for field in ReminderEmail._meta.fields]

    # The outbox step sends and retries e-mails; the admin only shows them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReminderEmail | None = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "email_status"]
    list_filter = [("read_at", admin.EmptyFieldListFilter), ("reminder__email__state", admin.AllValuesFieldListFilter)]
    list_select_related = ["recipient__user", "reminder__email"]
    search_fields = ["title", "recipient__user__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "reminder", "title", "body", "url", "created_at", "read_at", "email_status"]
    actions = ["mark_read"]

    @admin.display(description="E-mail")
    def email_status(self, notification: Notification) -> str:
        email = getattr(notification.reminder, "email", None) if notification.reminder else None
        if email is None:
            return "-"
        if email.state == ReminderEmail.State.FAILED:
            return f"given up after {email.attempts} tries: {email.last_error}"
        return email.get_state_display()

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
