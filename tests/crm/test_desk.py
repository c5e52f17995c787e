"""The desk: a given recruiter's day at a frozen moment."""

import datetime as dt

import pytest
import time_machine

from crm.desk import days_left_label, desk_for
from crm.flow_chart import desk_flow_chart
from crm.models import Notification
from tests.factories import CandidateFactory, NonCompeteFactory, OutreachNoteFactory, RecruiterFactory, UserFactory
from tests.talent.moves.careers import career, company

pytestmark = pytest.mark.django_db

# 2026-11-24 01:30 in UTC is 09:30 in Beijing.
NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def me(db):
    return RecruiterFactory(timezone="Asia/Shanghai")


def window_ending(candidate, end: dt.date):
    return NonCompeteFactory(
        candidate=candidate, employer=company("Alibaba"), starts_on=end - dt.timedelta(days=200), contractual_end=end
    )


def test_windows_of_own_and_watched_candidates_by_days_left(me):
    own = CandidateFactory(owner=me, english_name="Own")
    watched = CandidateFactory(english_name="Watched")
    watched.watchers.add(me)
    stranger = CandidateFactory(english_name="Stranger")
    window_ending(own, TODAY + dt.timedelta(days=7))
    window_ending(watched, TODAY + dt.timedelta(days=8))
    window_ending(watched, TODAY + dt.timedelta(days=31))
    window_ending(own, TODAY - dt.timedelta(days=1))
    window_ending(stranger, TODAY + dt.timedelta(days=3))
    desk = desk_for(me.user, now=NOW)
    assert [(w.window.candidate.english_name, w.label) for w in desk.within_7_days] == [("Own", "7 days left")]
    assert [(w.window.candidate.english_name, w.days_left) for w in desk.within_30_days] == [("Watched", 8)]


def test_the_day_is_the_recruiters_own(me):
    # 23:30 UTC on the 23rd is already the 24th in Beijing.
    own = CandidateFactory(owner=me)
    window_ending(own, TODAY)
    desk = desk_for(me.user, now=dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC))
    assert desk.today == TODAY
    assert [w.label for w in desk.within_7_days] == ["ends today"]


def test_follow_ups_due_today_and_overdue_until_a_later_note(me):
    candidate = CandidateFactory(owner=me)
    at = dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.UTC)
    today = OutreachNoteFactory(candidate=candidate, author=me, follow_up_on=TODAY, summary="today", happened_at=at)
    other = CandidateFactory(owner=me)
    overdue = OutreachNoteFactory(candidate=other, author=me, follow_up_on=TODAY - dt.timedelta(days=3), happened_at=at)
    done = CandidateFactory(owner=me)
    OutreachNoteFactory(candidate=done, author=me, follow_up_on=TODAY - dt.timedelta(days=5), happened_at=at)
    OutreachNoteFactory(candidate=done, author=me, happened_at=at + dt.timedelta(days=6))
    OutreachNoteFactory(candidate=candidate, follow_up_on=TODAY, happened_at=at)  # someone else's
    OutreachNoteFactory(candidate=candidate, author=me, follow_up_on=TODAY + dt.timedelta(days=1), happened_at=at)
    desk = desk_for(me.user, now=NOW)
    assert desk.follow_ups_today == [today]
    assert desk.follow_ups_overdue == [overdue]


def test_unread_notifications_are_counted_and_listed_newest_first(me):
    for hour in range(3):
        Notification.objects.create(recipient=me, title=f"n{hour}", body="", created_at=NOW - dt.timedelta(hours=hour))
    Notification.objects.create(recipient=me, title="read", body="", created_at=NOW, read_at=NOW)
    desk = desk_for(me.user, now=NOW)
    assert desk.unread_count == 3
    assert [n.title for n in desk.unread] == ["n0", "n1", "n2"]


def test_latest_moves_are_those_of_the_recruiters_market(me):
    mine = career(None, ("ByteDance", "2020-01-01", None), owner=me)[0].candidate
    assert mine
    career(None, ("MiniMax", "2022-01-01", "2026-05-31"), ("ByteDance", "2026-06-01", None), english_name="In")
    career(None, ("Baidu", "2022-01-01", "2026-05-31"), ("Tencent", "2026-06-01", None), english_name="Elsewhere")
    career(None, ("MiniMax", "2015-01-01", "2020-05-31"), ("ByteDance", "2020-06-01", None), english_name="Old")
    desk = desk_for(me.user, now=NOW)
    assert [(m.candidate.english_name, m.from_stint.company.name) for m in desk.moves] == [("In", "MiniMax")]


def test_days_left_reads_as_english():
    assert [days_left_label(n) for n in (0, 1, 2, 30)] == ["ends today", "1 day left", "2 days left", "30 days left"]


@time_machine.travel(NOW, tick=False)
def test_the_front_page_is_the_desk_in_the_recruiters_time_zone(me, client):
    me.user.is_staff = True
    me.user.save()
    own = CandidateFactory(owner=me, native_name="王芳", english_name="Fang Wang")
    window_ending(own, TODAY + dt.timedelta(days=1))
    Notification.objects.create(recipient=me, title="Window ends", body="", created_at=NOW)
    client.force_login(me.user)
    page = client.get("/admin/").content.decode()
    assert "<title>Site administration | Talentbase</title>" in page or "Talentbase" in page
    assert "Django administration" not in page
    assert "1 day left" in page and "王芳 (Fang Wang)" in page
    # 01:30 UTC shows as 09:30 to a Beijing recruiter.
    assert "2026-11-24 09:30" in page
    assert "Talent map" in page


def test_the_flow_chart_is_shared_by_recruiters_until_a_stint_changes(me, django_assert_max_num_queries):
    career(None, ("MiniMax", "2022-01-01", "2026-05-31"), ("ByteDance", "2026-06-01", None), english_name="A")
    colleague = RecruiterFactory().user
    first = desk_flow_chart(me.user, today=TODAY)
    assert first.total == 1
    with django_assert_max_num_queries(5):  # the user's role and the version: the chart comes from the cache
        assert desk_flow_chart(colleague, today=TODAY) == first

    moved = career(None, ("Baidu", "2022-01-01", "2026-07-31"), ("Tencent", "2026-08-01", None), english_name="B")
    assert desk_flow_chart(me.user, today=TODAY).total == 2
    moved[1].delete()
    assert desk_flow_chart(me.user, today=TODAY).total == 1


def test_the_flow_chart_of_a_user_who_is_not_a_recruiter_counts_only_people_cleared_for_them(me):
    career(
        None,
        ("MiniMax", "2022-01-01", "2026-05-31"),
        ("ByteDance", "2026-06-01", None),
        is_confidential=True,
        pseudonym="Candidate K",
    )
    assert desk_flow_chart(me.user, today=TODAY).total == 1
    assert desk_flow_chart(UserFactory(is_staff=True), today=TODAY).total == 0
