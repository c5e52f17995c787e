"""Stored tokens follow every write: services, the admin, company renames, bulk seeding, the rebuild command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talent import services
from talent.models import Candidate, CandidateSearch
from talent.search.refresh import candidate_search_rebuild, candidate_search_refresh
from tests.search.conftest import person, search_ids


def test_a_name_change_drops_the_old_forms_and_adds_the_new(firm, louis):
    services.candidate_update(actor=firm.recruiter.user, candidate=louis, native_name="杨帆", english_name="Fan")
    client = firm.client("recruiter")
    assert search_ids(client, "陸育") == []
    assert search_ids(client, "yang fan") == [louis.pk]
    assert search_ids(client, "fan")[0] == louis.pk  # the exact name before Fang Wang's prefix


def test_an_alias_change_is_searchable_at_once(firm, louis):
    services.candidate_update(actor=firm.recruiter.user, candidate=louis, aliases=[{"name": "风清扬"}])
    client = firm.client("recruiter")
    assert search_ids(client, "小鱼") == []
    assert search_ids(client, "清扬") == [louis.pk]
    assert search_ids(client, "feng qing yang") == [louis.pk]


def test_stints_added_changed_and_deleted_move_the_employer_and_title_tokens(firm, louis, bytedance):
    client = firm.client("recruiter")
    stint = services.employment_create(
        candidate=louis, company=firm.company, title="Chief Llama Whisperer", start_date=dt.date(2024, 1, 1)
    )
    assert louis.pk in search_ids(client, "阿里") and search_ids(client, "whisperer") == [louis.pk]
    services.employment_update(employment=stint, title="Chief Alpaca Whisperer")
    assert search_ids(client, "llama") == [] and search_ids(client, "alpaca") == [louis.pk]
    services.employment_delete(employment=stint)
    assert louis.pk not in search_ids(client, "阿里") and search_ids(client, "alpaca") == []


def test_a_company_rename_or_new_alias_refreshes_its_people_only(firm, louis, bytedance):
    bystander = person(firm, english_name="Bystander")
    CandidateSearch.objects.filter(pk=bystander.pk).update(tokens=[])  # stale on purpose: not touched below

    services.company_update(company=bytedance, name="ByteDance Global", aliases=["字节", "抖音"])

    client = firm.client("recruiter")
    assert search_ids(client, "抖音") == [louis.pk]
    assert search_ids(client, "bytedance global") == [louis.pk]
    assert search_ids(client, "头条") == []  # the alias was dropped
    assert CandidateSearch.objects.get(pk=bystander.pk).tokens == []


def test_a_company_change_that_keeps_its_names_refreshes_nobody(firm, louis, bytedance):
    CandidateSearch.objects.filter(pk=louis.pk).update(tokens=["stale"])
    services.company_update(company=bytedance, website="https://www.bytedance.com")
    assert CandidateSearch.objects.get(pk=louis.pk).tokens == ["stale"]


def test_the_admin_alias_inline_refreshes_the_tokens(admin_client, firm, louis):
    response = admin_client.get(f"/admin/talent/candidate/{louis.pk}/change/")
    assert response.status_code == 200
    services.candidate_update(actor=firm.admin, candidate=louis, aliases=[{"name": "Admin Given"}])
    assert search_ids(firm.client("recruiter"), "admin given") == [louis.pk]


def test_refresh_costs_a_fixed_number_of_queries_for_any_number_of_ids(firm, louis):
    ids = list(Candidate.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as one:
        candidate_search_refresh(candidate_ids=ids[:1])
    with CaptureQueriesContext(connection) as many:
        candidate_search_refresh(candidate_ids=ids)
    assert len(one.captured_queries) == len(many.captured_queries) == 5


def test_deleting_a_candidate_deletes_its_tokens(firm, louis):
    services.candidate_delete(actor=firm.recruiter.user, candidate=louis)
    assert not CandidateSearch.objects.filter(pk=louis.pk).exists()


@pytest.mark.django_db
def test_seed_demo_stores_the_tokens_the_services_would():
    call_command("seed_demo", candidates=40, seed=3, today="2026-11-24", verbosity=0)
    assert CandidateSearch.objects.count() == Candidate.objects.count() >= 40
    stored = dict(CandidateSearch.objects.values_list("pk", "tokens"))
    assert candidate_search_rebuild() == 0  # nothing to rewrite: every row was already current
    assert dict(CandidateSearch.objects.values_list("pk", "tokens")) == stored
    sample = Candidate.objects.exclude(native_name="").order_by("pk").first()
    found = Candidate.objects.filter(search__tokens__contains=[f"x:{sample.native_name}"])
    assert sample in found


def test_the_rebuild_command_restores_every_row(firm, louis):
    CandidateSearch.objects.all().update(tokens=[])
    CandidateSearch.objects.filter(pk=firm.candidates["own"].pk).delete()
    out = io.StringIO()
    call_command("rebuild_search_tokens", batch_size=2, stdout=out)
    assert "5 / 5 candidates (100%)" in out.getvalue()
    assert "5 candidates checked, 5 rows of search tokens written." in out.getvalue()
    client = firm.client("recruiter")
    assert search_ids(client, "陸育") == [louis.pk]
    assert search_ids(client, "王芳") == [firm.candidates["own"].pk]


def test_the_rebuild_command_refuses_a_nonsense_batch_size(db):
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        call_command("rebuild_search_tokens", batch_size=0)
