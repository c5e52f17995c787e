"""GET /api/v1/candidates/{id}/history/: who may read it, what they see of notes and pipelines, and its cost."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.mandates import services as mandate_services
from tests.factories import OutreachNoteFactory
from tests.history.conftest import NOW, history_url

pytestmark = pytest.mark.django_db


def kinds_and_ids(response) -> set[tuple[str, int]]:
    return {(entry["kind"], entry["object_id"]) for entry in response.json()["results"]}


def test_a_cleared_recruiter_reads_the_history_of_a_confidential_candidate(firm, hidden):
    response = firm.api("rec").get(history_url(hidden))
    assert response.status_code == 200
    assert ("candidate", hidden.pk) in kinds_and_ids(response)


def test_an_uncleared_recruiter_gets_the_404_of_a_candidate_that_does_not_exist(firm, hidden):
    refused = firm.api("outsider").get(history_url(hidden))
    missing = firm.api("outsider").get("/api/v1/candidates/999999/history/")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    body = refused.content.decode()
    for name in ("李娜", "Na Li", "Heron"):
        assert name not in body


@pytest.mark.parametrize("key", ["client", "status"])
def test_client_and_status_keys_are_refused(firm, public, key):
    response = firm.api(key).get(history_url(public))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert "results" not in response.json()


def test_confidential_notes_show_only_to_those_who_may_read_them(firm, public):
    shared = OutreachNoteFactory(candidate=public, author=firm.lead, summary="open")
    secret = OutreachNoteFactory(candidate=public, author=firm.lead, is_confidential=True, summary="secret")
    outsider = kinds_and_ids(firm.api("outsider").get(history_url(public)))
    assert ("note", shared.pk) in outsider and ("note", secret.pk) not in outsider
    lead = kinds_and_ids(firm.api("lead").get(history_url(public)))
    assert {("note", shared.pk), ("note", secret.pk)} <= lead


def test_pipeline_rows_of_a_confidential_mandate_show_only_to_its_team(firm, public):
    confidential = mandate_services.mandate_create(
        actor=firm.lead.user,
        client=firm.client,
        title="Head of pre-training",
        opened_on=dt.date(2026, 9, 1),
        team=firm.lead.team,
        is_confidential=True,
    )
    open_search = mandate_services.mandate_create(
        actor=firm.outsider.user, client=firm.client, title="Inference lead", opened_on=dt.date(2026, 10, 1)
    )
    hidden_row = mandate_services.pipeline_add(actor=firm.lead.user, mandate=confidential, candidate=public, now=NOW)
    open_row = mandate_services.pipeline_add(actor=firm.outsider.user, mandate=open_search, candidate=public, now=NOW)
    outsider = kinds_and_ids(firm.api("outsider").get(history_url(public)))
    assert ("pipeline_row", open_row.pk) in outsider
    assert ("pipeline_row", hidden_row.pk) not in outsider
    team = kinds_and_ids(firm.api("rec").get(history_url(public)))
    assert {("pipeline_row", open_row.pk), ("pipeline_row", hidden_row.pk)} <= team


def test_pages_follow_each_other_newest_first_without_gaps_or_repeats(firm, public):
    for number in range(6):
        public.contacts.create(kind="email", value=f"fang{number}@example.com")
    client, seen, url = firm.api("rec"), [], f"{history_url(public)}?page_size=2"
    while url:
        page = client.get(url).json()
        assert len(page["results"]) <= 2
        seen += page["results"]
        url = page["next"]
    ids = [entry["id"] for entry in seen]
    assert len(ids) == len(set(ids)) == 7  # the candidate's creation and six contacts
    assert {entry["kind"] for entry in seen} == {"candidate", "contact"}
    times = [entry["at"] for entry in seen]
    assert times == sorted(times, reverse=True)


def test_a_bad_cursor_is_a_400(firm, public):
    response = firm.api("rec").get(f"{history_url(public)}?cursor=nonsense")
    assert response.status_code == 400


def _queries_for(firm, candidate) -> tuple[int, int]:
    client = firm.api("rec")
    client.get(history_url(candidate))  # the key's first use is touched; count a steady request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{history_url(candidate)}?page_size=100")
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


def test_the_history_costs_the_same_queries_for_3_events_as_for_30(firm, public, django_assert_num_queries):
    for number in range(2):
        public.contacts.create(kind="email", value=f"few{number}@example.com")
    few, few_events = _queries_for(firm, public)
    for number in range(27):
        OutreachNoteFactory(candidate=public, author=firm.recruiter, summary=f"note {number}")
    many, many_events = _queries_for(firm, public)
    assert (few_events, many_events) == (3, 30)
    assert few == many, (few, many)
    # A savepoint and its release (ATOMIC_REQUESTS' transaction; a read gets no second one around its
    # rendering), the key, the recruiter, the candidate's clearance, and one query for the page of events
    # with their contexts and diffs.
    with django_assert_num_queries(6):
        firm.api("rec").get(f"{history_url(public)}?page_size=100")
