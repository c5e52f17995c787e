import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from talent.contacts import normalize_contact
from talent.models import ContactChannel, Employment
from talent.services import contact_add
from tests.factories import CandidateFactory, EmploymentFactory, NonCompeteFactory, level


@pytest.mark.parametrize(
    ("kind", "raw", "normalized"),
    [
        ("phone", "138 0013 8000", "+8613800138000"),
        ("phone", "+86 (138) 0013-8000", "+8613800138000"),
        ("phone", "+1 650 253 0000", "+16502530000"),
        ("email", " Louis.Yang@Example.COM ", "louis.yang@example.com"),
        ("wechat", "Louis_Y2024", "louis_y2024"),
        ("linkedin", "linkedin.com/in/Louis-Yang/", "https://www.linkedin.com/in/louis-yang"),
    ],
)
def test_contacts_are_normalised(kind, raw, normalized):
    assert normalize_contact(kind, raw) == normalized


@pytest.mark.parametrize(("kind", "raw"), [("phone", "12345"), ("email", "not-an-email"), ("wechat", "1abc")])
def test_invalid_contacts_are_refused(kind, raw):
    with pytest.raises(ValidationError):
        normalize_contact(kind, raw)


@pytest.mark.django_db
def test_the_same_phone_cannot_belong_to_two_people():
    first = CandidateFactory()
    contact_add(actor=first.owner.user, candidate=first, kind="phone", value="+86 138 0013 8000")
    second = CandidateFactory()
    with pytest.raises(ValidationError, match="already belongs"):
        contact_add(actor=first.owner.user, candidate=second, kind="phone", value="13800138000")
    assert ContactChannel.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_normalised_contact():
    ContactChannel.objects.create(candidate=CandidateFactory(), kind="email", value="a@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactChannel.objects.create(candidate=CandidateFactory(), kind="email", value="a@example.com")


@pytest.mark.django_db
def test_the_database_refuses_an_employment_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EmploymentFactory(start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 4, 1))


@pytest.mark.django_db
def test_a_level_from_another_company_is_refused_by_validation_and_database():
    google_l8 = level("Google", "L8")
    stint = EmploymentFactory.build(candidate=CandidateFactory(), company=level("Alibaba", "P9").company)
    stint.level = google_l8
    with pytest.raises(ValidationError, match="not a level"):
        stint.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stint.save()
    assert not Employment.objects.filter(level=google_l8).exists()


@pytest.mark.django_db
def test_a_window_cannot_cite_another_candidates_stint():
    stint = EmploymentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NonCompeteFactory(candidate=CandidateFactory(), employer=stint.company, employment=stint)


@pytest.mark.django_db
def test_current_employment_band_follows_the_level():
    stint = EmploymentFactory(company=level("Alibaba", "P9").company, level=level("Alibaba", "P9"))
    assert stint.level.band.code == "senior-staff"
    assert level("Google", "L7").band == stint.level.band


@pytest.mark.django_db
def test_deleting_a_candidate_removes_career_and_windows():
    stint = EmploymentFactory(end_date=dt.date(2026, 5, 31))
    NonCompeteFactory(candidate=stint.candidate, employer=stint.company, employment=stint)
    stint.candidate.delete()
    assert not Employment.objects.exists()


@pytest.mark.django_db
def test_deleting_a_stint_keeps_its_window():
    stint = EmploymentFactory(end_date=dt.date(2026, 5, 31))
    window = NonCompeteFactory(candidate=stint.candidate, employer=stint.company, employment=stint)
    stint.delete()
    window.refresh_from_db()
    assert window.employment is None
