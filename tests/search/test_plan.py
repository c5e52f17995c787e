"""On a table large enough for the planner to care, the search reads the GIN index."""

import pytest
from django.db import connection

from talent.access import candidates_visible_to
from talent.models import Candidate
from talent.search.query import SEARCH_ORDERING, candidates_search
from tests.factories import CandidateFactory

ROWS = 30_000


@pytest.fixture
def crowd(recruiter):
    template = CandidateFactory(owner=recruiter, native_name="张伟", english_name="Template")
    columns = [f.column for f in Candidate._meta.concrete_fields if f.column not in ("id", "pseudonym")]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO talent_candidate ({listed}, pseudonym) "
            f"SELECT {listed}, '' FROM talent_candidate, generate_series(1, %s) WHERE id = %s",
            [ROWS, template.pk],
        )
        cursor.execute(
            "INSERT INTO talent_candidatesearch (candidate_id, tokens) "
            # About as many tokens a row as a real candidate has (~90), mostly shared ones.
            "SELECT id, ARRAY['x:person' || id, 'c:company' || (id % 100)] "
            "|| ARRAY(SELECT 'o:word' || ((id * k) % 5000) FROM generate_series(1, 80) AS k) FROM talent_candidate "
            "ON CONFLICT (candidate_id) DO NOTHING"
        )
        cursor.execute("ANALYZE talent_candidate")
        cursor.execute("ANALYZE talent_candidatesearch")
    return recruiter


@pytest.mark.parametrize("term", ["person12345", "company7"])
def test_the_search_uses_the_gin_index(crowd, term):
    found = candidates_search(candidates_visible_to(crowd.user), term).order_by(*SEARCH_ORDERING)
    plan = found[:25].explain()
    assert "Bitmap Index Scan on candidate_search_tokens_gin" in plan, plan
    assert len(found[:400]) in (1, ROWS // 100)
