"""Celery tasks of the talent domain: thin wrappers over its services."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from talent.status.feed import status_clock_sweep


@shared_task
def status_clock_sweep_task(today: str | None = None) -> int:
    """Log the status changes that happen by the calendar alone (the feed view also runs it lazily)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return status_clock_sweep(today=day)
