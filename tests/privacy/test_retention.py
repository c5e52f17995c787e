import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from crm.models import OutreachNote
from crm.privacy.models import ErasureRecord, RetentionReview
from crm.privacy.retention import retention_anonymise, retention_candidates, retention_decide, retention_due_for_review
from talent.models import Candidate, ContactChannel
from talent.suppression import suppressed
from tests.factories import CandidateFactory, OutreachNoteFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 4, 0, tzinfo=dt.UTC)
LONG_AGO = dt.datetime(2022, 6, 1, tzinfo=dt.UTC)


def quiet(**fields) -> Candidate:
    candidate = CandidateFactory(**fields)
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=LONG_AGO)
    return candidate


def test_candidates_with_no_activity_for_the_retention_years_are_listed(firm, settings):
    settings.TALENTBASE_RETENTION_YEARS = 3
    idle = quiet(owner=firm.owner)
    recent_note = quiet(owner=firm.owner)
    OutreachNoteFactory(candidate=recent_note, author=firm.owner, happened_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    OutreachNote.objects.filter(candidate=recent_note).update(updated_at=LONG_AGO)
    CandidateFactory(owner=firm.owner)  # active today
    assert list(retention_candidates(now=NOW).values_list("pk", flat=True)) == [idle.pk]
    assert list(retention_candidates(now=NOW, years=5).values_list("pk", flat=True)) == []


def test_a_decision_takes_the_candidate_off_the_review_list(firm):
    idle, other = quiet(owner=firm.owner), quiet(owner=firm.owner)
    retention_decide(reviewer=firm.admin, candidate_id=idle.pk, decision="keep", now=NOW)
    assert list(retention_due_for_review(now=NOW).values_list("pk", flat=True)) == [other.pk]


def test_anonymise_erases_only_decided_and_still_inactive_candidates_without_suppressing(firm):
    gone = quiet(owner=firm.owner)
    ContactChannel.objects.create(candidate=gone, kind="email", value="idle.person@example.org")
    kept = quiet(owner=firm.owner)
    woke_up = quiet(owner=firm.owner)
    undecided = quiet(owner=firm.owner)
    retention_decide(reviewer=firm.admin, candidate_id=gone.pk, decision="anonymise", now=NOW - dt.timedelta(days=2))
    retention_decide(reviewer=firm.admin, candidate_id=kept.pk, decision="keep", now=NOW - dt.timedelta(days=2))
    retention_decide(reviewer=firm.admin, candidate_id=woke_up.pk, decision="anonymise", now=NOW - dt.timedelta(days=2))
    # Activity after the decision: the decision no longer holds, and the candidate is not inactive any more.
    OutreachNoteFactory(candidate=woke_up, author=firm.owner, happened_at=NOW - dt.timedelta(days=1))

    report = retention_anonymise(actor=None, now=NOW)

    assert report.erased == [gone.pk]
    assert set(Candidate.objects.values_list("pk", flat=True)) >= {kept.pk, woke_up.pk, undecided.pk}
    assert not Candidate.objects.filter(pk=gone.pk).exists()
    record = ErasureRecord.objects.get()
    assert (record.candidate_id, record.reason, record.suppressed) == (gone.pk, "retention", False)
    assert suppressed({("email", "idle.person@example.org")}) == set()


def test_the_commands_list_record_and_anonymise(firm, capsys):
    idle = quiet(owner=firm.owner)
    call_command("retention_review")
    assert f"{idle.pk}\tlast activity 2022-06-01" in capsys.readouterr().out
    call_command("retention_review", "--anonymise", str(idle.pk))
    assert RetentionReview.objects.get().decision == "anonymise"
    call_command("retention_anonymise")
    assert f"Anonymised 1 candidate(s): {idle.pk}" in capsys.readouterr().out
    assert not Candidate.objects.filter(pk=idle.pk).exists()


def test_the_commands_refuse_unknown_ids(firm):
    with pytest.raises(CommandError, match="No candidate with id 987654"):
        call_command("retention_review", "--keep", "987654")
    assert not RetentionReview.objects.exists()
