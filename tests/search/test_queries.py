"""A search page costs a fixed number of queries, whatever the page size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory, EmploymentFactory


def test_a_search_page_costs_the_same_queries_for_10_or_100_rows(firm):
    for i in range(30):
        EmploymentFactory(candidate=CandidateFactory(owner=firm.recruiter, english_name=f"Zed {i}"))
    client = firm.client("recruiter")
    client.get("/api/v1/bands/")  # the first call of a key records its use
    counts = []
    for page_size in (10, 100):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/candidates/", {"search": "zed", "page_size": page_size})
        assert len(response.json()["results"]) == min(page_size, 30)
        counts.append(len(endpoint_queries(captured)))
    assert counts[0] == counts[1] <= 12, counts
