import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from crm.models import Reminder
from crm.privacy import erasure
from crm.privacy.erasure import erase_candidate, register_eraser
from crm.privacy.models import AnonymisedPlacement, ErasureRecord
from talent.models import Candidate, CandidateSearch, DuplicateKey, StatusChange
from talent.suppression import suppressed
from tests.privacy.conftest import EMAIL, NATIVE, NOW, PHONE, TRACES, WECHAT, make_person

pytestmark = pytest.mark.django_db


def tables_containing(*needles: str) -> dict[str, list[str]]:
    """For each needle, the tables of the public schema with a row whose text form contains it (any case)."""
    found: dict[str, list[str]] = {needle: [] for needle in needles}
    patterns = [f"%{needle}%" for needle in needles]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT t::text FROM {quoted} t WHERE t::text ILIKE ANY(%s)", [patterns])
            rows = [row[0].lower() for row in cursor.fetchall()]
            for needle in needles:
                if any(needle.lower() in row for row in rows):
                    found[needle].append(table)
    return found


def test_the_person_is_everywhere_before_erasure(firm):
    """The scan finds what it looks for: history, search tokens, notes, notifications and e-mails hold the name."""
    make_person(firm)
    found = tables_containing("Vexhaven", "13987654321", NATIVE)
    tables = set(found["Vexhaven"])
    assert {
        "talent_candidate",
        "talent_candidateevent",
        "talent_candidatesearch",
        "crm_outreachnoteevent",
        "crm_notification",
        "crm_reminderemail",
        "django_admin_log",
        "crm_exportrecord",
    } <= tables
    assert "talent_contactchannelevent" in found["13987654321"]
    assert "crm_outreachnote" in found[NATIVE]


def test_erasure_leaves_no_trace_of_the_name_or_contacts_in_any_table(firm):
    candidate = make_person(firm)
    assert Reminder.objects.filter(note__candidate=candidate, state="sent").exists()
    record = erase_candidate(actor=firm.admin, candidate_id=candidate.pk, reason="request", now=NOW, via="api")

    assert tables_containing(*TRACES) == {trace: [] for trace in TRACES}
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    assert not CandidateSearch.objects.filter(candidate_id=candidate.pk).exists()
    assert not DuplicateKey.objects.filter(candidate_id=candidate.pk).exists()
    # What the firm must keep survives, without the person.
    kept = AnonymisedPlacement.objects.get(erasure=record)
    assert (kept.client, kept.mandate, kept.fee, kept.fee_currency) == (
        firm.client,
        firm.mandate,
        Decimal("500000.00"),
        "CNY",
    )
    assert kept.placed_on == dt.date(2027, 7, 1)
    record.refresh_from_db()
    assert (record.candidate_id, record.reason, record.erased_by, record.suppressed) == (
        candidate.pk,
        "request",
        firm.admin,
        True,
    )
    assert record.counts["history_events"] > 0 and record.counts["anonymised_placements"] == 1
    # The changes feed learns of the deletion from the status triggers.
    assert StatusChange.objects.filter(candidate_id=candidate.pk).exists()


def test_the_suppression_list_knows_the_erased_contacts_by_hash_only(firm):
    candidate = make_person(firm)
    asked = {("email", EMAIL), ("phone", PHONE), ("wechat", WECHAT), ("email", "someone.else@example.org")}
    assert suppressed(asked) == set()
    erase_candidate(actor=None, candidate_id=candidate.pk, reason="request", now=NOW)
    assert suppressed(asked) == {("email", EMAIL), ("phone", PHONE), ("wechat", WECHAT)}


def test_a_retention_anonymisation_does_not_suppress_the_contacts(firm):
    candidate = make_person(firm)
    record = erase_candidate(
        actor=None, candidate_id=candidate.pk, reason="retention", now=NOW, suppress_contacts=False
    )
    assert record.suppressed is False
    assert suppressed({("email", EMAIL)}) == set()
    assert tables_containing(*TRACES) == {trace: [] for trace in TRACES}


def test_someone_who_does_not_answer_for_the_candidate_cannot_erase_it(firm):
    candidate = make_person(firm)
    with pytest.raises(PermissionDenied):
        erase_candidate(actor=firm.outsider.user, candidate_id=candidate.pk, reason="request", now=NOW)
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert not ErasureRecord.objects.exists()
    assert suppressed({("email", EMAIL)}) == set()


def test_a_failing_eraser_undoes_the_whole_erasure(firm):
    candidate = make_person(firm)
    seen = []

    def failing(*, candidate_ids, names, contacts):
        seen.append((candidate_ids, names, contacts))
        raise RuntimeError("import rows could not be scrubbed")

    register_eraser(failing)
    try:
        with pytest.raises(RuntimeError):
            erase_candidate(actor=firm.admin, candidate_id=candidate.pk, reason="request", now=NOW)
    finally:
        erasure._erasers.pop(f"{failing.__module__}.{failing.__qualname__}")
    assert seen[0][0] == (candidate.pk,) and ("email", EMAIL) in seen[0][2]
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert not ErasureRecord.objects.exists() and not AnonymisedPlacement.objects.exists()
    assert suppressed({("email", EMAIL)}) == set()
