import datetime as dt
from decimal import Decimal

import pytest

from talent.availability import Availability, candidate_availability
from talent.models import Candidate, NonCompete
from talent.selectors import candidates_with_availability
from talent.services import noncompete_create
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)


def window_of(candidate, **fields) -> NonCompete:
    """A China window recorded through the service, which stores its enforceable end."""
    fields = {
        "starts_on": dt.date(2026, 1, 1),
        "contractual_end": dt.date(2026, 12, 31),
        "jurisdiction": "CN",
        **fields,
    }
    return noncompete_create(candidate=candidate, employer=CompanyFactory(), **fields)


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
    window_of(candidate, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    availability = candidate_availability(Candidate.objects.get(pk=candidate.pk), TODAY)
    assert availability.state == Availability.IN_NONCOMPETE
    assert availability.until == dt.date(2026, 11, 30)
    assert availability.days_left == 6
    assert_sql_agrees(candidate, Availability.IN_NONCOMPETE)


def test_window_that_ended_yesterday_leaves_the_candidate_free():
    candidate = CandidateFactory()
    window_of(candidate, starts_on=dt.date(2026, 5, 24), contractual_end=dt.date(2026, 11, 23))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_window_beyond_24_months_in_china_no_longer_binds():
    candidate = CandidateFactory()
    window_of(candidate, starts_on=dt.date(2024, 11, 1), contractual_end=dt.date(2027, 10, 31))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_california_window_never_binds():
    candidate = CandidateFactory()
    window_of(candidate, jurisdiction="US-CA", starts_on=dt.date(2026, 10, 1))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_released_window_frees_the_candidate_from_the_release():
    candidate = CandidateFactory()
    window_of(
        candidate,
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
    window_of(candidate, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 12, 31))
    assert state(candidate) == expected
    assert_sql_agrees(candidate, expected)


def test_the_legal_cap_counted_from_the_departure_frees_the_candidate_before_the_contractual_end():
    candidate = CandidateFactory()
    stint = EmploymentFactory(candidate=candidate, start_date=dt.date(2020, 3, 1), end_date=dt.date(2024, 1, 31))
    window_of(candidate, employment=stint, starts_on=dt.date(2024, 7, 1), contractual_end=dt.date(2026, 6, 30))
    # Two years after the job ended (2026-01-31), not after the window's start.
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_availability_reads_the_stored_end_and_never_recomputes_it():
    candidate = CandidateFactory()
    window = window_of(candidate, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 12, 31))
    NonCompete.objects.filter(pk=window.pk).update(enforceable_end=TODAY - dt.timedelta(days=1))
    assert state(candidate) == Availability.FREE
    assert_sql_agrees(candidate, Availability.FREE)


def test_a_german_window_whose_last_pay_is_in_another_currency_still_binds():
    candidate = CandidateFactory()
    window_of(
        candidate,
        jurisdiction="DE",
        starts_on=dt.date(2026, 6, 1),
        contractual_end=dt.date(2027, 5, 31),
        monthly_compensation=Decimal("4000"),
        compensation_currency="EUR",
        last_monthly_pay=Decimal("90000"),
        last_monthly_pay_currency="CNY",
    )
    assert state(candidate) == Availability.IN_NONCOMPETE
    assert_sql_agrees(candidate, Availability.IN_NONCOMPETE)
