"""A search page costs a bounded number of queries, whatever the page size: one id query per rank tier it
reads (at most four; per tier an estimate, the ids of a sparse tier's holders and an id query:
talent.search.query.search_page), then the
page's rows and their prefetches."""

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
    # "zed" ranks every row as a name prefix: 10 rows fill the page from that tier (tiers 0 and 1 read),
    # 100 rows read every tier and find no more: two tiers more, at most three queries each (two when a
    # tier has no holders: no id query then).
    assert 0 < counts[1] - counts[0] <= 6, counts
    assert counts[1] <= 24, counts  # + 2: parallel workers off for the tier reads, and back on
