import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from talent.models import NonCompete
from talent.noncompetes import days_left, enforceable_end, unpaid_termination_available
from talent.services import noncompete_create
from tests.factories import CandidateFactory, CompanyFactory, NonCompeteFactory

pytestmark = pytest.mark.django_db


def recorded(**fields) -> NonCompete:
    """A window recorded through the service, which stores its enforceable end."""
    fields = {
        "starts_on": dt.date(2026, 1, 1),
        "contractual_end": dt.date(2026, 12, 31),
        "jurisdiction": "CN",
        **fields,
    }
    return noncompete_create(candidate=CandidateFactory(), employer=CompanyFactory(), **fields)


def test_36_month_clause_in_china_ends_at_month_24():
    window = recorded(starts_on=dt.date(2025, 3, 1), contractual_end=dt.date(2028, 2, 29), jurisdiction="CN")
    assert enforceable_end(window) == dt.date(2027, 2, 28)
    window.refresh_from_db()
    assert window.enforceable_end == dt.date(2027, 2, 28)


def test_six_month_clause_in_china_stands():
    window = recorded(starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30), jurisdiction="CN")
    assert enforceable_end(window) == dt.date(2026, 11, 30)
    assert days_left(window, dt.date(2026, 11, 24)) == 6
    assert days_left(window, dt.date(2026, 12, 1)) is None


def test_california_non_compete_is_void():
    window = recorded(jurisdiction="US-CA")
    assert enforceable_end(window) is None
    assert days_left(window, dt.date(2026, 6, 1)) is None


def test_german_clause_without_half_pay_does_not_bind():
    window = recorded(
        jurisdiction="DE",
        monthly_compensation=Decimal("3000"),
        compensation_currency="EUR",
        last_monthly_pay=Decimal("8000"),
        last_monthly_pay_currency="EUR",
    )
    assert enforceable_end(window) is None


def test_german_clause_with_half_pay_is_capped_at_two_years():
    window = recorded(
        jurisdiction="DE",
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2028, 12, 31),
        monthly_compensation=Decimal("4000"),
        compensation_currency="EUR",
        last_monthly_pay=Decimal("8000"),
        last_monthly_pay_currency="EUR",
    )
    assert enforceable_end(window) == dt.date(2027, 12, 31)


def test_uk_clause_stands_as_written():
    window = recorded(jurisdiction="GB", starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2028, 12, 31))
    assert enforceable_end(window) == dt.date(2028, 12, 31)


@pytest.mark.parametrize("status", [NonCompete.Status.WAIVED, NonCompete.Status.RELEASED])
def test_waived_or_released_window_ends_on_the_day_given(status):
    window = recorded(status=status, ended_on=dt.date(2026, 3, 15))
    assert enforceable_end(window) == dt.date(2026, 3, 15)


def test_unpaid_compensation_for_three_months_lets_the_candidate_end_it_in_china():
    window = recorded(compensation_paid=False, unpaid_since=dt.date(2026, 5, 1))
    assert not unpaid_termination_available(window, dt.date(2026, 7, 31))
    assert unpaid_termination_available(window, dt.date(2026, 8, 1))


def test_database_refuses_end_before_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(starts_on=dt.date(2026, 5, 1), contractual_end=dt.date(2026, 4, 1))


def test_database_refuses_a_release_without_its_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(status=NonCompete.Status.RELEASED)
