import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from crm.models import Notification, Reminder
from crm.reminders import emails_claim, reminder_deliver, reminder_email_send, reminders_sweep
from tests.factories import CandidateFactory, NonCompeteFactory, RecruiterFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")


def local(day: dt.date, hour: int, zone: zoneinfo.ZoneInfo, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)


def deliver_inline(ids: list[int]) -> None:
    for reminder_id in ids:
        reminder_deliver(reminder_id=reminder_id, now=timezone.now())


def send_inline(ids: list[int]) -> None:
    for email_id in ids:
        reminder_email_send(email_id=email_id, now=timezone.now())


@pytest.fixture
def at():
    """Run a block at a frozen instant (auto_now timestamps agree with the `now` passed around)."""
    return lambda instant: time_machine.travel(instant, tick=False)


@pytest.fixture
def sweep(at, django_capture_on_commit_callbacks):
    """One scheduler tick at `instant`, delivering in-process instead of through a worker."""

    def run(instant: dt.datetime):
        with at(instant):
            with django_capture_on_commit_callbacks(execute=True):
                result = reminders_sweep(now=timezone.now(), dispatch=deliver_inline, dispatch_emails=send_inline)
            # As the delivery task does: the e-mails it just queued go to the outbox step at once.
            with django_capture_on_commit_callbacks(execute=True):
                emails_claim(now=timezone.now(), dispatch=send_inline, limit=1000)
            return result

    return run


def window_for(recipient, end: dt.date, **kwargs):
    """A China window whose enforceable end is `end`, owned by `recipient`."""
    candidate = kwargs.pop("candidate", None) or CandidateFactory(owner=recipient)
    window = NonCompeteFactory(
        candidate=candidate, starts_on=end - dt.timedelta(days=300), contractual_end=end, **kwargs
    )
    assert window.enforceable_end == end
    return window


def notifications_of(recruiter) -> list[Notification]:
    return list(Notification.objects.filter(recipient=recruiter).select_related("reminder").order_by("id"))


def sent_milestones(recruiter) -> list[int | None]:
    return [n.reminder.milestone for n in notifications_of(recruiter)]


def emails_to(recruiter) -> list:
    return [m for m in mail.outbox if recruiter.user.email in m.to]


def reminder_states(window) -> dict[str, str]:
    """The states of the window's reminders by what they are: m30, m7, ..., free, fix."""
    labels = {Reminder.Kind.FREE: "free", Reminder.Kind.CORRECTION: "fix"}
    return {labels.get(r.kind, f"m{r.milestone}"): r.state for r in Reminder.objects.filter(noncompete=window)}


@pytest.fixture
def shanghai_recruiter(db):
    return RecruiterFactory(timezone="Asia/Shanghai")


@pytest.fixture
def la_recruiter(db):
    return RecruiterFactory(timezone="America/Los_Angeles")
