"""The COPY seeder writes what the services would have written, derived columns included."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from crm.models import OutreachNote
from talent import contacts
from talent.models import Candidate, CandidateAlias, ContactChannel, Employment, NonCompete, StatusChange
from talent.names import person_pinyin, search_text
from talent.search.refresh import candidate_search_refresh
from talent.services import noncompetes_recompute_ends

COUNT = 2000
# The seeder commits batch by batch and its workers fork, so the test cannot run in a rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded() -> None:
    # The shipped companies and ladders (migration 0003, idempotent): a flush by an earlier transactional test
    # may have removed them, and the seeder puts stints on their ladders.
    importlib.import_module("talent.migrations.0003_default_ladders").load(django_apps, None)
    call_command("seed_scale", candidates=COUNT, seed=7, today=dt.date(2026, 11, 24), batch_size=700, verbosity=0)


def test_writes_the_shape_asked_for_with_valid_normalised_rows_on_the_right_ladders(seeded):
    assert Candidate.objects.count() == COUNT
    assert Employment.objects.count() == 3 * COUNT
    assert OutreachNote.objects.count() == 5 * COUNT
    assert 0.25 * COUNT < NonCompete.objects.count() < 0.35 * COUNT
    assert CandidateAlias.objects.filter(kind="huaming").exists()
    for kind, value in ContactChannel.objects.values_list("kind", "value"):
        assert contacts.normalize_contact(kind, value) == value
    leveled = Employment.objects.filter(level__isnull=False)
    assert leveled.count() > COUNT // 2  # eight companies ship a ladder
    assert not leveled.exclude(level__company_id=F("company_id")).exists()
    for model in (Candidate, Employment, NonCompete, OutreachNote, ContactChannel):
        for row in model.objects.order_by("?")[:25]:
            row.full_clean()


def test_derived_columns_are_what_the_services_compute(seeded):
    aliases: dict[int, list[str]] = {}
    for candidate_id, name in CandidateAlias.objects.values_list("candidate_id", "name"):
        aliases.setdefault(candidate_id, []).append(name)
    for candidate in Candidate.objects.all():
        assert candidate.pinyin == person_pinyin(candidate.native_name)
        names = (candidate.native_name, candidate.english_name, candidate.pseudonym, *aliases.get(candidate.pk, []))
        assert candidate.search_text == search_text(*names)

    # The search refresh recomputes every candidate's tokens and writes only those that differ: none.
    assert candidate_search_refresh(candidate_ids=Candidate.objects.values_list("pk", flat=True)) == 0
    assert not Candidate.objects.filter(search__isnull=True).exists()

    report = noncompetes_recompute_ends()
    assert report.checked == NonCompete.objects.count()
    assert report.changed == 0
    assert NonCompete.objects.filter(enforceable_end__isnull=False).exclude(status="active").exists()
    assert NonCompete.objects.filter(enforceable_end__isnull=True).exists()  # California and other void windows


def test_each_seeded_candidate_is_in_the_status_log_once_and_the_triggers_are_back_on(seeded):
    assert StatusChange.objects.count() == COUNT
    assert StatusChange.objects.values("candidate_id").distinct().count() == COUNT
    candidate = Candidate.objects.first()
    OutreachNote.objects.create(
        candidate=candidate,
        author_id=OutreachNote.objects.values_list("author_id", flat=True).first(),
        happened_at=timezone.now(),
        channel="phone",
        summary="After the seed",
    )
    assert StatusChange.objects.filter(candidate_id=candidate.pk).count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
