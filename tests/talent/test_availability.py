import datetime as dt

import pytest

from talent.availability import Availability, candidate_availability
from talent.models import Candidate, NonCompete
from talent.selectors import candidates_with_availability
from tests.factories import CandidateFactory, EmploymentFactory, NonCompeteFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)


def state(candidate) -> Availability:
    return candidate_availability(Candidate.objects.get(pk=candidate.pk), TODAY).state


def assert_sql_agrees(candidate, expected: Availability):
    for availability in Availability:
        found = candidates_with_availability(Candidate.objects.all(), availability, today=TODAY).filter(pk=candidate.pk)
        assert found.exists() == (availability == expected), availability


def test_candidate_with_an_open_stint_is_employed():
    candidate = EmploymentFactory().candidate
    assert state(candidate) == Availability.EMPLOYED
    assert_sql_agrees(candidate, Availability.EMPLOYED)


def test_candidate_between_jobs_without_a_window_is_free():
    candidate = EmploymentFactory(end_date=dt.date(2026, 1, 31)).candidate
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_binding_window_gives_the_end_and_days_left_even_while_founding_a_company():
    candidate = CandidateFactory()
    EmploymentFactory(candidate=candidate, title="Founder", start_date=dt.date(2026, 6, 1))
    NonCompeteFactory(candidate=candidate, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    availability = candidate_availability(Candidate.objects.get(pk=candidate.pk), TODAY)
    assert availability.state == Availability.IN_NONCOMPETE
    assert availability.until == dt.date(2026, 11, 30)
    assert availability.days_left == 6
    assert_sql_agrees(candidate, Availability.IN_NONCOMPETE)


def test_window_that_ended_yesterday_leaves_the_candidate_free():
    candidate = CandidateFactory()
    NonCompeteFactory(candidate=candidate, starts_on=dt.date(2026, 5, 24), contractual_end=dt.date(2026, 11, 23))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_window_beyond_24_months_in_china_no_longer_binds():
    candidate = CandidateFactory()
    NonCompeteFactory(candidate=candidate, starts_on=dt.date(2024, 11, 1), contractual_end=dt.date(2027, 10, 31))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_california_window_never_binds():
    candidate = CandidateFactory()
    NonCompeteFactory(candidate=candidate, jurisdiction="US-CA", starts_on=dt.date(2026, 10, 1))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_released_window_frees_the_candidate_from_the_release():
    candidate = CandidateFactory()
    NonCompeteFactory(
        candidate=candidate,
        starts_on=dt.date(2026, 6, 1),
        contractual_end=dt.date(2027, 5, 31),
        status=NonCompete.Status.RELEASED,
        ended_on=dt.date(2026, 11, 1),
    )
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


@pytest.mark.parametrize(
    ("hold", "expected"),
    [(Candidate.Hold.NOT_LOOKING, Availability.NOT_LOOKING), (Candidate.Hold.PLACED, Availability.PLACED)],
)
def test_a_hold_set_by_hand_wins(hold, expected):
    candidate = CandidateFactory(hold=hold)
    NonCompeteFactory(candidate=candidate, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 12, 31))
    assert state(candidate) == expected
    assert_sql_agrees(candidate, expected)
