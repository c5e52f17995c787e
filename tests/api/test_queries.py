"""List endpoints cost a fixed number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crm.models import Notification
from tests.api.conftest import LISTS
from tests.conftest import endpoint_queries
from tests.factories import (
    CandidateFactory,
    EmploymentFactory,
    NonCompeteFactory,
    OutreachNoteFactory,
    RecruiterFactory,
)


@pytest.fixture
def crowded(firm):
    for _ in range(110):
        candidate = CandidateFactory(owner=firm.recruiter)
        candidate.aliases.create(name=f"alias {candidate.pk}")
        candidate.contacts.create(kind="email", value=f"c{candidate.pk}@example.com")
        candidate.watchers.add(firm.lead, firm.recruiter)
        Notification.objects.create(recipient=firm.recruiter, title="Window ends", body="", created_at=timezone.now())
        EmploymentFactory(candidate=candidate, company=firm.company)
        window = NonCompeteFactory(candidate=candidate, employer=firm.company)
        window.restricted_companies.add(firm.company)
        OutreachNoteFactory(candidate=candidate, author=firm.recruiter)
    for _ in range(5):
        RecruiterFactory()
    return firm


def count_queries(client, url: str, page_size: int) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200
    return len(endpoint_queries(captured)), len(response.json()["results"])


def test_queries_do_not_grow_with_page_size(crowded):
    client = crowded.client("recruiter")
    client.get("/api/v1/bands/")  # the first call of a key records its use
    for url in LISTS:
        small, _ = count_queries(client, url, 10)
        large, _ = count_queries(client, url, 100)
        assert small == large, url
        assert small <= 12, url
