"""The benchmark's fast paths cost the same few queries whatever the page: pinned here, measured in bench/."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory, OutreachNoteFactory
from tests.status.conftest import client_for, status_key


@pytest.fixture
def candidates(owner) -> list:
    companies = [CompanyFactory(), CompanyFactory()]
    made = []
    for _ in range(100):
        candidate = CandidateFactory(owner=owner)
        candidate.aliases.create(name=f"alias {candidate.pk}")
        EmploymentFactory(candidate=candidate, company=companies[0])
        window = NonCompeteFactory(candidate=candidate, employer=companies[1], starts_on=dt.date(2026, 1, 1))
        window.restricted_companies.add(companies[0])
        OutreachNoteFactory(candidate=candidate, author=owner)
        made.append(candidate)
    return made


def queries(client, url: str, params: dict | None = None, **headers) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, response.content[:300]
    return endpoint_queries(captured)


@pytest.mark.parametrize("reader", ["status_key", "recruiter"])
def test_status_by_id_bulk_status_and_the_feed_do_not_grow_with_the_page(reader, candidates, outsider):
    if reader == "status_key":
        client = client_for(outsider.user, token=status_key(outsider.user))
    else:
        client = client_for(outsider.user)
    ids = [c.pk for c in candidates]
    single = queries(client, f"/api/v1/status/{ids[0]}/")
    few = queries(client, "/api/v1/status/", {"ids": ",".join(map(str, ids[:10]))})
    many = queries(client, "/api/v1/status/", {"ids": ",".join(map(str, ids))})
    feed_few = queries(client, "/api/v1/status/changes/", {"limit": 10})
    feed_many = queries(client, "/api/v1/status/changes/", {"limit": 100})
    assert len(few) == len(many)
    assert len(feed_few) == len(feed_many)
    # Authentication, the candidate rows, then one query per related table the payload renders.
    assert len(single) <= (4 if reader == "status_key" else 9)
    assert len(many) <= 9
    assert len(feed_many) <= 14


def test_a_status_by_id_opens_no_transaction(candidates, outsider):
    """Its few SELECTs share no snapshot under READ COMMITTED anyway; BEGIN and COMMIT were two round trips."""
    client = client_for(outsider.user, token=status_key(outsider.user))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/api/v1/status/{candidates[0].pk}/").status_code == 200
        assert client.get("/api/v1/status/", {"ids": candidates[0].pk}).status_code == 200
        assert client.get("/api/v1/status/999999999/").status_code == 404
    assert not [query["sql"] for query in captured.captured_queries if "SAVEPOINT" in query["sql"]]
    # The refusal left the enclosing (the test's) transaction usable.
    assert client.get(f"/api/v1/status/{candidates[1].pk}/").status_code == 200
