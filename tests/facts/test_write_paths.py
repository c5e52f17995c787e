"""Every write path keeps the list facts (talent.models.facts) equal to what the rows say."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from talent import services
from talent.duplicates.merging import candidate_merge
from talent.models import Band, Candidate, CandidateFacts, EmployerFacts, Employment, Level, NonCompete
from tests.factories import CandidateFactory, CompanyFactory, EmploymentFactory, NonCompeteFactory, level
from tests.facts.conftest import assert_facts_current, expected_facts, stored_employer_facts, stored_facts


@pytest.fixture
def person(firm):
    return services.candidate_create(actor=firm.recruiter.user, native_name="陆育", english_name="Louis Lu")


def test_a_new_candidate_has_empty_facts(person):
    assert stored_facts(person) == {
        "current_company_ids": [],
        "band_rank_min": None,
        "band_rank_max": None,
        "noncompete_until": None,
    }


def test_stints_through_the_services(firm, person):
    p8, p7 = level("Alibaba", "P8"), level("Alibaba", "P7")
    bytedance = CompanyFactory(name="ByteDance Test")
    first = services.employment_create(
        candidate=person, company=firm.company, title="Staff", level=p8, start_date=dt.date(2020, 1, 1)
    )
    services.employment_create(candidate=person, company=bytedance, title="Advisor", start_date=dt.date(2021, 1, 1))
    facts = stored_facts(person)
    assert facts["current_company_ids"] == sorted([firm.company.pk, bytedance.pk])
    assert facts["band_rank_min"] == facts["band_rank_max"] == p8.band.rank
    assert_facts_current(person)

    services.employment_update(employment=first, level=p7)
    assert stored_facts(person)["band_rank_max"] == p7.band.rank
    services.employment_update(
        employment=first, end_date=dt.date(2024, 6, 30), departure_reason=Employment.DepartureReason.RESIGNED
    )
    assert stored_facts(person)["current_company_ids"] == [bytedance.pk]
    assert stored_facts(person)["band_rank_max"] is None
    services.employment_delete(employment=Employment.objects.get(candidate=person, company=bytedance))
    assert stored_facts(person)["current_company_ids"] == []
    assert_facts_current(person)


def test_noncompetes_through_the_services(firm, person):
    window = services.noncompete_create(
        candidate=person, employer=firm.company, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31)
    )
    assert stored_facts(person)["noncompete_until"] == window.enforceable_end is not None
    services.noncompete_update(window=window, contractual_end=dt.date(2026, 9, 30))
    window.refresh_from_db()
    assert stored_facts(person)["noncompete_until"] == window.enforceable_end == dt.date(2026, 9, 30)
    services.noncompete_delete(window=window)
    assert stored_facts(person)["noncompete_until"] is None


def test_a_waived_window_keeps_no_end(firm, person):
    window = services.noncompete_create(
        candidate=person, employer=firm.company, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31)
    )
    services.noncompete_update(window=window, status=NonCompete.Status.WAIVED, ended_on=dt.date(2026, 2, 1))
    assert_facts_current(person)


def test_every_edit_of_a_candidate_moves_its_employer_rows_in_the_list_order(firm, person):
    bytedance = CompanyFactory(name="ByteDance Test")
    EmploymentFactory(candidate=person, company=firm.company, level=level("Alibaba", "P8"))
    EmploymentFactory(candidate=person, company=bytedance)
    NonCompeteFactory(candidate=person, employer=bytedance)
    assert len(stored_employer_facts(person)) == 2
    assert_facts_current(person)
    services.candidate_update(actor=firm.recruiter.user, candidate=person, city="Hangzhou")
    assert_facts_current(person)
    Candidate.objects.filter(pk=person.pk).update(updated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert {row["updated_at"] for row in stored_employer_facts(person)} == {dt.datetime(2030, 1, 1, tzinfo=dt.UTC)}
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE talent_candidate SET updated_at = updated_at - interval '1 day' WHERE id = %s", [person.pk]
        )
    assert_facts_current(person)


def test_level_and_band_changes_reach_everyone_on_the_level(firm, person):
    p8 = level("Alibaba", "P8")
    services.employment_create(
        candidate=person, company=firm.company, title="Staff", level=p8, start_date=dt.date(2020, 1, 1)
    )
    principal = Band.objects.order_by("-rank").first()
    services.level_equivalence_record(level=p8, band=principal, source="test", observed_on=dt.date(2026, 11, 1))
    assert stored_facts(person)["band_rank_max"] == principal.rank
    Band.objects.filter(pk=principal.pk).update(rank=99)
    assert stored_facts(person)["band_rank_max"] == 99
    assert_facts_current(person)
    Level.objects.filter(pk=p8.pk).update(band=None)
    assert stored_facts(person)["band_rank_max"] is None
    assert_facts_current(person)


def test_bulk_writes_and_raw_sql(firm):
    people = [CandidateFactory(owner=firm.recruiter) for _ in range(5)]
    Employment.objects.bulk_create(
        Employment(candidate=c, company=firm.company, title="Engineer", start_date=dt.date(2020, 1, 1)) for c in people
    )
    assert_facts_current(*people)
    Employment.objects.filter(candidate__in=people[:2]).update(end_date=dt.date(2024, 1, 1))
    assert_facts_current(*people)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM talent_employment WHERE candidate_id = %s", [people[2].pk])
    assert_facts_current(*people)
    assert stored_facts(people[3])["current_company_ids"] == [firm.company.pk]


def test_deleting_a_candidate_removes_its_facts(firm, person):
    EmploymentFactory(candidate=person, company=firm.company)
    NonCompeteFactory(candidate=person, employer=firm.company)
    services.candidate_delete(actor=firm.admin, candidate=person)
    assert not CandidateFacts.objects.filter(candidate_id=person.pk).exists()
    assert not EmployerFacts.objects.filter(candidate_id=person.pk).exists()


def test_a_merge_gives_the_survivor_the_merged_career(firm, person):
    other = services.candidate_create(actor=firm.recruiter.user, native_name="陆育", english_name="Louis Lu")
    EmploymentFactory(candidate=other, company=firm.company, level=level("Alibaba", "P8"))
    NonCompeteFactory(candidate=other, employer=firm.company)
    candidate_merge(actor=firm.admin, survivor_id=person.pk, merged_id=other.pk, now=timezone.now())
    assert stored_facts(person)["current_company_ids"] == [firm.company.pk]
    assert stored_facts(person)["noncompete_until"] is not None
    assert_facts_current(person)
    assert not Candidate.objects.filter(pk=other.pk).exists() or stored_facts(other) == expected_facts(other)
