"""Celery tasks: a thin interface over crm.reminders and the status clock."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from crm.reminders import emails_claim, reminder_deliver, reminder_email_send, reminders_sweep
from crm.status.feed import status_clock_sweep


def _enqueue_deliveries(reminder_ids: list[int]) -> None:
    # The sweep calls this after its claim has committed.
    reminders_deliver_task.delay(reminder_ids)


def _enqueue_emails(email_ids: list[int]) -> None:
    reminder_emails_send_task.delay(email_ids)


@shared_task(ignore_result=True)
def reminders_sweep_task() -> None:
    reminders_sweep(now=timezone.now(), dispatch=_enqueue_deliveries, dispatch_emails=_enqueue_emails)


@shared_task(ignore_result=True)
def reminders_deliver_task(reminder_ids: list[int]) -> None:
    # Delivery writes rows only; it sends no e-mail, so one recipient's mail server cannot hold back the batch.
    for reminder_id in reminder_ids:
        reminder_deliver(reminder_id=reminder_id, now=timezone.now())
    # Hand the e-mails just queued to the outbox step now rather than at the next sweep.
    emails_claim(now=timezone.now(), dispatch=_enqueue_emails, limit=len(reminder_ids))


@shared_task(ignore_result=True)
def reminder_emails_send_task(email_ids: list[int]) -> None:
    # Each failure is recorded on its row with its next attempt; the rest of the batch goes on.
    for email_id in email_ids:
        reminder_email_send(email_id=email_id, now=timezone.now())


@shared_task
def status_clock_sweep_task(today: str | None = None) -> int:
    """Log the status changes that happen by the calendar alone (windows ending, follow-ups passing)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return status_clock_sweep(today=day)
