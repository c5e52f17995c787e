import datetime as dt

import pytest

from talent.privacy_rules import RULES, NoticeFacts, add_months, consent_errors, notice_due_on, notice_is_due


def facts(**overrides) -> NoticeFacts:
    values = {
        "lawful_basis": "legitimate_interest",
        "source": "research",
        "collected_on": None,
        "notified_on": None,
        "created_on": dt.date(2026, 3, 10),
    }
    return NoticeFacts(**(values | overrides))


def test_the_rules_cite_their_articles():
    assert dict(RULES) == {
        "notice_within_one_month": "GDPR art. 14(3)(a)",
        "no_notice_when_person_has_the_information": "GDPR art. 14(5)(a)",
        "inform_before_processing": "PIPL art. 17",
    }


@pytest.mark.parametrize(
    ("overrides", "due"),
    [
        ({}, dt.date(2026, 4, 10)),  # one month after the record was created
        ({"collected_on": dt.date(2026, 1, 31)}, dt.date(2026, 2, 28)),  # collected_on wins; a short month
        ({"collected_on": dt.date(2028, 1, 31)}, dt.date(2028, 2, 29)),
        ({"lawful_basis": "public"}, dt.date(2026, 4, 10)),
        ({"lawful_basis": ""}, dt.date(2026, 4, 10)),
        ({"notified_on": dt.date(2026, 3, 12)}, None),  # told
        ({"lawful_basis": "consent"}, None),  # art. 14(5)(a): they already know
        ({"source": "inbound"}, None),  # they came to us
    ],
)
def test_notice_is_due_one_month_after_collection_unless_the_person_knows(overrides, due):
    assert notice_due_on(facts(**overrides)) == due


def test_due_soon_means_within_seven_days_or_overdue():
    assert not notice_is_due(facts(), today=dt.date(2026, 4, 2))
    assert notice_is_due(facts(), today=dt.date(2026, 4, 3))
    assert notice_is_due(facts(), today=dt.date(2026, 6, 1))
    assert not notice_is_due(facts(notified_on=dt.date(2026, 4, 1)), today=dt.date(2026, 6, 1))


def test_months_are_calendar_months():
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2028, 2, 29), -12) == dt.date(2027, 2, 28)


def test_consent_needs_the_day_it_was_given():
    assert consent_errors(lawful_basis="consent", consent_given_on=None) == {
        "consent_given_on": "Give the day consent was given."
    }
    assert consent_errors(lawful_basis="consent", consent_given_on=dt.date(2026, 1, 1)) == {}
    assert consent_errors(lawful_basis="public", consent_given_on=None) == {}
