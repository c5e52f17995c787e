import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from crm.desk import NOTICES_SHOWN, desk_for
from crm.models import Notification, Reminder
from crm.privacy.notice import notices_due, notices_due_count
from crm.reminders.delivery import reminder_deliver
from crm.reminders.planning import reminders_plan
from talent.models import Candidate
from talent.privacy_rules import notice_due_on
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)


def api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_the_desk_lists_who_is_due_to_be_told_within_a_week_or_overdue(firm):
    owner = firm.owner
    overdue = CandidateFactory(owner=owner, english_name="Overdue One", collected_on=dt.date(2026, 9, 1))
    soon = CandidateFactory(owner=owner, english_name="Soon Two", collected_on=dt.date(2026, 10, 30))
    CandidateFactory(owner=owner, english_name="Later", collected_on=dt.date(2026, 11, 10))
    CandidateFactory(owner=owner, collected_on=dt.date(2026, 9, 1), notified_on=dt.date(2026, 9, 5))
    CandidateFactory(
        owner=owner, collected_on=dt.date(2026, 9, 1), lawful_basis="consent", consent_given_on=dt.date(2026, 9, 1)
    )
    CandidateFactory(owner=owner, collected_on=dt.date(2026, 9, 1), source="inbound")
    CandidateFactory(owner=firm.outsider, collected_on=dt.date(2026, 9, 1))

    desk = desk_for(owner.user, now=NOW)

    assert [(d.candidate.pk, d.due_on, d.days_left) for d in desk.notices_due] == [
        (overdue.pk, dt.date(2026, 10, 1), -54),
        (soon.pk, dt.date(2026, 11, 30), 6),
    ]


def test_the_owner_is_reminded_once_a_week_before_the_notice_is_due_at_nine_local(firm):
    candidate = CandidateFactory(
        owner=firm.owner,
        english_name="Noticed Person",
        lawful_basis="legitimate_interest",
        collected_on=dt.date(2026, 11, 20),
    )
    CandidateFactory(owner=firm.owner, lawful_basis="", collected_on=dt.date(2026, 11, 20))  # desk only
    reminders_plan(now=dt.datetime(2026, 12, 10, 0, 0, tzinfo=dt.UTC))
    assert not Reminder.objects.filter(candidate=candidate).exists()  # beyond the planning horizon
    reminders_plan(now=dt.datetime(2026, 12, 12, 0, 0, tzinfo=dt.UTC))
    reminder = Reminder.objects.get(kind="notice")
    # Due 2026-12-20; a week before, 09:00 in Shanghai.
    assert (reminder.kind, reminder.fires_on, reminder.end_on, reminder.recipient) == (
        "notice",
        dt.date(2026, 12, 13),
        dt.date(2026, 12, 20),
        firm.owner,
    )
    assert reminder.due_at == dt.datetime(2026, 12, 13, 1, 0, tzinfo=dt.UTC)
    assert reminder_deliver(reminder_id=reminder.pk, now=reminder.due_at) == "delivered"
    assert reminder_deliver(reminder_id=reminder.pk, now=reminder.due_at) == "gone"
    notification = Notification.objects.get(reminder=reminder)
    assert notification.title == "Tell 张伟 (Noticed Person) that we hold their data by 2026-12-20"


def test_telling_the_person_drops_the_pending_reminder(firm):
    candidate = CandidateFactory(owner=firm.owner, lawful_basis="public", collected_on=dt.date(2026, 11, 20))
    planned_at = dt.datetime(2026, 12, 12, 0, 0, tzinfo=dt.UTC)
    reminders_plan(now=planned_at)
    assert Reminder.objects.filter(candidate=candidate, state="pending").exists()
    with time_machine.travel(planned_at + dt.timedelta(hours=6), tick=False):
        response = api(firm.keys["owner"]).patch(
            f"/api/v1/candidates/{candidate.pk}/",
            {"notified_on": "2026-12-12", "notice_channel": "email"},
            format="json",
        )
        assert response.status_code == 200, response.content
        reminders_plan(now=planned_at + dt.timedelta(hours=7))
    assert not Reminder.objects.filter(candidate=candidate).exists()


def test_consent_without_a_date_is_a_field_error_not_a_500(firm):
    candidate = CandidateFactory(owner=firm.owner)
    response = api(firm.keys["owner"]).patch(
        f"/api/v1/candidates/{candidate.pk}/", {"lawful_basis": "consent"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"consent_given_on": ["Give the day consent was given."]}
    ok = api(firm.keys["owner"]).patch(
        f"/api/v1/candidates/{candidate.pk}/",
        {"lawful_basis": "consent", "consent_given_on": "2026-11-01", "consent_channel": "wechat"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["lawful_basis"] == "consent"
    assert Candidate.objects.get(pk=candidate.pk).consent_channel == "wechat"


def test_uncleared_readers_do_not_see_the_consent_fields(firm):
    candidate = CandidateFactory(
        owner=firm.owner,
        is_confidential=True,
        pseudonym="Cobalt Heron",
        lawful_basis="consent",
        consent_given_on=dt.date(2026, 1, 2),
    )
    body = api(firm.keys["outsider"]).get(f"/api/v1/candidates/{candidate.pk}/").json()
    assert (body["lawful_basis"], body["consent_given_on"]) == ("", None)
    own = api(firm.keys["owner"]).get(f"/api/v1/candidates/{candidate.pk}/").json()
    assert (own["lawful_basis"], own["consent_given_on"]) == ("consent", "2026-01-02")


def test_the_desk_lists_the_soonest_notices_and_counts_them_all(firm):
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=n) for n in range(NOTICES_SHOWN + 5)]
    people = [CandidateFactory(owner=firm.owner, collected_on=day) for day in reversed(days)]

    desk = desk_for(firm.owner.user, now=NOW)

    assert desk.notices_due_count == NOTICES_SHOWN + 5
    assert [d.candidate.pk for d in desk.notices_due] == [p.pk for p in reversed(people)][:NOTICES_SHOWN]


@pytest.mark.parametrize(
    "collected, due",
    [
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 30)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
    ],
)
def test_the_database_dates_a_notice_as_the_rule_does_at_month_ends(firm, collected, due):
    candidate = CandidateFactory(owner=firm.owner, collected_on=collected)
    assert notice_due_on(candidate) == due
    [listed] = notices_due(Candidate.objects.all(), today=due, within_days=0)
    assert (listed.candidate, listed.due_on) == (candidate, due)
    assert notices_due(Candidate.objects.all(), today=due - dt.timedelta(days=1), within_days=0) == []
    assert notices_due_count(Candidate.objects.all(), today=due, within_days=0) == 1
