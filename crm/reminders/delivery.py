"""Delivery of one claimed reminder: in-app exactly once, e-mail at least once.

The Notification insert, the e-mail hand-off and the state change happen
under the reminder's row lock in one transaction. If the worker dies before
the commit, everything but the e-mail is rolled back and the reminder is
retried after its lease; the e-mail then goes out again with the same
Message-ID. That is the only way a reminder repeats.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction

from crm.models import Notification, Reminder
from crm.reminders.messages import reminder_email, reminder_message
from crm.reminders.planning import PlanWindow, note_reminders, notes_plan, window_reminders, windows_plan

DELIVERED = "delivered"
GONE = "gone"
BUSY = "busy"
NOT_DUE = "not due"
REPLANNED = "replanned"
SUPERSEDED = "superseded"


def _still_planned(reminder: Reminder, now: dt.datetime) -> bool:
    """Do today's facts still call for this reminder, at this instant? If not, replan its source."""
    today = now.astimezone(dt.UTC).date()
    days = PlanWindow(
        since_day=min(today - dt.timedelta(days=1), reminder.end_on or reminder.fires_on, reminder.fires_on),
        horizon_day=today + dt.timedelta(days=settings.REMINDERS_HORIZON_DAYS),
    )
    if reminder.noncompete_id is not None:
        planned = window_reminders(reminder.noncompete, days=days)
    else:
        planned = note_reminders(reminder.note, days=days)
    current = next((p for p in planned if p.key == reminder.key), None)
    if current is not None and (current.due_at, current.fires_on, current.end_on) == (
        reminder.due_at,
        reminder.fires_on,
        reminder.end_on,
    ):
        return True
    if reminder.noncompete_id is not None:
        windows_plan(window_ids=[reminder.noncompete_id], days=days)
    else:
        notes_plan(note_ids=[reminder.note_id], days=days)
    return False


def _superseded(reminder: Reminder, now: dt.datetime) -> bool:
    """A later reminder of the same window and recipient is due too (after an outage): only that one counts."""
    return (
        Reminder.objects.filter(
            group_key=reminder.group_key,
            fires_on__gt=reminder.fires_on,
            due_at__lte=now,
            state__in=[Reminder.State.PENDING, Reminder.State.SENT],
        )
        .exclude(pk=reminder.pk)
        .exists()
    )


def reminder_deliver(*, reminder_id: int, now: dt.datetime) -> str:
    """Deliver one reminder if it is still pending and due; safe to call any number of times."""
    with transaction.atomic():
        # A lean locking query; the related rows are read only if it is delivered.
        reminder = Reminder.objects.select_for_update(skip_locked=True).filter(pk=reminder_id).order_by().first()
        if reminder is None:
            # Gone, or another worker holds it right now: either way not ours.
            return GONE if not Reminder.objects.filter(pk=reminder_id).exists() else BUSY
        if reminder.state != Reminder.State.PENDING:
            return GONE
        if reminder.due_at > now:
            return NOT_DUE
        if not _still_planned(reminder, now):
            return REPLANNED
        if _superseded(reminder, now):
            reminder.state = Reminder.State.SKIPPED
            reminder.skip_reason = "superseded by a later reminder"
            reminder.save(update_fields=["state", "skip_reason", "updated_at"])
            return SUPERSEDED

        recipient = reminder.recipient
        late_after = dt.timedelta(minutes=settings.REMINDERS_LATE_AFTER_MINUTES)
        reminder.late = reminder.kind != Reminder.Kind.FREE and now - reminder.due_at > late_after
        message = reminder_message(reminder, now=now)
        if recipient.in_app_reminders:
            Notification.objects.create(
                recipient=recipient,
                reminder=reminder,
                title=message.subject,
                body=message.body,
                url=message.admin_url,
                created_at=now,
            )
        reminder.state = Reminder.State.SENT
        reminder.sent_at = now
        reminder.save(update_fields=["state", "sent_at", "late", "updated_at"])
        if recipient.email_reminders and recipient.user.email:
            # Last before the commit: a failed hand-off rolls the rest back for a retry.
            reminder_email(reminder, message).send()
    return DELIVERED
