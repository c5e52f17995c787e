"""Celery tasks: a thin interface over crm.reminders and the status clock."""

import datetime as dt
import logging
import smtplib

from celery import shared_task
from django.utils import timezone

from crm.reminders import reminder_deliver, reminders_sweep
from crm.status.feed import status_clock_sweep

logger = logging.getLogger(__name__)


def _enqueue_deliveries(reminder_ids: list[int]) -> None:
    # The sweep calls this after its claim has committed.
    reminders_deliver_task.delay(reminder_ids)


@shared_task(ignore_result=True)
def reminders_sweep_task() -> None:
    reminders_sweep(now=timezone.now(), dispatch=_enqueue_deliveries)


@shared_task(ignore_result=True)
def reminders_deliver_task(reminder_ids: list[int]) -> None:
    for reminder_id in reminder_ids:
        try:
            reminder_deliver(reminder_id=reminder_id, now=timezone.now())
        except (smtplib.SMTPException, OSError):
            # The delivery rolled back; its lease runs out and the next sweep
            # claims it again. The rest of the batch should not wait for it.
            logger.exception("Reminder %s could not be e-mailed; it will be retried.", reminder_id)


@shared_task
def status_clock_sweep_task(today: str | None = None) -> int:
    """Log the status changes that happen by the calendar alone (windows ending, follow-ups passing)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return status_clock_sweep(today=day)
