"""A list filtered by one employer reads that employer's rows of the employer facts.

The employer facts (talent.models.facts.EmployerFacts) are joined on the
candidate's ``updated_at`` too, which lets PostgreSQL take a page from the
index in order; these tests check that the index is read on a table large
enough for the planner to care, and that the join never loses a candidate the
plain filters find.
"""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import connection

from talent.access import candidates_visible_to
from talent.availability import Availability
from talent.filters import CandidateFilter
from talent.models import Band, Company, Level
from talent.selectors import candidates_at_company, candidates_in_band_range, candidates_with_availability
from tests.factories import CandidateFactory, EmploymentFactory, NonCompeteFactory

ROWS = 10_000
TODAY = dt.date(2026, 6, 1)
ORDER = ("-updated_at", "-id")

pytestmark = pytest.mark.django_db(transaction=True)


def _copy(table: str, template_id: int, replace: dict[str, str], where: str = "TRUE") -> str:
    """INSERT ... SELECT copying row `template_id` of `table` once per crowd candidate, with columns replaced."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'",
            [table],
        )
        columns = [name for (name,) in cursor.fetchall()]
    values = ", ".join(replace.get(name, f"template.{name}") for name in columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "
        f"FROM {table} AS template, talent_candidate AS crowd "
        f"WHERE template.id = {int(template_id)} AND crowd.native_name = 'Crowd' AND {where}"
    )


@pytest.fixture
def crowd(recruiter):
    """ROWS candidates: two in three at Alibaba on every level of its ladder, the rest at ByteDance; one in ten
    with a window binding on TODAY; each with its own `updated_at`."""
    # The shipped companies and ladders: a flush by an earlier transactional test may have removed them.
    importlib.import_module("talent.migrations.0003_default_ladders").load(django_apps, None)
    alibaba, bytedance = Company.objects.get(name="Alibaba"), Company.objects.get(name="ByteDance")
    template = CandidateFactory(owner=recruiter, native_name="Template")
    stint = EmploymentFactory(candidate=template, company=alibaba, end_date=None)
    window = NonCompeteFactory(candidate=template, employer=alibaba)
    levels = {
        company: list(Level.objects.filter(company=company, band__isnull=False).values_list("pk", flat=True))
        for company in (alibaba, bytedance)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            _copy(
                "talent_candidate",
                template.pk,
                {
                    "native_name": "'Crowd'",
                    "pseudonym": "'Crowd ' || n",
                    "updated_at": "template.updated_at - n * interval '7 minutes'",
                },
            )
            .replace("talent_candidate AS crowd", "generate_series(1, %s) AS n")
            .replace(" AND crowd.native_name = 'Crowd'", ""),
            [ROWS],
        )
        others = list(Company.objects.exclude(pk__in=[alibaba.pk, bytedance.pk]).values_list("pk", flat=True))
        spread = len(others) + 2
        company = (
            f"CASE crowd.id % {spread} WHEN 0 THEN {alibaba.pk} WHEN 1 THEN {bytedance.pk} "
            f"ELSE (ARRAY{others}::bigint[])[crowd.id % {spread} - 1] END"
        )
        level = (
            f"CASE crowd.id % {spread} "
            f"WHEN 0 THEN (ARRAY{levels[alibaba]}::bigint[])[1 + crowd.id / {spread} % {len(levels[alibaba])}] "
            f"WHEN 1 THEN (ARRAY{levels[bytedance]}::bigint[])[1 + crowd.id / {spread} % {len(levels[bytedance])}] END"
        )
        cursor.execute(
            _copy("talent_employment", stint.pk, {"candidate_id": "crowd.id", "company_id": company, "level_id": level})
        )
        cursor.execute(
            _copy("talent_noncompete", window.pk, {"candidate_id": "crowd.id"}, where=f"crowd.id / {spread} % 10 = 0")
        )
        # As autovacuum leaves them: index-only scans need the visibility map (hence a transactional test).
        for table in ("talent_candidate", "talent_employment", "talent_noncompete", "talent_employerfacts"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return recruiter


def _filtered(user, **params):
    return CandidateFilter(params, queryset=candidates_visible_to(user)).qs.order_by(*ORDER)


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_the_page_is_read_from_the_employer_index(crowd):
    staff = Band.objects.get(code="staff").rank
    page = _filtered(crowd.user, company="阿里巴巴", band_min=str(staff), availability="in_noncompete")[:51]
    plan = page.explain()
    assert "employer_facts_listed_idx" in plan, plan
    # At a million candidates the page is also read in index order with no sort (bench/README.md, `python -m
    # bench plans`); at this size the planner rightly sorts the few matches.
    assert len(page) == 51


ASKED = [
    {"company": "Alibaba", "band_min": "staff", "availability": "in_noncompete"},
    {"company": "字节跳动", "band_max": "senior"},
    {"company": "Alibaba", "availability": "employed"},
    {"company": "Alibaba", "availability": "free"},
    {"company": "ByteDance", "band_min": "senior", "band_max": "principal", "availability": "in_noncompete"},
    {"company": "Nowhere Inc"},
]


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_the_employer_rows_find_exactly_what_the_filters_find_one_by_one(crowd):
    ranks = {code: Band.objects.get(code=code).rank for code in ("senior", "staff", "principal")}
    for params in ASKED:
        found = list(_filtered(crowd.user, **params).values_list("pk", flat=True))
        expected = candidates_at_company(candidates_visible_to(crowd.user), params["company"])
        expected = candidates_in_band_range(
            expected, min_rank=ranks.get(params.get("band_min")), max_rank=ranks.get(params.get("band_max"))
        )
        if "availability" in params:
            expected = candidates_with_availability(expected, params["availability"], today=TODAY)
        assert found == list(expected.order_by(*ORDER).values_list("pk", flat=True)), params
        if params["company"] != "Nowhere Inc" and params.get("availability") != Availability.FREE:
            assert len(found) > 10, params
