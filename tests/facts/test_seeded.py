"""The scale seeder (COPY with the triggers off) leaves the list facts exactly as the triggers would."""

import pytest
from django.db import connection

from talent.models import Candidate, CandidateFacts, EmployerFacts
from tests.facts.conftest import expected_employer_facts, expected_facts, stored_employer_facts
from tests.seeding.test_scale import seeded  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_seeded_facts_equal_the_rows_and_a_refresh_changes_nothing(seeded):  # noqa: F811
    assert CandidateFacts.objects.count() == Candidate.objects.count()
    stored = {
        row.pop("candidate_id"): row
        for row in CandidateFacts.objects.values(
            "candidate_id", "current_company_ids", "band_rank_min", "band_rank_max", "noncompete_until"
        )
    }
    for candidate in Candidate.objects.order_by("?")[:300]:
        assert stored[candidate.pk] == expected_facts(candidate), candidate.pk
        assert stored_employer_facts(candidate) == expected_employer_facts(candidate), candidate.pk
    assert EmployerFacts.objects.count() == sum(len(row["current_company_ids"]) for row in stored.values())
    assert any(row["band_rank_max"] is not None for row in stored.values())
    assert any(row["noncompete_until"] is not None for row in stored.values())
    with connection.cursor() as cursor:
        rows_written = (
            "SELECT xmin::text::bigint FROM talent_candidatefacts "
            "UNION ALL SELECT xmin::text::bigint FROM talent_employerfacts ORDER BY 1"
        )
        cursor.execute(rows_written)
        before = cursor.fetchall()
        cursor.execute("SELECT talent_candidatefacts_refresh(ARRAY(SELECT id FROM talent_candidate))")
        cursor.execute(rows_written)
        assert cursor.fetchall() == before  # no row rewritten: the refresh found nothing to change
