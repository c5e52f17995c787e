"""Migration 0007 gives existing reminders their fact and keys of the new form, and leaves history alone."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import RecruiterFactory
from tests.reminders.conftest import window_for

BEFORE = [("crm", "0006_calendar_and_length_bounds")]
AFTER = [("crm", "0007_reminder_facts_and_email_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Leave the schema as every later test expects it: all migrations applied, not just AFTER."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_reminders_get_their_fact_and_a_key_of_the_new_form(back_to_latest):
    recruiter = RecruiterFactory()
    end = dt.date(2026, 12, 20)
    window = window_for(recruiter, end)
    old_apps = migrate(BEFORE)
    OldReminder = old_apps.get_model("crm", "Reminder")
    instant = dt.datetime(2026, 12, 13, 1, tzinfo=dt.UTC)
    common = {"noncompete_id": window.pk, "recipient_id": recruiter.pk, "due_at": instant, "next_attempt_at": instant}
    OldReminder.objects.create(
        key=f"nc:{window.pk}:m7:r{recruiter.pk}",
        group_key=f"nc:{window.pk}:r{recruiter.pk}",
        kind="milestone",
        milestone=7,
        fires_on=end - dt.timedelta(days=7),
        end_on=end,
        state="sent",
        sent_at=instant,
        **common,
    )
    OldReminder.objects.create(
        key=f"nc:{window.pk}:free:r{recruiter.pk}",
        group_key=f"nc:{window.pk}:r{recruiter.pk}",
        kind="free",
        fires_on=end - dt.timedelta(days=3),
        end_on=end - dt.timedelta(days=3),
        **common,
    )
    # The model as of AFTER: later migrations add columns (crm 0011: a notice reminder's candidate).
    new_apps = migrate(AFTER)
    rows = {r.kind: r for r in new_apps.get_model("crm", "Reminder").objects.all()}
    assert (rows["milestone"].fact, rows["milestone"].telling) == ("end 2026-12-20", 0)
    assert rows["milestone"].key == f"nc:{window.pk}:t0:end2026-12-20:m7:r{recruiter.pk}"
    assert rows["milestone"].state == "sent"
    assert rows["free"].fact == "free 2026-12-17"
    assert rows["free"].key == f"nc:{window.pk}:t0:free2026-12-17:r{recruiter.pk}"
