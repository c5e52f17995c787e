"""Notifications and the watch list through the API: only the caller's own."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from crm.models import Notification, Reminder
from tests.factories import CandidateFactory, RecruiterFactory, UserFactory
from tests.reminders.conftest import window_for

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC)


def client_for(recruiter) -> APIClient:
    client = APIClient()
    client.force_authenticate(recruiter.user)
    return client


def notification(recipient, title="Reminder", read=False) -> Notification:
    return Notification.objects.create(
        recipient=recipient, title=title, body="…", created_at=NOW, read_at=NOW if read else None
    )


def test_a_recruiter_lists_counts_and_reads_only_their_own_notifications():
    me, other = RecruiterFactory(), RecruiterFactory()
    mine = [notification(me, "one"), notification(me, "two"), notification(me, "old", read=True)]
    theirs = notification(other, "theirs")
    client = client_for(me)

    listed = client.get("/api/v1/notifications/").json()
    assert sorted(n["title"] for n in listed["results"]) == ["old", "one", "two"]
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 2}
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    response = client.post(f"/api/v1/notifications/{mine[0].pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked_read": 1}
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notifications_need_a_recruiter():
    client = APIClient()
    assert client.get("/api/v1/notifications/").status_code in (401, 403)
    client.force_authenticate(UserFactory())
    assert client.get("/api/v1/notifications/").status_code == 403


def test_watching_a_candidate_plans_reminders_for_the_watcher_and_unwatching_drops_them():
    owner, me = RecruiterFactory(reminder_milestones=[0]), RecruiterFactory(reminder_milestones=[0])
    end = dt.date.today() + dt.timedelta(days=1)
    window = window_for(owner, end)
    other = CandidateFactory(owner=owner)
    client = client_for(me)

    assert client.post("/api/v1/watchlist/", {"candidate": window.candidate_id}).status_code == 201
    assert client.post("/api/v1/watchlist/", {"candidate": other.pk}).status_code == 201
    listed = client.get("/api/v1/watchlist/").json()["results"]
    assert sorted(c["id"] for c in listed) == sorted([window.candidate_id, other.pk])
    assert Reminder.objects.filter(recipient=me, noncompete=window, state="pending").count() == 1

    assert client.delete(f"/api/v1/watchlist/{window.candidate_id}/").status_code == 204
    assert client.delete(f"/api/v1/watchlist/{other.pk}/").status_code == 204
    assert client.get("/api/v1/watchlist/").json()["results"] == []
    assert not Reminder.objects.filter(recipient=me).exists()
    assert window.candidate.watchers.count() == 0


def test_watching_an_unknown_candidate_is_not_found():
    client = client_for(RecruiterFactory())
    assert client.post("/api/v1/watchlist/", {"candidate": 999999}).status_code == 400
    assert client.post("/api/v1/watchlist/", {}).status_code == 400
