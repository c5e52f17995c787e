"""Two sweeps at once (two schedulers by mistake, retries) deliver every reminder exactly once."""

import datetime as dt
import threading

import pytest
from django.db import connection

from crm.models import Notification, Reminder
from crm.models.reminders import ReminderEmail
from crm.reminders import reminder_deliver, reminders_claim
from tests.factories import RecruiterFactory
from tests.reminders.conftest import window_for

NOW = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_over_1000_due_reminders_deliver_each_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recruiter = RecruiterFactory(reminder_milestones=[0])
    window = window_for(recruiter, dt.date(2026, 11, 24))
    # 1,000 due reminders of distinct groups, as 1,000 windows' would be.
    Reminder.objects.bulk_create(
        Reminder(
            key=f"nc:{window.pk}:m0:r{recruiter.pk}" if i == 0 else f"load:{i}",
            group_key=f"load:{i}",
            kind=Reminder.Kind.MILESTONE,
            noncompete=window,
            recipient=recruiter,
            milestone=0,
            fires_on=window.enforceable_end,
            end_on=window.enforceable_end,
            due_at=dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC),
            next_attempt_at=dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC),
        )
        for i in range(1000)
    )
    # Delivery re-checks each reminder against the facts; these rows are load, not plans.
    from crm.reminders import delivery

    original = delivery._still_planned
    delivery._still_planned = lambda reminder, now: True
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)
    errors = []

    def sweeper(name: str) -> None:
        try:
            start.wait()
            while True:
                # Every claimed id is delivered, and so is each id the other sweep claims: a duplicate task.
                ids = reminders_claim(now=NOW, dispatch=lambda ids: None, limit=25)
                if not ids:
                    break
                claimed[name].extend(ids)
                for reminder_id in ids:
                    reminder_deliver(reminder_id=reminder_id, now=NOW)
            for reminder_id in claimed["b" if name == "a" else "a"]:
                reminder_deliver(reminder_id=reminder_id, now=NOW)
        except Exception as error:  # surfaced in the main thread
            errors.append(error)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=sweeper, args=(name,)) for name in claimed]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        delivery._still_planned = original
    assert errors == []
    assert claimed["a"] and claimed["b"], "both sweeps took part"
    assert set(claimed["a"]).isdisjoint(claimed["b"])
    assert len(claimed["a"]) + len(claimed["b"]) == 1000
    assert Reminder.objects.filter(state=Reminder.State.SENT).count() == 1000
    assert Notification.objects.count() == 1000
    # One outbox e-mail each, with its own Message-ID; sending them is the outbox step's job.
    assert ReminderEmail.objects.count() == 1000
    assert len(set(ReminderEmail.objects.values_list("message_id", flat=True))) == 1000
