import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent import services
from talent.duplicates import duplicates_rebuild, duplicates_refresh_for
from talent.duplicates.keys import canonical_email, contact_keys
from talent.duplicates.pairs import duplicate_pair_dismiss
from talent.models import DuplicatePair
from tests.factories import CompanyFactory, RecruiterFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def owner():
    return RecruiterFactory()


def person(admin, owner, **fields):
    return services.candidate_create(actor=admin, owner=owner, **fields)


def stint(candidate, company, start, end=None):
    return services.employment_create(
        candidate=candidate, company=company, title="Engineer", start_date=start, end_date=end
    )


def pair_of(a, b) -> DuplicatePair | None:
    return DuplicatePair.objects.filter(low=min(a.pk, b.pk), high=max(a.pk, b.pk)).first()


def test_gmail_dots_and_tags_name_one_mailbox():
    assert canonical_email("Louis.Yang+work@googlemail.com") == "louisyang@gmail.com"
    assert canonical_email("louis.yang+x@corp.cn") == "louis.yang@corp.cn"


def test_a_mobile_number_used_as_an_email_name_is_a_phone_key():
    assert "phone:+8613800138000" in contact_keys("email", "13800138000@139.com")


def test_the_same_gmail_spelt_differently_is_a_likely_pair(admin, owner):
    a = person(admin, owner, english_name="Louis Yang", contacts=[{"kind": "email", "value": "louis.yang@gmail.com"}])
    b = person(admin, owner, english_name="L. Y.", contacts=[{"kind": "email", "value": "LouisYang+cv@gmail.com"}])
    pair = pair_of(a, b)
    assert pair.reasons == ["email"]
    assert pair.score == 95


def test_a_phone_and_a_mobile_mailbox_are_a_likely_pair(admin, owner):
    a = person(admin, owner, english_name="A", contacts=[{"kind": "phone", "value": "138 0013 8000"}])
    b = person(admin, owner, english_name="B", contacts=[{"kind": "email", "value": "13800138000@139.com"}])
    assert pair_of(a, b).reasons == ["phone"]


def test_a_wechat_id_used_as_an_email_name_is_a_handle_match(admin, owner):
    a = person(admin, owner, english_name="A", contacts=[{"kind": "wechat", "value": "louisyang88"}])
    b = person(admin, owner, english_name="B", contacts=[{"kind": "email", "value": "louisyang88@163.com"}])
    assert pair_of(a, b).reasons == ["handle"]


def test_different_contacts_are_no_pair(admin, owner):
    a = person(admin, owner, english_name="A", contacts=[{"kind": "email", "value": "a.person@gmail.com"}])
    b = person(admin, owner, english_name="B", contacts=[{"kind": "email", "value": "another@gmail.com"}])
    assert pair_of(a, b) is None


def test_the_same_native_name_in_either_script_at_one_employer_is_a_likely_pair(admin, owner):
    acme = CompanyFactory()
    a, b = person(admin, owner, native_name="陽陸育"), person(admin, owner, native_name="阳陆育")
    stint(a, acme, dt.date(2015, 1, 1), dt.date(2016, 1, 1))
    assert pair_of(a, b) is None  # no shared employer yet
    stint(b, acme, dt.date(2021, 1, 1))
    assert pair_of(a, b).reasons == ["native_name"]  # any overlap of employer, not of years


def test_the_same_native_name_at_different_employers_is_no_pair(admin, owner):
    a, b = person(admin, owner, native_name="阳陆育"), person(admin, owner, native_name="阳陆育")
    stint(a, CompanyFactory(), dt.date(2020, 1, 1))
    stint(b, CompanyFactory(), dt.date(2020, 1, 1))
    assert pair_of(a, b) is None


def test_the_same_english_name_in_another_order_at_one_employer_is_a_likely_pair(admin, owner):
    acme = CompanyFactory()
    a, b = person(admin, owner, english_name="Louis Yang"), person(admin, owner, english_name="YANG, Louis")
    stint(a, acme, dt.date(2020, 1, 1))
    stint(b, acme, dt.date(2010, 1, 1), dt.date(2011, 1, 1))
    assert pair_of(a, b).reasons == ["english_name"]


def test_the_same_pinyin_needs_overlapping_years_at_the_shared_employer(admin, owner):
    acme = CompanyFactory()
    a = person(admin, owner, native_name="杨路宇")
    b = person(admin, owner, english_name="Luyu Yang")
    stint(a, acme, dt.date(2018, 3, 1), dt.date(2019, 6, 30))
    b_stint = stint(b, acme, dt.date(2021, 1, 1))
    assert pair_of(a, b) is None  # same pinyin and employer, years apart
    services.employment_update(employment=b_stint, start_date=dt.date(2019, 1, 1))
    assert pair_of(a, b).reasons == ["pinyin"]


def test_several_reasons_add_up(admin, owner):
    acme = CompanyFactory()
    a = person(admin, owner, native_name="阳陆育", contacts=[{"kind": "email", "value": "ly@corp.cn"}])
    b = person(admin, owner, native_name="阳陆育", contacts=[{"kind": "email", "value": "LY+x@corp.cn"}])
    stint(a, acme, dt.date(2020, 1, 1))
    stint(b, acme, dt.date(2020, 1, 1))
    pair = pair_of(a, b)
    assert pair.reasons == ["email", "native_name"]
    assert pair.score == 99


def test_an_edit_that_removes_the_reason_removes_the_pair(admin, owner):
    a = person(admin, owner, english_name="A", contacts=[{"kind": "email", "value": "same.one@gmail.com"}])
    b = person(admin, owner, english_name="B", contacts=[{"kind": "email", "value": "sameone@gmail.com"}])
    assert pair_of(a, b) is not None
    services.candidate_update(actor=admin, candidate=b, contacts=[{"kind": "email", "value": "other@gmail.com"}])
    assert pair_of(a, b) is None


def test_a_dismissal_sticks_across_refreshes_and_rebuilds(admin, owner):
    a = person(admin, owner, english_name="A", contacts=[{"kind": "email", "value": "same.one@gmail.com"}])
    b = person(admin, owner, english_name="B", contacts=[{"kind": "email", "value": "sameone@gmail.com"}])
    duplicate_pair_dismiss(actor=admin, pair=pair_of(a, b), now=NOW)
    services.candidate_update(actor=admin, candidate=b, contacts=[{"kind": "email", "value": "other@gmail.com"}])
    assert pair_of(a, b).status == "dismissed"
    services.candidate_update(actor=admin, candidate=b, contacts=[{"kind": "email", "value": "same.one+2@gmail.com"}])
    duplicates_refresh_for([a.pk, b.pk])
    duplicates_rebuild()
    pair = pair_of(a, b)
    assert (pair.status, pair.reasons) == ("dismissed", ["email"])


def test_the_rebuild_finds_what_the_incremental_refresh_finds(admin, owner):
    acme = CompanyFactory()
    people = []
    for native, email in [("阳陆育", "x.y@gmail.com"), ("陽陸育", "xy@gmail.com"), ("王芳", "wf@corp.cn")]:
        people.append(person(admin, owner, native_name=native, contacts=[{"kind": "email", "value": email}]))
        stint(people[-1], acme, dt.date(2020, 1, 1))
    incremental = list(DuplicatePair.objects.order_by("low").values_list("low", "high", "reasons", "score"))
    DuplicatePair.objects.all().delete()
    report = duplicates_rebuild()
    assert report.pairs == 1
    assert list(DuplicatePair.objects.order_by("low").values_list("low", "high", "reasons", "score")) == incremental


def test_a_refresh_costs_the_same_few_queries_whatever_the_table_size(admin, owner):
    acme = CompanyFactory()
    first = person(admin, owner, native_name="阳陆育")
    stint(first, acme, dt.date(2020, 1, 1))
    with CaptureQueriesContext(connection) as small:
        duplicates_refresh_for([first.pk])
    for n in range(30):
        stint(person(admin, owner, english_name=f"Someone {n}"), acme, dt.date(2020, 1, 1))
    with CaptureQueriesContext(connection) as large:
        duplicates_refresh_for([first.pk])
    assert len(large.captured_queries) == len(small.captured_queries)
