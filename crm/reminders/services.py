"""Writes behind the notification and watch-list endpoints."""

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import Recruiter
from crm.models import Notification
from crm.reminders.planning import candidate_reminders_plan
from talent.models import Candidate


def notifications_of(recruiter: Recruiter) -> QuerySet[Notification]:
    # With the reminder's e-mail, whose state the API shows beside each notification.
    return Notification.objects.filter(recipient=recruiter).select_related("reminder__email")


def notification_mark_read(*, notification: Notification, now: dt.datetime) -> Notification:
    if notification.read_at is None:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, recruiter: Recruiter, now: dt.datetime) -> int:
    return notifications_of(recruiter).filter(read_at__isnull=True).update(read_at=now)


def watch_add(*, recruiter: Recruiter, candidate: Candidate, now: dt.datetime) -> None:
    """Watch a candidate; reminders of its windows are planned for the watcher at once."""
    with transaction.atomic():
        candidate.watchers.add(recruiter)
        candidate_reminders_plan(candidate=candidate, now=now)


def watch_remove(*, recruiter: Recruiter, candidate: Candidate, now: dt.datetime) -> None:
    with transaction.atomic():
        candidate.watchers.remove(recruiter)
        candidate_reminders_plan(candidate=candidate, now=now)
