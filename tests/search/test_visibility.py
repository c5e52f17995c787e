"""A confidential candidate is found by its pseudonym only, by whoever is not cleared for its identity."""

import pytest

from talent.access import candidates_visible_to
from talent.models import Candidate
from talent.selectors import candidates_search
from tests.search.conftest import search_ids

# The firm's confidential candidate of the other team: 陈静 (Jing Chen), alias "confidential-alias", at Alibaba.
HIDDEN_FORMS = ["陈静", "陳靜", "chen jing", "chenjing", "cj", "Jing Chen", "jing", "confidential-alias"]


@pytest.mark.parametrize("term", HIDDEN_FORMS)
def test_an_uncleared_recruiter_never_finds_it_by_an_identity_form(firm, term):
    assert firm.candidates["confidential"].pk not in search_ids(firm.client("recruiter"), term)


@pytest.mark.parametrize("term", ["Alibaba", "阿里", "research scientist"])
def test_an_uncleared_recruiter_never_finds_it_by_employer_or_title(firm, term):
    found = search_ids(firm.client("recruiter"), term)
    assert firm.candidates["own"].pk in found  # the same employer and title find the visible ones
    assert firm.candidates["confidential"].pk not in found


@pytest.mark.parametrize("term", ["Falcon", "falc", "FALCON"])
def test_the_pseudonym_finds_it_without_revealing_the_name(firm, term):
    response = firm.client("recruiter").get("/api/v1/candidates/", {"search": term})
    (row,) = response.json()["results"]
    assert row["id"] == firm.candidates["confidential"].pk
    assert row["display_name"] == "Falcon"
    assert row["identity_cleared"] is False
    assert "陈静" not in response.content.decode() and "Jing" not in response.content.decode()


@pytest.mark.parametrize("role", ["other_team", "admin"])
def test_those_cleared_find_it_by_its_real_name(firm, role):
    client = firm.client(role)
    for term in HIDDEN_FORMS + ["Falcon"]:
        assert firm.candidates["confidential"].pk in search_ids(client, term), term


def test_a_team_mate_is_cleared_for_the_team_s_confidential_candidate(firm):
    assert search_ids(firm.client("recruiter"), "李娜") == [firm.candidates["team"].pk]


def test_an_api_client_cannot_search_candidates_at_all(firm):
    response = firm.client("api_client").get("/api/v1/candidates/", {"search": "陈静"})
    assert response.status_code == 403
    assert "陈静" not in response.content.decode()


def test_the_admin_desk_searches_only_the_candidates_its_user_is_cleared_for(firm):
    desk = candidates_visible_to(firm.recruiter.user).filter(identity_cleared=True)  # CandidateAdmin.get_queryset
    assert list(candidates_search(desk, "陈静")) == []
    assert [c.pk for c in candidates_search(desk, "王芳")] == [firm.candidates["own"].pk]


def test_a_queryset_without_clearance_is_refused(firm):
    with pytest.raises(ValueError, match="identity_cleared"):
        candidates_search(Candidate.objects.all(), "陈静")
