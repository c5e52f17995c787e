"""End to end with a real worker process, a real broker and a real SMTP server; and its crashes."""

import datetime as dt

import pytest
from django.utils import timezone

from crm.models import Notification, Reminder
from crm.models.reminders import ReminderEmail
from crm.reminders.schedule import local_today
from tests.factories import CandidateFactory, NonCompeteFactory, RecruiterFactory
from tests.reminders.worker import SmtpSink, Worker, wait_for, zone_past_nine

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def workers(transactional_db, tmp_path):
    started = []

    def make(smtp_port: int, **options) -> Worker:
        worker = Worker(tmp_path, smtp_port, **options)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def window_ending_tomorrow() -> tuple[list, object]:
    """Owner and watcher in a zone already past 09:00: the 1-day reminder is due now."""
    zone = zone_past_nine(timezone.now())
    owner = RecruiterFactory(timezone=zone)
    watcher = RecruiterFactory(timezone=zone)
    candidate = CandidateFactory(owner=owner)
    candidate.watchers.add(watcher)
    end = local_today(timezone.now(), zone) + dt.timedelta(days=1)
    window = NonCompeteFactory(
        candidate=candidate, starts_on=end - dt.timedelta(days=200), contractual_end=end, jurisdiction="OTHER"
    )
    return [owner, watcher], window


def due_reminders():
    return Reminder.objects.filter(due_at__lte=timezone.now())


def all_due_settled(expected: int = 6) -> bool:
    return due_reminders().count() >= expected and not due_reminders().filter(state=Reminder.State.PENDING).exists()


def expected_message_id(window, recipient, milestone: int) -> str:
    end = window.enforceable_end.isoformat()
    return f"<reminder.nc.{window.pk}.t0.end{end}.m{milestone}.r{recipient.pk}@talentbase.invalid>"


def test_non_compete_ending_tomorrow_gives_one_notification_and_one_email_per_recipient(smtp, workers):
    recipients, window = window_ending_tomorrow()
    worker = workers(smtp.port)
    worker.start()
    wait_for(all_due_settled, what=f"the due reminders to be settled\n{worker.log()}")
    wait_for(lambda: len(smtp.messages) >= 2, what="two e-mails")

    for recipient in recipients:
        [notification] = Notification.objects.filter(recipient=recipient)
        assert notification.reminder.milestone == 1
        assert "ends in 1 day" in notification.title
    sent = Reminder.objects.filter(state=Reminder.State.SENT)
    assert sorted(sent.values_list("milestone", flat=True)) == [1, 1]
    # The 30- and 7-day reminders were missed before the window was entered: skipped, not sent.
    assert set(due_reminders().exclude(milestone=1).values_list("state", flat=True)) == {"skipped"}
    assert sorted(smtp.message_ids()) == sorted(expected_message_id(window, r, 1) for r in recipients)
    assert set(ReminderEmail.objects.values_list("state", flat=True)) == {"sent"}
    assert sorted(m["To"] for m in smtp.messages) == sorted(r.user.email for r in recipients)


@pytest.mark.parametrize("step", ["claimed", "smtp_sent", "committed"])
def test_a_worker_killed_during_delivery_loses_nothing_and_duplicates_nothing_in_app(smtp, workers, tmp_path, step):
    recipients, window = window_ending_tomorrow()
    marker = tmp_path / "fault-fired"
    worker = workers(smtp.port, fault_step=step, fault_marker=marker, REMINDERS_LEASE_SECONDS="2")
    worker.start()
    wait_for(worker.has_exited, what=f"the worker to die at {step}\n{worker.log()}")
    assert marker.exists()
    worker.start()
    wait_for(all_due_settled, what=f"the due reminders to be settled after a restart\n{worker.log()}")
    expected_ids = {expected_message_id(window, r, 1) for r in recipients}
    # Every recipient's e-mail, whichever arrives first (after `smtp_sent` one may arrive twice).
    wait_for(lambda: expected_ids <= set(smtp.message_ids()), what=f"the e-mails\n{worker.log()}")

    sent = list(Reminder.objects.filter(state=Reminder.State.SENT))
    assert len(sent) == 2
    assert Notification.objects.filter(reminder__in=sent).count() == 2
    for recipient in recipients:
        assert Notification.objects.filter(recipient=recipient).count() == 1
    assert set(smtp.message_ids()) == expected_ids
    if step == "smtp_sent":
        # The one e-mail handed off before the crash goes out again after its lease, with the same Message-ID.
        wait_for(lambda: not ReminderEmail.objects.exclude(state="sent").exists(), what="the e-mails settled")
        assert len(smtp.messages) in (2, 3)
    else:
        assert len(smtp.messages) == 2


def test_an_address_refused_with_550_gets_its_notices_in_app_and_its_emails_are_given_up_after_the_bound(
    workers, tmp_path
):
    recipients, tomorrow = window_ending_tomorrow()
    refused = RecruiterFactory(timezone=recipients[0].timezone)
    tomorrow.candidate.watchers.add(refused)
    today = NonCompeteFactory(
        candidate=tomorrow.candidate,
        starts_on=tomorrow.starts_on,
        contractual_end=tomorrow.contractual_end - dt.timedelta(days=1),
        jurisdiction="OTHER",
    )
    everyone = [*recipients, refused]
    with SmtpSink(refuse=(refused.user.email,)) as smtp:
        worker = workers(
            smtp.port,
            REMINDERS_EMAIL_MAX_ATTEMPTS="3",
            REMINDERS_EMAIL_RETRY_SECONDS="1",
            REMINDERS_EMAIL_RETRY_MAX_SECONDS="2",
        )
        worker.start()
        wait_for(lambda: all_due_settled(12), what=f"the due reminders to be settled\n{worker.log()}")
        wait_for(
            lambda: ReminderEmail.objects.count() == 6 and not ReminderEmail.objects.filter(state="pending").exists(),
            what=f"every e-mail sent or given up\n{worker.log()}",
        )

    for recipient in everyone:
        notices = Notification.objects.filter(recipient=recipient)
        assert sorted(n.reminder.milestone for n in notices) == [0, 1]
    delivered = {(m["To"], m["Message-ID"]) for m in smtp.messages}
    assert len(smtp.messages) == 4
    assert delivered == {
        (r.user.email, expected_message_id(window, r, milestone))
        for r in recipients
        for window, milestone in ((tomorrow, 1), (today, 0))
    }
    given_up = ReminderEmail.objects.filter(to=refused.user.email)
    assert [(e.state, e.attempts) for e in given_up] == [("failed", 3), ("failed", 3)]
    assert all("550" in e.last_error for e in given_up)
    assert len(smtp.refused) == 6
    assert not ReminderEmail.objects.exclude(to=refused.user.email).exclude(state="sent").exists()
