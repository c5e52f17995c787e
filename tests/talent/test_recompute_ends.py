"""`manage.py recompute_noncompete_ends`: a changed rule reaches stored ends, availability and reminders."""

import dataclasses
import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import OperationalError

from crm.models import Reminder
from crm.reminders.planning import reminders_plan
from talent.availability import Availability, candidate_availability
from talent.models import Candidate, NonCompete
from talent.noncompete_rules import RULES
from talent.services import careers, noncompete_create
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

# A 24-month Chinese clause after a job that ended on 2025-06-30.
DEPARTURE = dt.date(2025, 6, 30)
TWO_YEARS_ON = dt.date(2027, 6, 30)
ONE_YEAR_ON = dt.date(2026, 6, 30)


def at(instant: dt.datetime):
    """Freeze the clock, so `updated_at` agrees with the instants the planner is given."""
    return time_machine.travel(instant, tick=False)


def chinese_window(candidate: Candidate | None = None) -> NonCompete:
    candidate = candidate or CandidateFactory()
    stint = EmploymentFactory(candidate=candidate, start_date=dt.date(2021, 1, 1), end_date=DEPARTURE)
    return noncompete_create(
        candidate=candidate,
        employer=CompanyFactory(),
        employment=stint,
        starts_on=DEPARTURE + dt.timedelta(days=1),
        contractual_end=TWO_YEARS_ON,
        jurisdiction="CN",
    )


@pytest.fixture
def cap_china_at_twelve_months(monkeypatch):
    """Change the rule, after the windows were stored under the old one."""
    return lambda: monkeypatch.setitem(RULES, "CN", dataclasses.replace(RULES["CN"], max_months=12))


def recompute(**options) -> str:
    out = StringIO()
    call_command("recompute_noncompete_ends", stdout=out, **options)
    return out.getvalue()


def test_a_changed_rule_reaches_stored_ends_candidates_and_availability(cap_china_at_twelve_months):
    with at(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)):
        window = chinese_window()
        untouched = noncompete_create(
            candidate=CandidateFactory(),
            employer=CompanyFactory(),
            starts_on=dt.date(2026, 1, 1),
            contractual_end=dt.date(2026, 6, 30),
            jurisdiction="GB",
        )
    cap_china_at_twelve_months()
    # The stored end keeps the old rule until the command runs.
    assert NonCompete.objects.get(pk=window.pk).enforceable_end == TWO_YEARS_ON
    today = dt.date(2026, 7, 15)
    assert candidate_availability(Candidate.objects.get(pk=window.candidate_id), today).state == (
        Availability.IN_NONCOMPETE
    )

    ran_at = dt.datetime(2026, 6, 2, 12, tzinfo=dt.UTC)
    with at(ran_at):
        output = recompute()

    assert output == "2 windows checked, 1 enforceable ends changed.\n"
    changed = NonCompete.objects.select_related("candidate").get(pk=window.pk)
    assert changed.enforceable_end == ONE_YEAR_ON
    assert changed.updated_at == ran_at
    assert changed.candidate.updated_at == ran_at
    assert candidate_availability(changed.candidate, today).state == Availability.FREE
    assert NonCompete.objects.get(pk=untouched.pk).updated_at < ran_at


def test_running_it_again_changes_nothing(cap_china_at_twelve_months):
    chinese_window()
    cap_china_at_twelve_months()
    recompute()
    assert recompute() == "1 windows checked, 0 enforceable ends changed.\n"


def test_the_reminder_planner_re_plans_the_windows_the_command_changed(cap_china_at_twelve_months):
    owner = RecruiterFactory(reminder_milestones=[0])
    with at(dt.datetime(2026, 6, 27, 12, tzinfo=dt.UTC)):
        window = chinese_window(CandidateFactory(owner=owner))
        reminders_plan(now=dt.datetime(2026, 6, 27, 12, tzinfo=dt.UTC))
    assert not Reminder.objects.filter(noncompete=window).exists()

    cap_china_at_twelve_months()
    with at(dt.datetime(2026, 6, 28, 10, tzinfo=dt.UTC)):
        recompute()
    with at(dt.datetime(2026, 6, 28, 12, tzinfo=dt.UTC)):
        reminders_plan(now=dt.datetime(2026, 6, 28, 12, tzinfo=dt.UTC))

    [reminder] = Reminder.objects.filter(noncompete=window)
    assert (reminder.end_on, reminder.fires_on, reminder.recipient_id) == (ONE_YEAR_ON, ONE_YEAR_ON, owner.pk)


def test_small_batches_cover_every_window(cap_china_at_twelve_months):
    for _ in range(3):
        chinese_window()
    cap_china_at_twelve_months()
    assert recompute(batch_size=1, verbosity=2).splitlines() == [
        "1 windows checked, 1 changed so far",
        "2 windows checked, 2 changed so far",
        "3 windows checked, 3 changed so far",
        "3 windows checked, 3 enforceable ends changed.",
    ]


def test_a_batch_size_below_one_is_a_clean_command_line_error():
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        recompute(batch_size=0)


def test_a_database_error_stops_the_run_keeping_finished_batches_and_a_second_run_finishes(
    cap_china_at_twelve_months, monkeypatch
):
    first, second = chinese_window(), chinese_window()
    cap_china_at_twelve_months()
    store = careers._noncompetes_store_ends
    calls = []

    def failing_on_the_second_batch(*, windows):
        calls.append(windows)
        if len(calls) == 2:
            raise OperationalError("connection lost")
        store(windows=windows)

    monkeypatch.setattr(careers, "_noncompetes_store_ends", failing_on_the_second_batch)
    with pytest.raises(CommandError, match="after 1 windows \\(1 changed, saved\\); run the command again"):
        recompute(batch_size=1)
    ends = dict(NonCompete.objects.values_list("pk", "enforceable_end"))
    assert ends == {first.pk: ONE_YEAR_ON, second.pk: TWO_YEARS_ON}

    monkeypatch.setattr(careers, "_noncompetes_store_ends", store)
    assert recompute(batch_size=1) == "2 windows checked, 1 enforceable ends changed.\n"
    assert NonCompete.objects.get(pk=second.pk).enforceable_end == ONE_YEAR_ON


@pytest.mark.django_db(transaction=True)  # the changes feed serves committed transactions only
def test_a_changed_rule_reaches_the_status_api_and_its_changes_feed(cap_china_at_twelve_months):
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    window = chinese_window()
    client = APIClient()
    client.force_authenticate(UserFactory(is_superuser=True))
    with time_machine.travel(dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        before = client.get(f"/api/v1/status/{window.candidate_id}/").json()
        cursor = client.get("/api/v1/status/changes/", {"limit": 500}).json()["next_cursor"]
        assert before["availability"] == {"state": "in_noncompete", "until": "2027-06-30", "days_left": 350}
        cap_china_at_twelve_months()
        recompute()
        after = client.get(f"/api/v1/status/{window.candidate_id}/").json()
        changes = client.get("/api/v1/status/changes/", {"cursor": cursor}).json()["changes"]
    assert after["availability"]["state"] == "free"
    assert after["noncompete"] is None
    assert window.candidate_id in [change["id"] for change in changes]
