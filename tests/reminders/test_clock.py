"""Reminders against a frozen clock: on time in the recipient's zone, after outages and edits."""

import datetime as dt

import pytest
from django.core import mail

from crm.models import Reminder
from talent.models import NonCompete
from talent.services import noncompete_update
from tests.factories import OutreachNoteFactory, RecruiterFactory
from tests.reminders.conftest import (
    LOS_ANGELES,
    SHANGHAI,
    emails_to,
    local,
    notifications_of,
    reminder_states,
    sent_milestones,
    window_for,
)

pytestmark = pytest.mark.django_db

END = dt.date(2026, 12, 20)


def test_30_day_reminder_arrives_at_0900_in_shanghai_and_not_a_second_earlier(shanghai_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=40), 12, SHANGHAI)):
        window_for(shanghai_recruiter, END)
    fires = END - dt.timedelta(days=30)
    sweep(local(fires, 8, SHANGHAI, 59, 59))
    assert notifications_of(shanghai_recruiter) == []
    sweep(local(fires, 9, SHANGHAI))
    [notification] = notifications_of(shanghai_recruiter)
    assert notification.reminder.due_at == dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
    assert notification.reminder.late is False
    assert "ends in 30 days" in notification.title
    [email] = emails_to(shanghai_recruiter)
    assert email.subject == notification.title


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (dt.date(2026, 3, 7), 17),  # PST, the day before clocks go forward
        (dt.date(2026, 3, 8), 16),  # PDT from 02:00 that morning
        (dt.date(2026, 10, 31), 16),  # PDT
        (dt.date(2026, 11, 1), 17),  # PST again from 02:00 that morning
    ],
)
def test_los_angeles_reminder_is_at_0900_local_across_daylight_saving_changes(at, sweep, day, utc_hour):
    recruiter = RecruiterFactory(timezone="America/Los_Angeles", reminder_milestones=[0])
    with at(local(day - dt.timedelta(days=5), 12, LOS_ANGELES)):
        window_for(recruiter, day)
    due = dt.datetime(day.year, day.month, day.day, utc_hour, tzinfo=dt.UTC)
    sweep(due - dt.timedelta(seconds=1))
    assert notifications_of(recruiter) == []
    sweep(due)
    [notification] = notifications_of(recruiter)
    assert notification.reminder.due_at == due
    assert notification.reminder.due_at.astimezone(LOS_ANGELES).hour == 9
    assert "ends today" in notification.title


def test_after_a_10_day_outage_only_the_latest_missed_milestone_is_sent_marked_late(shanghai_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=40), 12, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
    sweep(local(END - dt.timedelta(days=30), 9, SHANGHAI, 1))
    sweep(local(END - dt.timedelta(days=8), 9, SHANGHAI, 1))
    # Worker and scheduler down from 8 days before the end until 2 days after it.
    sweep(local(END + dt.timedelta(days=2), 10, SHANGHAI))
    sweep(local(END + dt.timedelta(days=2), 10, SHANGHAI, 1))
    assert sent_milestones(shanghai_recruiter) == [30, 0]
    assert notifications_of(shanghai_recruiter)[-1].reminder.late is True
    assert reminder_states(window) == {"m30": "sent", "m7": "skipped", "m1": "skipped", "m0": "sent"}
    assert len(emails_to(shanghai_recruiter)) == 2


def test_recruiter_who_missed_30_and_7_day_reminders_gets_only_the_7_day_one_5_days_before(la_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=40), 12, LOS_ANGELES)):
        window = window_for(la_recruiter, END)
    sweep(local(END - dt.timedelta(days=31), 9, LOS_ANGELES))
    sweep(local(END - dt.timedelta(days=5), 14, LOS_ANGELES))
    assert sent_milestones(la_recruiter) == [7]
    [notification] = notifications_of(la_recruiter)
    assert notification.reminder.late is True
    assert "ends in 5 days" in notification.title
    assert reminder_states(window) == {"m30": "skipped", "m7": "sent"}


def test_moving_the_end_later_corrects_what_was_told_and_moves_the_reminders_not_yet_sent(
    shanghai_recruiter, at, sweep
):
    with at(local(END - dt.timedelta(days=40), 12, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
    sweep(local(END - dt.timedelta(days=30), 9, SHANGHAI))
    with at(local(END - dt.timedelta(days=10), 12, SHANGHAI)):
        noncompete_update(window=window, contractual_end=END + dt.timedelta(days=20))
    sweep(local(END - dt.timedelta(days=10), 12, SHANGHAI, 1))
    # The new end's 30-day milestone fell on 09:00 that day: it carries the correction, late.
    assert sent_milestones(shanghai_recruiter) == [30, 30]
    correction = notifications_of(shanghai_recruiter)[-1]
    assert correction.title.startswith("End date changed: now 2027-01-09, was 2026-12-20")
    assert correction.reminder.late is True and correction.reminder.corrects.end_on == END
    sweep(local(END - dt.timedelta(days=7), 9, SHANGHAI))
    sweep(local(END - dt.timedelta(days=1), 9, SHANGHAI))
    assert sent_milestones(shanghai_recruiter) == [30, 30]
    sweep(local(END + dt.timedelta(days=13), 9, SHANGHAI))
    assert sent_milestones(shanghai_recruiter) == [30, 30, 7]
    latest = notifications_of(shanghai_recruiter)[-1]
    assert latest.reminder.end_on == END + dt.timedelta(days=20)
    assert "2027-01-09" in latest.title and latest.reminder.late is False
    assert not latest.title.startswith("End date changed")


def test_moving_the_end_earlier_past_a_milestone_sends_that_milestone_at_once(shanghai_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=20), 12, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
    sweep(local(END - dt.timedelta(days=20), 12, SHANGHAI, 1))
    with at(local(END - dt.timedelta(days=10), 12, SHANGHAI)):
        noncompete_update(window=window, contractual_end=END - dt.timedelta(days=5))  # 5 days from now
    sweep(local(END - dt.timedelta(days=10), 12, SHANGHAI, 1))
    # Entered 20 days before the end: the 30-day reminder, late; then the 7-day one, at once.
    assert sent_milestones(shanghai_recruiter) == [30, 7]
    assert "ends in 5 days" in notifications_of(shanghai_recruiter)[1].title


def test_jurisdiction_change_follows_the_law_for_reminders_not_yet_sent(at, sweep):
    recruiter = RecruiterFactory(reminder_milestones=[7])
    # 30 months in China: the law caps it at 24.
    start = dt.date(2025, 1, 1)
    with at(local(dt.date(2026, 12, 1), 12, SHANGHAI)):
        window = window_for(recruiter, dt.date(2027, 6, 30), jurisdiction="OTHER")
        noncompete_update(window=window, starts_on=start)
    sweep(local(dt.date(2026, 12, 1), 12, SHANGHAI, 1))
    assert not Reminder.objects.filter(noncompete=window).exists()
    with at(local(dt.date(2026, 12, 2), 12, SHANGHAI)):
        noncompete_update(window=window, jurisdiction="CN")
    assert window.enforceable_end == dt.date(2026, 12, 31)
    sweep(local(dt.date(2026, 12, 24), 9, SHANGHAI))
    assert sent_milestones(recruiter) == [7]


def test_waiver_sends_one_free_now_reminder_and_nothing_after(shanghai_recruiter, la_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=40), 12, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
        window.candidate.watchers.add(la_recruiter)
    sweep(local(END - dt.timedelta(days=30), 9, SHANGHAI))
    sweep(local(END - dt.timedelta(days=30), 9, LOS_ANGELES))
    assert sent_milestones(shanghai_recruiter) == [30]
    waived_at = local(END - dt.timedelta(days=12), 15, SHANGHAI)
    with at(waived_at):
        noncompete_update(window=window, status=NonCompete.Status.WAIVED, ended_on=waived_at.date())
    sweep(waived_at + dt.timedelta(minutes=1))
    for day in (END - dt.timedelta(days=7), END - dt.timedelta(days=1), END, END + dt.timedelta(days=1)):
        sweep(local(day, 23, LOS_ANGELES))
    owner_kinds = [n.reminder.kind for n in notifications_of(shanghai_recruiter)]
    assert owner_kinds == [Reminder.Kind.MILESTONE, Reminder.Kind.FREE]
    watcher_kinds = [n.reminder.kind for n in notifications_of(la_recruiter)]
    assert watcher_kinds == [Reminder.Kind.MILESTONE, Reminder.Kind.FREE]
    free = notifications_of(shanghai_recruiter)[-1]
    assert "is free" in free.title and "waived" in free.body
    assert Reminder.objects.filter(noncompete=window, state=Reminder.State.PENDING).count() == 0


def test_release_early_recorded_before_the_pending_milestones_fire_drops_them(shanghai_recruiter, at, sweep):
    with at(local(END - dt.timedelta(days=3), 8, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
    sweep(local(END - dt.timedelta(days=3), 8, SHANGHAI, 1))
    assert Reminder.objects.filter(noncompete=window, state="pending").exists()
    with at(local(END - dt.timedelta(days=3), 8, SHANGHAI, 30)):
        noncompete_update(window=window, status=NonCompete.Status.RELEASED, ended_on=END - dt.timedelta(days=3))
    for day in (END - dt.timedelta(days=3), END - dt.timedelta(days=1), END):
        sweep(local(day, 9, SHANGHAI))
    # The 7-day reminder went out late when the window was entered; the 1- and 0-day ones never do.
    assert [n.reminder.kind for n in notifications_of(shanghai_recruiter)] == ["milestone", "free"]
    assert reminder_states(window) == {"m30": "skipped", "m7": "sent", "free": "sent"}
    # It says when the window would have ended, not the shortened end again.
    free_now = notifications_of(shanghai_recruiter)[-1].body
    released = END - dt.timedelta(days=3)
    assert f"ended on {released:%Y-%m-%d} instead of {END:%Y-%m-%d}" in free_now


def test_changing_time_zone_moves_pending_reminders_to_0900_in_the_new_zone(at, sweep):
    shanghai_recruiter = RecruiterFactory(timezone="Asia/Shanghai", reminder_milestones=[1])
    with at(local(END - dt.timedelta(days=3), 12, SHANGHAI)):
        window_for(shanghai_recruiter, END)
    sweep(local(END - dt.timedelta(days=3), 12, SHANGHAI, 1))
    with at(local(END - dt.timedelta(days=2), 12, SHANGHAI)):
        shanghai_recruiter.timezone = "America/Los_Angeles"
        shanghai_recruiter.save()
    fires = END - dt.timedelta(days=1)
    sweep(local(fires, 9, SHANGHAI, 1))
    assert notifications_of(shanghai_recruiter) == []
    sweep(local(fires, 9, LOS_ANGELES))
    [notification] = notifications_of(shanghai_recruiter)
    assert notification.reminder.due_at == local(fires, 9, LOS_ANGELES)


def test_a_recruiter_who_stops_watching_gets_no_more_reminders(at, sweep):
    shanghai_recruiter = RecruiterFactory(timezone="Asia/Shanghai", reminder_milestones=[1, 0])
    la_recruiter = RecruiterFactory(timezone="America/Los_Angeles", reminder_milestones=[1, 0])
    with at(local(END - dt.timedelta(days=3), 12, SHANGHAI)):
        window = window_for(shanghai_recruiter, END)
        window.candidate.watchers.add(la_recruiter)
    sweep(local(END - dt.timedelta(days=3), 12, SHANGHAI, 1))
    assert Reminder.objects.filter(recipient=la_recruiter, state="pending").exists()
    with at(local(END - dt.timedelta(days=2), 12, SHANGHAI)):
        window.candidate.watchers.remove(la_recruiter)
        window.candidate.save()  # as the admin form does
    sweep(local(END - dt.timedelta(days=1), 9, SHANGHAI))
    sweep(local(END, 23, LOS_ANGELES))
    assert notifications_of(la_recruiter) == []
    assert sent_milestones(shanghai_recruiter) == [1, 0]


def test_milestone_preferences_are_per_recipient(at, sweep):
    owner = RecruiterFactory(reminder_milestones=[7])
    watcher = RecruiterFactory(reminder_milestones=[1])
    with at(local(END - dt.timedelta(days=10), 12, SHANGHAI)):
        window_for(owner, END).candidate.watchers.add(watcher)
    for days_before in range(10, -1, -1):
        sweep(local(END - dt.timedelta(days=days_before), 9, SHANGHAI, 30))
    assert sent_milestones(owner) == [7]
    assert sent_milestones(watcher) == [1]


def test_email_only_and_in_app_only_recruiters_get_their_channel(at, sweep):
    email_only = RecruiterFactory(in_app_reminders=False, reminder_milestones=[0])
    in_app_only = RecruiterFactory(email_reminders=False, reminder_milestones=[0])
    with at(local(END - dt.timedelta(days=3), 12, SHANGHAI)):
        window_for(email_only, END).candidate.watchers.add(in_app_only)
    sweep(local(END, 9, SHANGHAI))
    assert notifications_of(email_only) == [] and len(emails_to(email_only)) == 1
    assert len(notifications_of(in_app_only)) == 1 and emails_to(in_app_only) == []
    assert Reminder.objects.filter(state="sent").count() == 2


def test_follow_up_reminds_the_note_author_at_0900_local(la_recruiter, at, sweep):
    day = dt.date(2026, 11, 30)
    with at(local(day - dt.timedelta(days=10), 12, LOS_ANGELES)):
        OutreachNoteFactory(author=la_recruiter, follow_up_on=day)
    sweep(local(day - dt.timedelta(days=10), 12, LOS_ANGELES, 1))
    sweep(local(day, 8, LOS_ANGELES, 59))
    assert notifications_of(la_recruiter) == []
    sweep(local(day, 9, LOS_ANGELES))
    [notification] = notifications_of(la_recruiter)
    assert notification.title.startswith("Follow up with")
    assert len(mail.outbox) == 1
