"""List endpoints cost a fixed number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CandidateFactory,
    EmploymentFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
)

LISTS = [
    "/api/v1/companies/",
    "/api/v1/ladders/",
    "/api/v1/bands/",
    "/api/v1/candidates/",
    "/api/v1/employments/",
    "/api/v1/noncompetes/",
    "/api/v1/notes/",
    "/api/v1/recruiters/",
    "/api/v1/teams/",
    "/api/v1/tokens/",
]


@pytest.fixture
def crowded(firm):
    for _ in range(110):
        candidate = CandidateFactory(owner=firm.recruiter)
        candidate.aliases.create(name=f"alias {candidate.pk}")
        candidate.contacts.create(kind="email", value=f"c{candidate.pk}@example.com")
        candidate.watchers.add(firm.lead)
        EmploymentFactory(candidate=candidate, company=firm.company)
        window = NonCompeteFactory(candidate=candidate, employer=firm.company)
        window.restricted_companies.add(firm.company)
        OutreachNoteFactory(candidate=candidate, author=firm.recruiter)
    for _ in range(5):
        RecruiterFactory()
    return firm


def count_queries(client, url: str, page_size: int) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_queries_do_not_grow_with_page_size(crowded):
    client = crowded.client("recruiter")
    client.get("/api/v1/bands/")  # the first call of a key records its use
    for url in LISTS:
        small, _ = count_queries(client, url, 10)
        large, _ = count_queries(client, url, 100)
        assert small == large, url
        assert small <= 12, url
