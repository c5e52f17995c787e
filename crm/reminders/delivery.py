"""Delivery of one claimed reminder: the in-app notice and the e-mail outbox row, exactly once.

The Notification insert, the ReminderEmail outbox row and the state change
happen under the reminder's row lock in one transaction, and nothing else:
the e-mail is sent afterwards from the outbox (crm.reminders.outbox), so a
refused address or an SMTP outage never holds back the in-app notice. If the
worker dies before the commit, everything is rolled back and the reminder is
retried after its lease.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction

from crm.models import Notification, Reminder
from crm.models.reminders import ReminderEmail
from crm.reminders.messages import message_id, reminder_message
from crm.reminders.planning import (
    PlanWindow,
    note_reminders,
    notes_plan,
    notice_reminders,
    notices_plan,
    window_reminders,
    windows_plan,
)

DELIVERED = "delivered"
GONE = "gone"
BUSY = "busy"
NOT_DUE = "not due"
REPLANNED = "replanned"
SUPERSEDED = "superseded"


def _still_planned(reminder: Reminder, now: dt.datetime) -> bool:
    """Do today's facts still call for this reminder, at this instant? If not, replan its source.

    A reminder claimed while its window changed (moved, waived) is not merely
    dropped: the replan deletes it and plans what the new fact calls for.
    """
    today = now.astimezone(dt.UTC).date()
    days = PlanWindow(
        since_day=min(today - dt.timedelta(days=1), reminder.end_on or reminder.fires_on, reminder.fires_on),
        horizon_day=today + dt.timedelta(days=settings.REMINDERS_HORIZON_DAYS),
        now=now,
    )
    if reminder.noncompete_id is not None:
        history = Reminder.objects.filter(noncompete_id=reminder.noncompete_id)
        planned = window_reminders(reminder.noncompete, days=days, history=history)
    elif reminder.candidate_id is not None:
        planned = notice_reminders(reminder.candidate, days=days)
    else:
        planned = note_reminders(reminder.note, days=days)
    current = next((p for p in planned if p.key == reminder.key), None)
    if current is not None and (
        # A correction is due at once whenever planned; its key holds all it says.
        reminder.kind == Reminder.Kind.CORRECTION
        or (current.due_at, current.fires_on, current.end_on) == (reminder.due_at, reminder.fires_on, reminder.end_on)
    ):
        return True
    if reminder.noncompete_id is not None:
        windows_plan(window_ids=[reminder.noncompete_id], days=days)
    elif reminder.candidate_id is not None:
        notices_plan(candidate_ids=[reminder.candidate_id], days=days)
    else:
        notes_plan(note_ids=[reminder.note_id], days=days)
    return False


def _superseded(reminder: Reminder, now: dt.datetime) -> bool:
    """A later reminder of the same fact, as told this time, is due too (after an outage): only that one counts.

    Reminders about another fact never hide this one: a sent "ends in 1 day"
    about the old end says nothing about the corrected end.
    """
    return (
        Reminder.objects.filter(
            group_key=reminder.group_key,
            fact=reminder.fact,
            telling=reminder.telling,
            fires_on__gt=reminder.fires_on,
            due_at__lte=now,
            state__in=[Reminder.State.PENDING, Reminder.State.SENT],
        )
        .exclude(pk=reminder.pk)
        .exists()
    )


def _last_told(reminder: Reminder) -> Reminder | None:
    """The latest reminder the recipient got about this window, if it was about another fact."""
    if reminder.noncompete_id is None:
        return None
    last = (
        Reminder.objects.filter(group_key=reminder.group_key, state=Reminder.State.SENT)
        .exclude(kind=Reminder.Kind.FOLLOW_UP)
        .order_by("-sent_at", "-pk")
        .first()
    )
    return last if last is not None and last.fact != reminder.fact else None


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
        # "Free now" and corrections are news whenever they arrive; milestones and follow-ups have a day.
        scheduled = reminder.kind in (Reminder.Kind.MILESTONE, Reminder.Kind.FOLLOW_UP, Reminder.Kind.NOTICE)
        reminder.late = scheduled and now - reminder.due_at > late_after
        reminder.corrects = _last_told(reminder)
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
        if recipient.email_reminders and recipient.user.email:
            ReminderEmail.objects.create(
                reminder=reminder,
                to=recipient.user.email,
                subject=message.subject,
                body=message.body,
                message_id=message_id(reminder),
                next_attempt_at=now,
                created_at=now,
            )
        reminder.state = Reminder.State.SENT
        reminder.sent_at = now
        reminder.save(update_fields=["state", "sent_at", "late", "corrects", "updated_at"])
    return DELIVERED
