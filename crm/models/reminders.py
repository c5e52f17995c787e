"""Reminders of non-compete milestones and outreach follow-ups, and the in-app notifications they produce.

A Reminder is planned ahead as a row with a due instant in UTC (09:00 in the
recipient's zone); the sweep claims due rows and delivers them. A reminder is
about a fact ("this window ends on 2026-12-31", "this window ended early on
2026-12-10"): its `key` holds the fact, the milestone, the recipient and the
telling (how many times this recipient was told a different fact of the
window before), so a corrected fact gets fresh keys while the same fact is
never notified twice.

Delivery commits the in-app Notification together with a ReminderEmail row;
the e-mail is sent from that outbox afterwards, outside any transaction.
"""

from django.db import models
from django.db.models import Q


class Reminder(models.Model):
    class Kind(models.TextChoices):
        MILESTONE = "milestone", "Non-compete milestone"
        FREE = "free", "Non-compete ended early"
        CORRECTION = "correction", "Non-compete end date changed"
        FOLLOW_UP = "follow_up", "Outreach follow-up"
        NOTICE = "notice", "Privacy notice due (GDPR art. 14)"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped"

    key = models.CharField(max_length=120, unique=True, editable=False)
    # Reminders of one window (or note) for one recipient: after an outage only
    # the latest due one of a group is delivered.
    group_key = models.CharField(max_length=80, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    noncompete = models.ForeignKey(
        "talent.NonCompete", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    note = models.ForeignKey(
        "crm.OutreachNote", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    candidate = models.ForeignKey(
        "talent.Candidate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notice_reminders",
        help_text="For a notice reminder: the person due to be told that the firm holds their data.",
    )
    recipient = models.ForeignKey("accounts.Recruiter", on_delete=models.CASCADE, related_name="reminders")
    fact = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text='What the reminder is about: "end 2026-12-31", "free 2026-12-10", "follow_up 2026-11-30".',
    )
    telling = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="How many times the recipient was told another fact of this window before this one.",
    )
    milestone = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Days before the enforceable end.")
    fires_on = models.DateField(help_text="The recipient's local day the reminder is for.")
    end_on = models.DateField(null=True, blank=True, help_text="The enforceable end when planned.")
    due_at = models.DateTimeField(help_text="09:00 on `fires_on` in the recipient's zone, in UTC.")
    # When the sweep may claim the row next: the due instant, then pushed one
    # lease ahead at each claim so that a lost task is retried.
    next_attempt_at = models.DateTimeField(editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    skip_reason = models.CharField(max_length=100, blank=True)
    late = models.BooleanField(default=False, help_text="Delivered well after its due instant (an outage).")
    sent_at = models.DateTimeField(null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrected_by",
        help_text="The reminder about an earlier fact that this one corrects.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(noncompete__isnull=False, note__isnull=True, candidate__isnull=True)
                | Q(noncompete__isnull=True, note__isnull=False, candidate__isnull=True)
                | Q(noncompete__isnull=True, note__isnull=True, candidate__isnull=False),
                name="reminder_has_one_source",
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False), name="sent_reminder_has_sent_at"
            ),
        ]
        indexes = [
            # The sweep's claim query: pending rows whose next attempt is due.
            models.Index(fields=["next_attempt_at"], name="reminder_claim_idx", condition=Q(state="pending")),
            models.Index(fields=["group_key", "fires_on"], name="reminder_group_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class ReminderEmail(models.Model):
    """The e-mail of one delivered reminder: an outbox row, sent and retried apart from the in-app notice."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Given up"

    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, related_name="email")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # The same on every attempt, so that a resend is recognisable as the same message.
    message_id = models.CharField(max_length=200, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the outbox step may claim it next: at once, then one lease ahead at each claim, then the backoff.
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False), name="sent_reminder_email_has_sent_at"
            ),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="reminder_email_claim_idx", condition=Q(state="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Notification(models.Model):
    """An in-app message for one recruiter; a reminder produces at most one."""

    recipient = models.ForeignKey("accounts.Recruiter", on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(
        Reminder, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    title = models.CharField(max_length=300)
    body = models.TextField()
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            models.Index(fields=["recipient"], name="notification_unread_idx", condition=Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderPlanCursor(models.Model):
    """How far planning got: one row, updated by each sweep."""

    name = models.CharField(max_length=50, primary_key=True)
    planned_at = models.DateTimeField(help_text="`now` of the last planning; changes since then are replanned.")
    horizon_day = models.DateField(help_text="Reminders firing up to this day are planned.")

    def __str__(self) -> str:
        return f"{self.name}: {self.planned_at:%Y-%m-%d %H:%M} → {self.horizon_day}"
