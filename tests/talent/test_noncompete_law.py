"""The findings of the outside legal review of how a non-compete is counted, one test (or more) each."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from talent.models import NonCompete
from talent.noncompete_rules import RULES, HalfPayTest, WindowTerms
from talent.noncompetes import WindowState, days_left, unpaid_termination_available, window_facts, window_state
from talent.serializers import NonCompeteSerializer
from talent.services import employment_delete, employment_update, noncompete_create, noncompete_update
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory

pytestmark = pytest.mark.django_db

GERMAN_PAY = {
    "jurisdiction": "DE",
    "monthly_compensation": Decimal("5000"),
    "compensation_currency": "EUR",
    "last_monthly_pay": Decimal("8000"),
    "last_monthly_pay_currency": "EUR",
}


def after_stint(departure: dt.date | None, **fields) -> NonCompete:
    """A window recorded through the service, from a stint that ended on `departure` (None: no stint)."""
    candidate = CandidateFactory()
    if departure is not None:
        fields["employment"] = EmploymentFactory(
            candidate=candidate, start_date=dt.date(2019, 1, 1), end_date=departure
        )
    fields = {"jurisdiction": "CN", **fields}
    return noncompete_create(candidate=candidate, employer=CompanyFactory(), **fields)


def stored_end(window: NonCompete) -> dt.date | None:
    return NonCompete.objects.values_list("enforceable_end", flat=True).get(pk=window.pk)


# 1. The legal cap counts from the end of the employment -----------------------


def test_the_two_year_cap_in_china_counts_from_the_departure_not_from_the_window_start():
    window = after_stint(dt.date(2024, 1, 31), starts_on=dt.date(2024, 7, 1), contractual_end=dt.date(2026, 6, 30))
    assert stored_end(window) == dt.date(2026, 1, 31)
    facts = window_facts(window, dt.date(2026, 2, 15))
    assert facts.capped_by_law
    assert facts.state == WindowState.ENDED
    assert facts.days_left is None


def test_the_two_year_cap_in_germany_counts_from_the_departure():
    window = after_stint(
        dt.date(2025, 3, 31), starts_on=dt.date(2025, 10, 1), contractual_end=dt.date(2027, 9, 30), **GERMAN_PAY
    )
    assert stored_end(window) == dt.date(2027, 3, 31)


def test_after_a_departure_on_february_28_a_window_from_the_leap_day_is_capped_on_february_28():
    window = after_stint(dt.date(2024, 2, 28), starts_on=dt.date(2024, 2, 29), contractual_end=dt.date(2026, 3, 31))
    assert stored_end(window) == dt.date(2026, 2, 28)
    assert window_facts(window, dt.date(2026, 1, 1)).capped_by_law


def test_a_leap_day_window_ending_on_february_28_two_years_on_is_not_capped_by_law():
    window = after_stint(dt.date(2024, 2, 28), starts_on=dt.date(2024, 2, 29), contractual_end=dt.date(2026, 2, 28))
    assert stored_end(window) == dt.date(2026, 2, 28)
    assert not window_facts(window, dt.date(2026, 1, 1)).capped_by_law


def test_without_a_stint_the_cap_counts_from_the_day_before_the_window_starts():
    assert after_stint(None, starts_on=dt.date(2024, 2, 29), contractual_end=dt.date(2026, 3, 31)).enforceable_end == (
        dt.date(2026, 2, 28)
    )
    open_stint = EmploymentFactory(end_date=None)
    window = noncompete_create(
        candidate=open_stint.candidate,
        employer=CompanyFactory(),
        employment=open_stint,
        starts_on=dt.date(2024, 7, 1),
        contractual_end=dt.date(2027, 6, 30),
    )
    assert stored_end(window) == dt.date(2026, 6, 30)


def test_moving_or_deleting_the_stint_moves_the_stored_end_of_its_windows():
    window = after_stint(dt.date(2024, 1, 31), starts_on=dt.date(2024, 7, 1), contractual_end=dt.date(2026, 6, 30))
    stamped = NonCompete.objects.get(pk=window.pk).updated_at

    employment_update(employment=window.employment, end_date=dt.date(2024, 3, 31))
    moved = NonCompete.objects.get(pk=window.pk)
    assert moved.enforceable_end == dt.date(2026, 3, 31)
    assert moved.updated_at > stamped

    employment_delete(employment=moved.employment)
    assert stored_end(window) == dt.date(2026, 6, 30)


def test_the_pure_rule_computes_the_end_from_plain_values():
    terms = WindowTerms(
        jurisdiction="CN",
        starts_on=dt.date(2024, 7, 1),
        contractual_end=dt.date(2026, 6, 30),
        departure=dt.date(2024, 1, 31),
    )
    assert terms.enforceable_end() == dt.date(2026, 1, 31)


# 2. Ending it for unpaid compensation is only offered while it binds ----------


def test_unpaid_termination_is_offered_only_while_the_window_binds():
    window = after_stint(
        None,
        starts_on=dt.date(2025, 6, 1),
        contractual_end=dt.date(2026, 5, 31),
        compensation_paid=False,
        unpaid_since=dt.date(2025, 9, 1),
    )
    assert not unpaid_termination_available(window, dt.date(2025, 11, 30))
    assert unpaid_termination_available(window, dt.date(2026, 3, 1))
    assert not unpaid_termination_available(window, dt.date(2026, 6, 15))


# 3. Germany: the half-pay test compares like with like -------------------------


@pytest.mark.parametrize(
    ("pay", "expected", "binds"),
    [
        ({"last_monthly_pay": Decimal("8000"), "last_monthly_pay_currency": "EUR"}, HalfPayTest.MET, True),
        ({"last_monthly_pay": Decimal("10000"), "last_monthly_pay_currency": "USD"}, HalfPayTest.UNKNOWN, True),
        ({}, HalfPayTest.UNKNOWN, True),
        ({"last_monthly_pay": Decimal("9000"), "last_monthly_pay_currency": "EUR"}, HalfPayTest.NOT_MET, False),
    ],
    ids=["half-in-euros", "last-pay-in-dollars", "no-last-pay", "below-half-in-euros"],
)
def test_the_german_half_pay_test_compares_amounts_in_one_currency_only(pay, expected, binds):
    window = after_stint(
        None,
        jurisdiction="DE",
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2026, 12, 31),
        monthly_compensation=Decimal("4000"),
        compensation_currency="EUR",
        **pay,
    )
    facts = window_facts(window, dt.date(2026, 6, 1))
    assert facts.half_pay_test == expected
    assert facts.is_void is not binds
    assert (stored_end(window) == dt.date(2026, 12, 31)) is binds


def test_a_german_clause_without_any_compensation_does_not_bind():
    window = after_stint(None, jurisdiction="DE", starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31))
    facts = window_facts(window, dt.date(2026, 6, 1))
    assert facts.half_pay_test == HalfPayTest.NOT_MET
    assert facts.state == WindowState.VOID
    assert stored_end(window) is None


def test_the_half_pay_test_is_not_made_outside_germany():
    window = after_stint(None, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31))
    assert window_facts(window, dt.date(2026, 6, 1)).half_pay_test is None


def test_a_last_pay_needs_its_currency():
    with pytest.raises(ValidationError) as error:
        after_stint(None, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31), last_monthly_pay=9000)
    assert "last_monthly_pay_currency" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(last_monthly_pay=Decimal("9000"))


# 4. Early ends by the employer: what compensation is still owed -----------------


def test_a_german_waiver_before_the_job_ends_frees_at_once_and_owes_a_year_of_compensation():
    window = after_stint(
        dt.date(2026, 3, 31),
        starts_on=dt.date(2026, 4, 1),
        contractual_end=dt.date(2028, 3, 31),
        status=NonCompete.Status.WAIVED,
        ended_on=dt.date(2026, 2, 15),
        **GERMAN_PAY,
    )
    assert stored_end(window) is None
    facts = window_facts(window, dt.date(2026, 5, 1))
    assert facts.state == WindowState.ENDED
    assert not facts.is_void
    assert facts.compensation_owed_until == dt.date(2027, 2, 15)


def test_a_german_waiver_owes_compensation_no_longer_than_the_restriction_would_have_run():
    window = after_stint(
        dt.date(2026, 3, 31),
        starts_on=dt.date(2026, 4, 1),
        contractual_end=dt.date(2026, 9, 30),
        status=NonCompete.Status.WAIVED,
        ended_on=dt.date(2026, 2, 15),
        **GERMAN_PAY,
    )
    assert window_facts(window, dt.date(2026, 5, 1)).compensation_owed_until == dt.date(2026, 9, 30)


def test_a_german_waiver_more_than_a_year_before_the_job_ends_owes_nothing():
    window = after_stint(
        dt.date(2026, 3, 31),
        starts_on=dt.date(2026, 4, 1),
        contractual_end=dt.date(2027, 3, 31),
        status=NonCompete.Status.WAIVED,
        ended_on=dt.date(2025, 1, 15),
        **GERMAN_PAY,
    )
    assert window_facts(window, dt.date(2026, 5, 1)).compensation_owed_until is None


@pytest.mark.parametrize("status", [NonCompete.Status.RELEASED, NonCompete.Status.WAIVED])
def test_an_early_release_in_china_owes_three_more_months_of_compensation(status):
    window = after_stint(
        dt.date(2025, 12, 31),
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2027, 12, 31),
        status=status,
        ended_on=dt.date(2026, 3, 15),
    )
    facts = window_facts(window, dt.date(2026, 4, 1))
    assert facts.enforceable_end == dt.date(2026, 3, 15)
    assert facts.compensation_owed_until == dt.date(2026, 6, 15)


def test_a_termination_by_the_candidate_owes_no_extra_compensation_and_cannot_predate_the_start():
    window = after_stint(
        None,
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2027, 12, 31),
        compensation_paid=False,
        unpaid_since=dt.date(2026, 1, 1),
        status=NonCompete.Status.TERMINATED,
        ended_on=dt.date(2026, 5, 1),
    )
    assert window_facts(window, dt.date(2026, 6, 1)).compensation_owed_until is None
    with pytest.raises(ValidationError) as error:
        after_stint(
            None,
            starts_on=dt.date(2026, 1, 1),
            contractual_end=dt.date(2027, 12, 31),
            status=NonCompete.Status.TERMINATED,
            ended_on=dt.date(2025, 12, 1),
        )
    assert "ended_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(status=NonCompete.Status.TERMINATED, ended_on=dt.date(2025, 12, 1))


def test_the_compensation_periods_live_in_the_rules_table_with_their_citation():
    assert RULES["CN"].release_compensation_months == 3
    assert "art. 38" in RULES["CN"].citation and "art. 39" in RULES["CN"].citation
    assert RULES["DE"].waiver_compensation_months == 12
    assert "§75a" in RULES["DE"].citation


# 5. Expiry is computed, never typed ---------------------------------------------


def test_expired_is_not_a_status_a_window_can_have():
    assert "expired" not in NonCompete.Status.values
    with pytest.raises(ValidationError):
        after_stint(None, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31), status="expired")
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(status="expired")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 5, 31), WindowState.UPCOMING),
        (dt.date(2026, 6, 1), WindowState.BINDING),
        (dt.date(2026, 11, 30), WindowState.BINDING),
        (dt.date(2026, 12, 1), WindowState.ENDED),
    ],
)
def test_whether_a_window_has_ended_is_computed_from_its_end(today, expected):
    window = after_stint(None, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    assert window_state(window, today) == expected


def test_a_california_window_is_void_whatever_the_day():
    window = after_stint(
        None, jurisdiction="US-CA", starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2027, 5, 31)
    )
    assert window_state(window, dt.date(2026, 7, 1)) == WindowState.VOID


# 6. One source of truth: the stored end, written by the services -----------------


def test_saving_a_window_directly_computes_nothing():
    window = NonCompete(
        candidate=CandidateFactory(),
        employer=CompanyFactory(),
        starts_on=dt.date(2026, 1, 1),
        contractual_end=dt.date(2026, 12, 31),
    )
    window.save()
    assert stored_end(window) is None


def test_readers_use_the_stored_end():
    window = after_stint(None, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    NonCompete.objects.filter(pk=window.pk).update(enforceable_end=dt.date(2026, 9, 30))
    window.refresh_from_db()
    assert days_left(window, dt.date(2026, 9, 24)) == 6
    assert window_state(window, dt.date(2026, 10, 1)) == WindowState.ENDED


def test_updating_a_window_through_the_service_stores_its_new_end():
    window = after_stint(None, starts_on=dt.date(2026, 6, 1), contractual_end=dt.date(2026, 11, 30))
    noncompete_update(window=window, jurisdiction="GB", contractual_end=dt.date(2029, 5, 31))
    assert stored_end(window) == dt.date(2029, 5, 31)


def test_the_migration_recomputes_stored_ends_from_plain_values():
    migration = importlib.import_module("talent.migrations.0008_noncompete_law")
    window = after_stint(dt.date(2024, 1, 31), starts_on=dt.date(2024, 7, 1), contractual_end=dt.date(2026, 6, 30))
    NonCompete.objects.filter(pk=window.pk).update(enforceable_end=dt.date(2026, 6, 30))
    stamped = NonCompete.objects.get(pk=window.pk).updated_at
    migration.recompute_enforceable_ends(apps, None)
    recomputed = NonCompete.objects.get(pk=window.pk)
    assert recomputed.enforceable_end == dt.date(2026, 1, 31)
    assert recomputed.updated_at > stamped


# The API shows the new facts ----------------------------------------------------


def test_the_window_serializer_shows_state_half_pay_test_and_compensation_owed():
    window = after_stint(
        dt.date(2026, 3, 31),
        starts_on=dt.date(2026, 4, 1),
        contractual_end=dt.date(2028, 3, 31),
        status=NonCompete.Status.WAIVED,
        ended_on=dt.date(2026, 2, 15),
        **GERMAN_PAY,
    )
    data = NonCompeteSerializer(window, context={"today": dt.date(2026, 5, 1), "candidate_cleared": True}).data
    assert data["state"] == "ended"
    assert data["half_pay_test"] == "met"
    assert data["compensation_owed_until"] == dt.date(2027, 2, 15)
    assert data["unpaid_termination_available"] is False
    assert data["last_monthly_pay_currency"] == "EUR"
    assert data["enforceable_end"] is None
