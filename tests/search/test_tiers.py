"""The API reads a ranked search tier by tier (talent.search.pagination): same rows, same order, any page size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent import services
from talent.access import candidates_visible_to
from talent.models import Candidate
from talent.search.query import SEARCH_ORDERING, search_page, search_tiers
from talent.search.tokens import query_tokens
from talent.selectors import candidates_at_company, candidates_search
from tests.conftest import endpoint_queries
from tests.factories import RecruiterFactory, UserFactory
from tests.search.conftest import person
from tests.search.test_brute_force import _queries, seeded  # noqa: F401  (fixture)


def _walk(tiers, size: int) -> list[int]:
    """Every id, page after page of `size`, following the last position as the API cursor does."""
    found, after = [], None
    while True:
        page = search_page(tiers, after=after, limit=size)
        found += [position.id for position in page]
        if len(page) < size:
            return found
        after = page[-1]


def _walk_back(tiers, last, size: int) -> list[int]:
    found, before = [], last
    while True:
        page = search_page(tiers, before=before, limit=size)
        found = [position.id for position in reversed(page)] + found
        if len(page) < size:
            return found
        before = page[-1]


def test_tiered_pages_are_exactly_the_sorted_search(seeded):  # noqa: F811
    users = (UserFactory(is_superuser=True), RecruiterFactory().user)
    checked = 0
    for user in users:
        visible = candidates_visible_to(user)
        for query in _queries(seeded)[::3]:
            if not query_tokens(query):
                continue
            searched = candidates_search(visible, query)
            sorted_ids = list(searched.order_by(*SEARCH_ORDERING).values_list("pk", flat=True))
            tiers = search_tiers(searched, query)
            if not tiers:
                continue
            ranks = dict(searched.values_list("pk", "search_rank"))
            for rank, tier in enumerate(tiers):
                assert all(ranks[pk] == rank for pk in tier.queryset.values_list("pk", flat=True)), (query, rank)
            for size in (1, 3, 50):
                assert _walk(tiers, size) == sorted_ids, (user, query, size)
            if sorted_ids:
                last = search_page(tiers, limit=len(sorted_ids))[-1]
                assert _walk_back(tiers, last, 4) == sorted_ids[:-1], (user, query)
            checked += 1
    assert checked > 50


def test_tiers_compose_with_list_filters(firm, seeded):  # noqa: F811
    visible = candidates_at_company(candidates_visible_to(UserFactory(is_superuser=True)), "阿里", current_only=False)
    searched = candidates_search(visible, "工程")
    sorted_ids = list(searched.order_by(*SEARCH_ORDERING).values_list("pk", flat=True))
    assert sorted_ids
    assert _walk(search_tiers(searched, "工程"), 2) == sorted_ids


@pytest.fixture
def crowd(firm, bytedance):  # noqa: F811
    """Matches in every tier for "qiao", some of them sharing one updated_at (ties broken by id)."""
    capital = services.company_create(name="Qiao Capital")
    made = [person(firm, english_name=f"Qiao {i}") for i in range(3)]  # prefix
    made += [person(firm, english_name="Qiao") for _ in range(2)]  # exact
    made += [person(firm, english_name=f"Anna Qiao{i}") for i in range(3)]  # other
    made += [person(firm, english_name=f"Worker {i}", stints=[(capital, "Analyst", None)]) for i in range(4)]
    made.append(
        services.candidate_create(
            actor=firm.lead.user, native_name="乔安", is_confidential=True, pseudonym="Qiao Bird", owner=firm.lead
        )
    )
    Candidate.objects.filter(pk__in=[c.pk for c in made[::2]]).update(updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return made


def _pages(client, params: dict, direction: str = "next") -> list[list[int]]:
    pages, url = [], "/api/v1/candidates/"
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        url, params = body[direction], None
    return pages


@pytest.mark.parametrize("role", ["recruiter", "admin", "other_team"])
def test_api_pages_forward_and_back_across_tiers(firm, crowd, role):
    client = firm.client(role)
    user = {"recruiter": firm.recruiter.user, "admin": firm.admin, "other_team": firm.other_team.user}[role]
    expected = list(
        candidates_search(candidates_visible_to(user), "qiao").order_by(*SEARCH_ORDERING).values_list("pk", flat=True)
    )
    forward = _pages(client, {"search": "qiao", "page_size": 3})
    assert [pk for page in forward for pk in page] == expected
    assert len(expected) >= 12
    # Back from the last page with `previous`: the same pages in reverse.
    body = client.get("/api/v1/candidates/", {"search": "qiao", "page_size": 3}).json()
    while body["next"]:
        body = client.get(body["next"]).json()
    back = [[row["id"] for row in body["results"]]]
    url = body["previous"]
    while url:
        body = client.get(url).json()
        back.append([row["id"] for row in body["results"]])
        url = body["previous"]
    assert back[::-1] == forward


def test_the_confidential_candidate_ranks_by_its_pseudonym_only_for_those_not_cleared(firm, crowd):
    hidden = crowd[-1]
    names = {"乔安", "qiao an"}
    for term in names:
        other = [pk for page in _pages(firm.client("other_team"), {"search": term, "page_size": 2}) for pk in page]
        assert hidden.pk not in other
        lead = [pk for page in _pages(firm.client("lead"), {"search": term, "page_size": 2}) for pk in page]
        assert hidden.pk in lead
    pseudonym = [pk for page in _pages(firm.client("other_team"), {"search": "bird", "page_size": 2}) for pk in page]
    assert pseudonym == [hidden.pk]


def test_a_bad_search_cursor_is_a_400(firm, crowd):
    response = firm.client("recruiter").get("/api/v1/candidates/", {"search": "qiao", "cursor": "cD0xfHh8eQ=="})
    assert response.status_code == 400
    assert "cursor" in str(response.json()), response.json()


def test_a_page_filled_by_the_first_tier_reads_no_other_tier(firm, crowd):
    client = firm.client("recruiter")
    client.get("/api/v1/bands/")  # the first call of a key records its use
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/candidates/", {"search": "qiao", "page_size": 1})
    assert len(response.json()["results"]) == 1
    tier_queries = [q for q in endpoint_queries(captured) if "talent_candidatesearch" in q and q.endswith("LIMIT 2")]
    assert len(tier_queries) == 1, tier_queries
    assert "ORDER BY" in tier_queries[0] and "CASE" not in tier_queries[0].split("ORDER BY")[1]


def test_dense_and_sparse_tiers_give_the_same_page(firm, crowd, monkeypatch):
    """The probe only chooses how a tier is read (by its holders' ids or by walking the index), not what."""
    searched = candidates_search(candidates_visible_to(firm.admin), "qiao")
    sparse = _walk(search_tiers(searched, "qiao"), 2)
    monkeypatch.setattr("talent.search.query.SPARSE", 0)
    assert _walk(search_tiers(searched, "qiao"), 2) == sparse
    assert sparse == list(searched.order_by(*SEARCH_ORDERING).values_list("pk", flat=True))
