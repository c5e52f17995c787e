"""Exact name, then name prefix, then other matches, then employers; ties by most recent activity."""

import pytest

from talent import services
from tests.search.conftest import person, search_ids


@pytest.fixture
def qiaos(firm):
    capital = services.company_create(name="Qiao Capital")
    people = {
        "employee": person(firm, english_name="Employee", stints=[(capital, "Analyst", None)]),
        "later_word": person(firm, english_name="Anna Qiao"),
        "prefix_old": person(firm, native_name="乔峰"),
        "prefix_new": person(firm, native_name="乔丹"),
        "exact": person(firm, english_name="Qiao"),
    }
    return people


def test_ranks_exact_then_prefix_then_other_then_company(firm, qiaos):
    expected = ["exact", "prefix_new", "prefix_old", "later_word", "employee"]
    assert search_ids(firm.client("recruiter"), "qiao") == [qiaos[name].pk for name in expected]


def test_recent_activity_breaks_ties(firm, qiaos):
    services.candidate_touch(candidate_id=qiaos["prefix_old"].pk)
    expected = ["exact", "prefix_old", "prefix_new", "later_word", "employee"]
    assert search_ids(firm.client("recruiter"), "qiao") == [qiaos[name].pk for name in expected]


def test_cursor_pages_keep_the_ranked_order(firm, qiaos):
    client = firm.client("recruiter")
    ranked = search_ids(client, "qiao")
    paged, url, params = [], "/api/v1/candidates/", {"search": "qiao", "page_size": 2}
    while url:
        body = client.get(url, params).json()
        paged += [row["id"] for row in body["results"]]
        url, params = body["next"], None
    assert paged == ranked


def test_an_explicit_ordering_wins_over_the_rank(firm, qiaos):
    found = search_ids(firm.client("recruiter"), "qiao", ordering="id")
    assert found == sorted(candidate.pk for candidate in qiaos.values())


def test_a_pseudonym_match_ranks_as_a_name_without_hinting_at_the_hidden_one(firm):
    hidden = services.candidate_create(
        actor=firm.other_team.user, native_name="乔治", english_name="George", is_confidential=True, pseudonym="Qiao"
    )
    visible = person(firm, native_name="乔布")
    found = search_ids(firm.client("recruiter"), "qiao")
    assert found == [hidden.pk, visible.pk]  # pseudonym exact, then a name prefix
    assert search_ids(firm.client("recruiter"), "george") == []
