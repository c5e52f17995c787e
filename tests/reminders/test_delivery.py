"""Delivery, messages, the due-instant rule and the claim query's plan."""

import datetime as dt
import smtplib
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from crm.models import Notification, Reminder
from crm.models.reminders import ReminderEmail
from crm.reminders import due_instant, reminder_deliver, reminder_email_send, reminders_plan
from crm.reminders.outbox import is_permanent
from crm.reminders.sweep import claimable_reminders
from tests.factories import CandidateFactory, RecruiterFactory, TeamFactory
from tests.reminders.conftest import SHANGHAI, local, window_for
from tests.reminders.worker import SmtpSink, free_port

ZONES = ["Asia/Shanghai", "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)), zone=st.sampled_from(ZONES))
def test_every_due_instant_is_0900_local_on_its_day(day, zone):
    due = due_instant(day, zone)
    assert due.tzinfo == dt.UTC
    back = due.astimezone(zoneinfo.ZoneInfo(zone))
    assert (back.date(), back.hour, back.minute) == (day, 9, 0)


@pytest.mark.django_db
def test_delivering_twice_gives_one_notification_and_one_email_with_a_stable_message_id(at):
    recruiter = RecruiterFactory(reminder_milestones=[0])
    end = dt.date(2026, 12, 20)
    with at(local(end, 8, SHANGHAI)):
        window = window_for(recruiter, end)
        reminders_plan(now=timezone.now())
    [reminder] = Reminder.objects.filter(noncompete=window)
    with at(local(end, 9, SHANGHAI)):
        assert reminder_deliver(reminder_id=reminder.pk, now=timezone.now()) == "delivered"
        assert reminder_deliver(reminder_id=reminder.pk, now=timezone.now()) == "gone"
        [queued] = ReminderEmail.objects.all()
        assert reminder_email_send(email_id=queued.pk, now=timezone.now()) == "sent"
        assert reminder_email_send(email_id=queued.pk, now=timezone.now()) == "gone"
    assert Notification.objects.count() == 1
    [email] = mail.outbox
    assert email.extra_headers["Message-ID"] == (
        f"<reminder.nc.{window.pk}.t0.end2026-12-20.m0.r{recruiter.pk}@talentbase.invalid>"
    )
    assert email.to == [recruiter.user.email]
    assert f"http://127.0.0.1:8000/admin/talent/candidate/{window.candidate_id}/change/" in email.body
    assert f"/api/v1/candidates/{window.candidate_id}/" in email.body
    assert window.employer.name in email.body and "Enforceable end: 2026-12-20" in email.body


@pytest.mark.django_db
def test_a_reminder_not_yet_due_is_not_delivered(at):
    recruiter = RecruiterFactory(reminder_milestones=[0])
    end = dt.date(2026, 12, 20)
    with at(local(end, 8, SHANGHAI)):
        window_for(recruiter, end)
        reminders_plan(now=timezone.now())
        [reminder] = Reminder.objects.all()
        assert reminder_deliver(reminder_id=reminder.pk, now=timezone.now()) == "not due"
    assert Notification.objects.count() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_a_watcher_not_cleared_for_a_confidential_candidate_sees_the_pseudonym(at, sweep):
    owner = RecruiterFactory(reminder_milestones=[0])
    outsider = RecruiterFactory(reminder_milestones=[0], team=TeamFactory())
    end = dt.date(2026, 12, 20)
    with at(local(end, 8, SHANGHAI)):
        candidate = CandidateFactory(owner=owner, is_confidential=True, pseudonym="Falcon", native_name="李雷")
        candidate.watchers.add(outsider)
        window_for(owner, end, candidate=candidate)
    sweep(local(end, 9, SHANGHAI))
    outsider_note = Notification.objects.get(recipient=outsider)
    owner_note = Notification.objects.get(recipient=owner)
    assert "Falcon" in outsider_note.title and "李雷" not in outsider_note.body
    assert "李雷" in owner_note.title


@pytest.mark.django_db
def test_claim_query_uses_the_partial_index_when_nothing_is_due():
    recruiter = RecruiterFactory()
    window = window_for(recruiter, dt.date(2026, 12, 20))
    now = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    rows = [
        Reminder(
            key=f"bench:{i}",
            group_key=f"bench:{i}",
            kind=Reminder.Kind.MILESTONE,
            noncompete=window,
            recipient=recruiter,
            fires_on=dt.date(2026, 1, 1),
            due_at=now - dt.timedelta(days=300),
            next_attempt_at=now - dt.timedelta(days=300),
            state=Reminder.State.SENT if i % 100 else Reminder.State.PENDING,
            sent_at=now,
        )
        for i in range(4000)
    ]
    for row in rows:
        if row.state == Reminder.State.PENDING:
            row.due_at = row.next_attempt_at = now + dt.timedelta(days=1)
            row.sent_at = None
    Reminder.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE crm_reminder")
    plan = claimable_reminders(now=now).select_for_update(skip_locked=True).values("pk")[:100].explain()
    assert "reminder_claim_idx" in plan, plan


def smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


@pytest.mark.django_db
def test_while_smtp_is_down_the_in_app_notice_arrives_and_the_email_is_retried_with_backoff(at, sweep, settings):
    smtp_settings(settings, free_port())  # nothing listens there yet
    settings.REMINDERS_EMAIL_RETRY_SECONDS = 60
    mailed = RecruiterFactory(reminder_milestones=[0])
    end = dt.date(2026, 12, 20)
    with at(local(end, 8, SHANGHAI)):
        window_for(mailed, end)
    due = local(end, 9, SHANGHAI)
    sweep(due)
    assert Notification.objects.filter(recipient=mailed).count() == 1
    email = ReminderEmail.objects.get()
    assert (email.state, email.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in email.last_error
    # The first retry waits 30 to 60 seconds (60 s with jitter), the next 60 to 120.
    assert due + dt.timedelta(seconds=30) <= email.next_attempt_at <= due + dt.timedelta(seconds=60)
    sweep(due + dt.timedelta(seconds=29))
    assert ReminderEmail.objects.get().attempts == 1
    sweep(due + dt.timedelta(seconds=61))
    email = ReminderEmail.objects.get()
    assert email.attempts == 2 and email.next_attempt_at >= due + dt.timedelta(seconds=61 + 60)
    with SmtpSink() as sink:
        smtp_settings(settings, sink.port)
        sweep(due + dt.timedelta(minutes=5))
    email = ReminderEmail.objects.get()
    assert (email.state, email.attempts, email.sent_at) == ("sent", 3, due + dt.timedelta(minutes=5))
    [message] = sink.messages
    assert message["Message-ID"] == email.message_id
    assert Notification.objects.filter(recipient=mailed).count() == 1


@pytest.mark.django_db
def test_a_refused_address_is_given_up_after_the_bound_and_the_failure_shows_on_the_notification(at, sweep, settings):
    settings.REMINDERS_EMAIL_MAX_ATTEMPTS = 3
    settings.REMINDERS_EMAIL_RETRY_SECONDS = 60
    refused = RecruiterFactory(reminder_milestones=[0])
    accepted = RecruiterFactory(reminder_milestones=[0])
    end = dt.date(2026, 12, 20)
    with at(local(end, 8, SHANGHAI)):
        window_for(refused, end).candidate.watchers.add(accepted)
    due = local(end, 9, SHANGHAI)
    with SmtpSink(refuse=(refused.user.email,)) as sink:
        smtp_settings(settings, sink.port)
        for minutes in range(0, 60, 5):
            sweep(due + dt.timedelta(minutes=minutes))
    assert len(sink.refused) == 3
    assert [m["To"] for m in sink.messages] == [accepted.user.email]
    failed = ReminderEmail.objects.get(to=refused.user.email)
    assert (failed.state, failed.attempts) == ("failed", 3)
    assert "SMTPRecipientsRefused" in failed.last_error and "550" in failed.last_error
    assert Notification.objects.filter(recipient=refused).count() == 1
    client = APIClient()
    client.force_authenticate(refused.user)
    [shown] = client.get("/api/v1/notifications/").json()["results"]
    assert shown["email_status"] == "failed" and "550" in shown["email_error"]


def test_only_5xx_replies_are_permanent():
    assert is_permanent(smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such mailbox")}))
    assert not is_permanent(smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"Mailbox busy")}))
    assert is_permanent(smtplib.SMTPDataError(554, b"Rejected"))
    assert not is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not is_permanent(ConnectionRefusedError())
    assert not is_permanent(TimeoutError())
