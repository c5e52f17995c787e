"""Synthetic bulk seed data is written by no one: seed_scale leaves no history."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from pghistory.models import Context

from crm.history.selectors import KINDS
from crm.models import OutreachNote
from talent.models import Candidate, ContactChannel

# The seeder commits batch by batch and its workers fork: no rolled-back transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)


def test_seed_scale_writes_rows_but_no_events():
    # The shipped ladders (idempotent): a flush by an earlier transactional test may have removed them.
    importlib.import_module("talent.migrations.0003_default_ladders").load(apps, None)
    call_command("seed_scale", candidates=40, seed=7, today=dt.date(2026, 11, 24), batch_size=20, verbosity=0)
    assert Candidate.objects.count() == 40
    assert ContactChannel.objects.exists() and OutreachNote.objects.exists()
    assert {label: apps.get_model(label).objects.count() for label in KINDS} == dict.fromkeys(KINDS, 0)
    assert not Context.objects.exists()
