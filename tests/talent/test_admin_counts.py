"""The candidate list counts a broad search only up to a cap, and names the employers people work at now."""

import pytest

from talent.admin.base import CappedCountPaginator
from talent.models import Candidate
from talent.search import query as search_query
from talent.search.refresh import candidate_search_refresh
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory
from tests.talent.test_admin import LIST_URL

pytestmark = pytest.mark.django_db


def listing(admin_client, **params) -> str:
    response = admin_client.get(LIST_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_few_matches_are_counted_exactly(admin_client):
    for _ in range(5):
        CandidateFactory(english_name="Ada Exact")
    page = listing(admin_client, q="Ada Exact")
    assert "5 candidates" in page
    assert "more than" not in page


@pytest.mark.parametrize("estimate_below", [CappedCountPaginator.EXACT_BELOW_ESTIMATE, 0])
def test_a_search_nobody_matches_lists_nobody(admin_client, monkeypatch, estimate_below):
    monkeypatch.setattr(CappedCountPaginator, "EXACT_BELOW_ESTIMATE", estimate_below)
    CandidateFactory(english_name="Ada Somebody")
    page = listing(admin_client, q="Nobody Atall")
    assert "0 candidates" in page


def test_many_matches_are_counted_up_to_the_cap_and_still_listed(admin_client, monkeypatch):
    # As a broad search at a million candidates: the planner expects more matches than an exact count is worth.
    monkeypatch.setattr(CappedCountPaginator, "CAP", 3)
    monkeypatch.setattr(CappedCountPaginator, "EXACT_BELOW_ESTIMATE", 0)
    people = [CandidateFactory(english_name="Ada Many") for _ in range(5)]
    page = listing(admin_client, q="Ada Many")
    assert "more than 3 candidates" in page
    assert "Select all more than 3 candidates" in page  # an action on all of them acts on every match
    assert all(f"/admin/talent/candidate/{person.pk}/change/" in page for person in people)


def test_a_capped_count_that_does_not_reach_the_cap_is_exact(admin_client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "EXACT_BELOW_ESTIMATE", 0)
    CandidateFactory(english_name="Ada Alone")
    assert "1 candidate" in listing(admin_client, q="Ada Alone")


def test_the_company_filter_offers_employers_of_two_people_or_more_and_follows_new_hires(admin_client):
    lab, solo = CompanyFactory(name="Two Person Lab"), CompanyFactory(name="Solo Founder Co")
    EmploymentFactory(candidate=CandidateFactory(), company=lab, end_date=None, level=None)
    founder = CandidateFactory()
    # The same person twice at one company is still one person.
    EmploymentFactory(candidate=founder, company=solo, end_date=None, level=None)
    EmploymentFactory(candidate=founder, company=solo, end_date=None, level=None)
    page = listing(admin_client)
    assert f'?company={lab.pk}"' not in page and f'?company={solo.pk}"' not in page

    EmploymentFactory(candidate=CandidateFactory(), company=lab, end_date=None, level=None)
    page = listing(admin_client)
    assert f'?company={lab.pk}"' in page
    assert f'?company={solo.pk}"' not in page
    assert Candidate.objects.count() == 3


@pytest.mark.parametrize("term", ["欧阳", "ouyang na", "Nana", "oynn", "字节", "nobody at all"])
@pytest.mark.parametrize("sparse", [2000, 1])
def test_the_admin_search_narrowed_to_token_holders_finds_what_the_search_finds(term, sparse, monkeypatch):
    monkeypatch.setattr(search_query, "SPARSE", sparse)
    bytedance = CompanyFactory(name="ByteDance Narrow", native_name="字节跳动")
    people = [
        CandidateFactory(native_name="欧阳娜娜", english_name="Nana Ouyang"),
        CandidateFactory(native_name="欧阳修", english_name="Xiu Ouyang"),
        CandidateFactory(native_name="李娜", english_name="Na Li"),
    ]
    EmploymentFactory(candidate=people[2], company=bytedance, end_date=None, level=None)
    candidate_search_refresh(candidate_ids=[person.pk for person in people])
    everyone = Candidate.objects.all()

    found = set(search_query.candidates_search(everyone, term, all_cleared=True))
    assert found or term == "nobody at all"
    narrowed = set(
        search_query.candidates_search(search_query.narrowed_to_holders(everyone, term), term, all_cleared=True)
    )

    assert narrowed == found
