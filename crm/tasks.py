"""Celery tasks: a thin interface over crm.reminders and the status clock."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from crm.imports import import_job_work, imports_resume
from crm.imports.services import BUSY, MORE
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


# An import works this long, then hands the rest of its batches to a new task (within the task time limit).
IMPORT_TASK_BUDGET_SECONDS = 120


@shared_task(bind=True, ignore_result=True, max_retries=None)
def import_job_task(self, job_id: int) -> None:
    """Work an import job's batches; a job another worker holds is tried again shortly."""
    outcome = import_job_work(job_id=job_id, clock=timezone.now, budget_seconds=IMPORT_TASK_BUDGET_SECONDS)
    if outcome == BUSY:
        raise self.retry(countdown=5)
    if outcome == MORE:
        import_job_task.delay(job_id)


@shared_task(ignore_result=True)
def imports_resume_task() -> None:
    """Send again the import jobs whose worker died (crm.imports.imports_resume)."""
    imports_resume(now=timezone.now(), dispatch=import_job_task.delay)
