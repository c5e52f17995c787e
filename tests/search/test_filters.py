"""Search composes with every list filter."""

import datetime as dt

from talent import services
from tests.factories import NonCompeteFactory, level
from tests.search.conftest import person, search_ids


def test_search_combines_with_city_band_availability_and_noncompete_end(firm, louis, bytedance):
    alibaba = firm.company
    staff = person(firm, english_name="Staff Person", city="Hangzhou", stints=[(bytedance, "Engineer", None)])
    senior = person(firm, english_name="Senior Person", city="Beijing")
    services.employment_create(
        candidate=senior, company=alibaba, title="Staff", level=level("Alibaba", "P8"), start_date=dt.date(2020, 1, 1)
    )
    services.employment_create(
        candidate=senior,
        company=bytedance,
        title="Engineer",
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2019, 12, 31),
        departure_reason="resigned",
    )
    free = person(
        firm, english_name="Free Person", city="Hangzhou", stints=[(bytedance, "Engineer", dt.date(2025, 6, 30))]
    )
    NonCompeteFactory(
        candidate=free, employer=bytedance, starts_on=dt.date(2025, 7, 1), contractual_end=dt.date(2025, 12, 31)
    )
    client = firm.client("recruiter")

    assert set(search_ids(client, "字节")) == {louis.pk, staff.pk, senior.pk, free.pk}
    assert set(search_ids(client, "字节", city="Hangzhou")) == {louis.pk, staff.pk, free.pk}
    assert set(search_ids(client, "字节", band_min="staff")) == {senior.pk}
    assert set(search_ids(client, "字节", availability="free")) == {free.pk}
    assert set(search_ids(client, "字节", noncompete_ends_before="2026-06-30")) == {free.pk}
    assert set(search_ids(client, "person", city="Hangzhou", company="字节")) == {staff.pk}
    assert search_ids(client, "字节", city="Shanghai") == []
