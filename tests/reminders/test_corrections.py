"""The four ways reminders were lost after a fact changed or an address failed (issue 8), on a frozen clock."""

import datetime as dt

import pytest
from django.utils import timezone

from crm.models import Reminder
from crm.models.reminders import ReminderEmail
from crm.reminders import reminder_deliver, reminders_claim
from talent.models import NonCompete
from talent.services import noncompete_update
from tests.factories import RecruiterFactory
from tests.reminders.conftest import SHANGHAI, emails_to, local, notifications_of, window_for
from tests.reminders.worker import SmtpSink

pytestmark = pytest.mark.django_db

END = dt.date(2026, 12, 20)
DAY = dt.timedelta(days=1)


@pytest.fixture
def recruiter():
    return RecruiterFactory(timezone="Asia/Shanghai", reminder_milestones=[7, 1, 0])


@pytest.mark.parametrize("change", ["shortened", "waived"])
def test_a_sent_ends_in_1_day_does_not_hide_the_corrected_end_or_the_free_now(recruiter, at, sweep, change):
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window = window_for(recruiter, END)
    sweep(local(END - 7 * DAY, 9, SHANGHAI))
    sweep(local(END - DAY, 9, SHANGHAI))
    assert "ends in 1 day" in notifications_of(recruiter)[-1].title
    # The same afternoon: the window really ended the day before yesterday.
    with at(local(END - DAY, 15, SHANGHAI)):
        if change == "shortened":
            noncompete_update(window=window, contractual_end=END - 2 * DAY)
        else:
            noncompete_update(window=window, status=NonCompete.Status.WAIVED, ended_on=END - 2 * DAY)
    sweep(local(END - DAY, 15, SHANGHAI, 1))
    latest = notifications_of(recruiter)[-1]
    if change == "shortened":
        assert latest.title.startswith("End date changed: now 2026-12-18, was 2026-12-20")
        assert "ended 1 day ago" in latest.title and latest.reminder.late is True
    else:
        assert latest.reminder.kind == Reminder.Kind.FREE and "is free" in latest.title
        assert "End date changed: now 2026-12-18, was 2026-12-20" in latest.body
    for day in (END, END + DAY):
        sweep(local(day, 9, SHANGHAI))
    assert len(notifications_of(recruiter)) == 3
    assert len(emails_to(recruiter)) == 3


def test_an_end_moved_from_today_to_tomorrow_after_ends_today_was_sent_is_told_and_fires_tomorrow(recruiter, at, sweep):
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window = window_for(recruiter, END)
    sweep(local(END, 9, SHANGHAI))
    assert "ends today" in notifications_of(recruiter)[-1].title
    with at(local(END, 11, SHANGHAI)):
        noncompete_update(window=window, contractual_end=END + DAY)
    sweep(local(END, 11, SHANGHAI, 1))
    correction = notifications_of(recruiter)[-1]
    assert correction.title.startswith("End date changed: now 2026-12-21, was 2026-12-20")
    assert "ends in 1 day" in correction.title
    sweep(local(END + DAY, 9, SHANGHAI))
    sweep(local(END + DAY, 9, SHANGHAI, 5))
    titles = [n.title for n in notifications_of(recruiter)]
    assert len(titles) == 3 and "ends today (2026-12-21)" in titles[-1]
    assert not titles[-1].startswith("End date changed")


def test_a_refused_address_does_not_hold_back_its_in_app_notifications(recruiter, at, sweep, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 2
    other = RecruiterFactory(timezone="Asia/Shanghai", reminder_milestones=[7, 1, 0])
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window_for(recruiter, END).candidate.watchers.add(other)
    with SmtpSink(refuse=(recruiter.user.email,)) as sink:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        for day in (END - 7 * DAY, END - DAY, END):
            sweep(local(day, 9, SHANGHAI))
    assert len(notifications_of(recruiter)) == 3
    assert len(notifications_of(other)) == 3
    assert sorted(m["To"] for m in sink.messages) == [other.user.email] * 3
    # Refused each time; retried until given up (the one of a week ago is past REMINDERS_EMAIL_EXPIRE_HOURS).
    refused = ReminderEmail.objects.filter(to=recruiter.user.email)
    assert refused.count() == 3 and not refused.filter(state="sent").exists()
    assert all("550" in email.last_error for email in refused)


@pytest.mark.parametrize("status", [NonCompete.Status.WAIVED, NonCompete.Status.RELEASED])
def test_waived_on_its_last_day_while_ends_today_is_claimed_gives_one_free_now(recruiter, at, sweep, status):
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window = window_for(recruiter, END)
    sweep(local(END - DAY, 9, SHANGHAI))
    due = local(END, 9, SHANGHAI)
    with at(due):
        [claimed] = reminders_claim(now=timezone.now(), dispatch=lambda ids: None, limit=10)
        noncompete_update(window=window, status=status, ended_on=END)
        assert window.enforceable_end == END
        assert reminder_deliver(reminder_id=claimed, now=timezone.now()) == "replanned"
    sweep(due + dt.timedelta(minutes=1))
    sweep(local(END + DAY, 9, SHANGHAI))
    kinds = [n.reminder.kind for n in notifications_of(recruiter)]
    assert kinds == [Reminder.Kind.MILESTONE, Reminder.Kind.FREE]
    assert "is free" in notifications_of(recruiter)[-1].title


def test_waived_on_its_last_day_after_ends_today_was_sent_still_gives_one_free_now(recruiter, at, sweep):
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window = window_for(recruiter, END)
    sweep(local(END, 9, SHANGHAI))
    with at(local(END, 14, SHANGHAI)):
        noncompete_update(window=window, status=NonCompete.Status.WAIVED, ended_on=END)
    for instant in (local(END, 14, SHANGHAI, 1), local(END + DAY, 9, SHANGHAI), local(END + 5 * DAY, 9, SHANGHAI)):
        sweep(instant)
    kinds = [n.reminder.kind for n in notifications_of(recruiter)]
    assert kinds == [Reminder.Kind.MILESTONE, Reminder.Kind.FREE]


def test_an_end_moved_away_and_back_is_told_each_time_and_nothing_twice(recruiter, at, sweep):
    with at(local(END - 10 * DAY, 12, SHANGHAI)):
        window = window_for(recruiter, END)
    sweep(local(END - 7 * DAY, 9, SHANGHAI))
    for hour, end in ((10, END + 30 * DAY), (11, END), (12, END), (13, END + 30 * DAY)):
        with at(local(END - 7 * DAY, hour, SHANGHAI)):
            noncompete_update(window=window, contractual_end=end)
        sweep(local(END - 7 * DAY, hour, SHANGHAI, 1))
    titles = [n.title for n in notifications_of(recruiter)]
    assert len(titles) == 4
    assert titles[1].startswith("End date changed: now 2027-01-19, was 2026-12-20")
    assert titles[2].startswith("End date changed: now 2026-12-20, was 2027-01-19")
    assert titles[3].startswith("End date changed: now 2027-01-19, was 2026-12-20")
    keys = [n.reminder.key for n in notifications_of(recruiter)]
    assert len(set(keys)) == 4
