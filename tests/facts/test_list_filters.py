"""The list filters read the facts and answer exactly what talent.availability says, on any day."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent.access import candidates_visible_to
from talent.availability import Availability
from talent.models import Candidate
from talent.selectors import candidates_at_company, candidates_in_band_range, candidates_with_availability
from tests.conftest import endpoint_queries
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory, level
from tests.facts.conftest import availability_of


@pytest.fixture
def people(firm):
    """Candidates in every availability state and between states as the days pass."""
    other = CompanyFactory(name="Elsewhere")
    made = {}
    made["employed"] = CandidateFactory(owner=firm.recruiter)
    EmploymentFactory(candidate=made["employed"], company=firm.company, level=level("Alibaba", "P8"))
    made["free"] = CandidateFactory(owner=firm.recruiter)
    EmploymentFactory(candidate=made["free"], company=other, end_date=dt.date(2024, 1, 1))
    made["bound"] = CandidateFactory(owner=firm.recruiter)  # binding 2026-01-01 .. 2026-12-31, and working
    EmploymentFactory(candidate=made["bound"], company=firm.company, level=level("Alibaba", "P7"))
    NonCompeteFactory(candidate=made["bound"], employer=firm.company)
    made["two windows"] = CandidateFactory(owner=firm.recruiter)  # an old window and one that starts later
    NonCompeteFactory(
        candidate=made["two windows"], starts_on=dt.date(2024, 1, 1), contractual_end=dt.date(2024, 6, 30)
    )
    NonCompeteFactory(
        candidate=made["two windows"], starts_on=dt.date(2027, 1, 1), contractual_end=dt.date(2027, 6, 30)
    )
    made["held"] = CandidateFactory(owner=firm.recruiter, hold=Candidate.Hold.NOT_LOOKING)
    NonCompeteFactory(candidate=made["held"], employer=firm.company)
    made["placed"] = CandidateFactory(owner=firm.recruiter, hold=Candidate.Hold.PLACED)
    return made


@pytest.mark.parametrize(
    "today",
    [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 1), dt.date(2028, 1, 1)],
)
def test_availability_filter_equals_the_python_rule_on_every_day(firm, people, today):
    everyone = Candidate.objects.filter(pk__in=[c.pk for c in people.values()])
    for state in Availability.values:
        found = set(candidates_with_availability(everyone, state, today=today).values_list("pk", flat=True))
        expected = {c.pk for c in people.values() if availability_of(c, today) == state}
        assert found == expected, (state, today)


def test_the_window_ending_frees_the_candidate_without_any_write(firm, people):
    client = firm.client("recruiter")
    bound = people["bound"].pk
    with time_machine.travel(dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC)):
        rows = client.get("/api/v1/candidates/", {"availability": "in_noncompete"}).json()["results"]
        assert bound in [row["id"] for row in rows]
    with time_machine.travel(dt.datetime(2027, 1, 2, 12, tzinfo=dt.UTC)):
        rows = client.get("/api/v1/candidates/", {"availability": "employed"}).json()["results"]
        assert bound in [row["id"] for row in rows]


def test_company_and_band_filters(firm, people):
    everyone = candidates_visible_to(firm.recruiter.user).filter(pk__in=[c.pk for c in people.values()])
    assert set(candidates_at_company(everyone, "阿里巴巴").values_list("pk", flat=True)) == {
        people["employed"].pk,
        people["bound"].pk,
    }
    assert set(candidates_at_company(everyone, "Elsewhere").values_list("pk", flat=True)) == set()
    assert set(candidates_at_company(everyone, "Elsewhere", current_only=False).values_list("pk", flat=True)) == {
        people["free"].pk
    }
    p8, p7 = level("Alibaba", "P8").band.rank, level("Alibaba", "P7").band.rank
    assert set(candidates_in_band_range(everyone, min_rank=p8).values_list("pk", flat=True)) == {people["employed"].pk}
    assert set(candidates_in_band_range(everyone, max_rank=p7).values_list("pk", flat=True)) == {people["bound"].pk}
    assert set(candidates_in_band_range(everyone, min_rank=p7, max_rank=p8).values_list("pk", flat=True)) == {
        people["employed"].pk,
        people["bound"].pk,
    }


def test_the_filtered_list_of_the_benchmark(firm, people):
    client = firm.client("recruiter")
    client.get("/api/v1/bands/")  # the first call of a key records its use
    band_min = str(level("Alibaba", "P7").band.rank)
    params = {"page_size": 50, "availability": "in_noncompete", "band_min": band_min, "company": "阿里"}
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/candidates/", params)
    assert [row["id"] for row in response.json()["results"]] == [people["bound"].pk]
    listed = [q for q in endpoint_queries(captured) if "talent_candidatefacts" in q]
    assert len(listed) == 1 and "count(" not in listed[0].lower()
