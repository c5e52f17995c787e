"""Candidate exports: what each role gets, filters, errors, the record, and reading in chunks."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from accounts.services import token_create
from crm.exports.datasets import CANDIDATE_COLUMNS, candidate_rows, candidates_dataset
from crm.exports.services import dataset_chunks, export_response
from crm.models import ExportRecord
from talent.serializers import CandidateSerializer
from tests.api.conftest import client_with_key
from tests.conftest import endpoint_queries
from tests.exports.conftest import SECRETS, as_text, exported, read_file
from tests.factories import CandidateFactory, NonCompeteFactory

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/candidates/export/"
RECRUITER_ROLES = ["admin", "lead", "recruiter", "other_team"]


@pytest.fixture
def paid(firm):
    """The confidential candidate (other team's) earns a figure no one else may see."""
    firm.candidates["confidential"].__class__.objects.filter(pk=firm.candidates["confidential"].pk).update(
        current_compensation=7654321, current_compensation_currency="CNY", current_compensation_period="annual"
    )
    return firm


def api_rows(client, **params) -> list[dict]:
    response = client.get("/api/v1/candidates/", {"page_size": 100, **params})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize("role", RECRUITER_ROLES)
def test_each_role_exports_exactly_the_cells_the_list_api_shows_it(paid, role, file_format):
    client = paid.client(role)
    expected = [[as_text(column.value(item)) for column in CANDIDATE_COLUMNS] for item in api_rows(client)]

    response = client.get(EXPORT, {"file": file_format})
    header, *rows = read_file(response)

    assert header == [column.header for column in CANDIDATE_COLUMNS]
    assert rows == expected
    assert len(rows) == 4


@pytest.mark.parametrize("role", ["recruiter", "lead"])
def test_a_recruiter_of_another_team_gets_the_confidential_candidate_by_pseudonym_only(paid, role, file_format):
    response = paid.client(role).get(EXPORT, {"file": file_format})
    header, *rows = read_file(response)
    cells = " ".join(cell for row in rows for cell in row)

    for secret in SECRETS:
        assert secret not in cells
    falcon = next(dict(zip(header, row, strict=True)) for row in rows if "Falcon" in row)
    assert falcon["name"] == "Falcon"
    assert falcon["identity_cleared"] == "false"
    assert falcon["contacts"] == falcon["aliases"] == falcon["current_compensation"] == ""
    # Their own team's confidential candidate, they see in full.
    assert "李娜" in cells and "team@secret.example" in cells


def test_the_raw_csv_bytes_hold_no_confidential_name_contact_or_pay(paid):
    body = b"".join(paid.client("other_team").get(EXPORT).streaming_content).decode()
    assert "陈静" in body and "7654321" in body  # other_team owns it
    body = b"".join(paid.client("recruiter").get(EXPORT).streaming_content).decode()
    for secret in SECRETS:
        assert secret not in body


@pytest.mark.parametrize("key", ["api_client", "recruiter_status_key"])
def test_status_keys_and_api_clients_may_not_export_candidates(firm, key):
    response = firm.client(key).get(EXPORT, {"file": "xlsx"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not ExportRecord.objects.exists()


def test_a_client_key_may_not_export_candidates(firm):
    raw = token_create(user=firm.api_client_user, name="client", scope=ApiToken.Scope.CLIENT)[1]
    assert client_with_key(raw).get(EXPORT).status_code == 403


def test_anonymous_callers_get_401_in_the_error_shape(firm):
    response = client_with_key(None).get(EXPORT)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_the_list_filters_apply(firm, file_format):
    client = firm.client("admin")
    _, rows = exported(client, EXPORT, file=file_format, owner=firm.other_team.pk)
    assert sorted(row["english_name"] for row in rows) == ["Jing Chen", "Yang Liu"]

    _, rows = exported(client, EXPORT, file=file_format, is_confidential="true", ordering="id")
    assert [row["pseudonym"] for row in rows] == ["Heron", "Falcon"]


def test_search_finds_a_confidential_candidate_by_pseudonym_only_for_those_not_cleared(firm):
    client = firm.client("recruiter")
    assert [row["name"] for row in exported(client, EXPORT, search="Falcon")[1]] == ["Falcon"]
    assert exported(client, EXPORT, search="陈静")[1] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"band_min": "no-such-band"}, "band_min"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"availability": "asleep"}, "availability"),
        ({"file": "pdf"}, "file"),
        ({"format": "csv"}, "format"),
    ],
)
def test_invalid_input_is_a_400_in_the_error_shape_and_records_nothing(firm, params, field):
    response = firm.client("recruiter").get(EXPORT, params, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()["error"]
    assert body["code"] == "invalid" and field in body["fields"]
    assert not ExportRecord.objects.exists()


def test_a_value_the_database_refuses_is_a_400_before_the_download_starts(firm):
    response = firm.client("recruiter").get(EXPORT, {"updated_since": "2026-01-01T00:00:00+20:00"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_each_export_is_recorded_with_who_what_filter_count_and_format(firm, file_format):
    client = firm.client("lead")
    exported(client, EXPORT, file=file_format, owner=firm.lead.pk)

    record = ExportRecord.objects.get()
    assert record.user == firm.lead.user and record.username == "lead" and record.api_key_name == "tests"
    assert (record.kind, record.file_format, record.via) == ("candidates", file_format, "api")
    assert record.query == f"file={file_format}&owner={firm.lead.pk}"
    assert record.row_count == 1
    assert record.finished_at is not None and record.finished_at >= record.started_at


def admin_dataset(firm, rf):
    request = rf.get("/")
    request.user = firm.admin
    return candidates_dataset(
        rows=candidate_rows(firm.admin).order_by("id"),
        render=lambda chunk: CandidateSerializer(chunk, many=True, context={"request": request}).data,
    )


def test_a_download_stopped_midway_stays_recorded_as_unfinished_with_the_rows_sent(firm, rf):
    response = export_response(dataset=admin_dataset(firm, rf), file_format="csv", user=firm.admin, via="api", query="")
    stream = iter(response)
    next(stream)  # the header
    next(stream)  # the first chunk: all four candidates
    # What the server does when the client goes away (less closing the test's connection).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    record = ExportRecord.objects.get()
    assert record.finished_at is None
    assert record.row_count == 4


def test_the_export_reads_rows_in_chunks_with_queries_per_chunk_not_per_row(firm, rf):
    """One query for the rows (a server-side cursor), then the same prefetches for every chunk."""
    for candidate in CandidateFactory.create_batch(36, owner=firm.recruiter):  # 40 candidates in all
        candidate.contacts.create(kind="email", value=f"c{candidate.pk}@example.com")
        NonCompeteFactory(candidate=candidate, employer=firm.company)
    request = rf.get("/")
    request.user = firm.admin

    def queries(chunk_size: int) -> tuple[int, int]:
        dataset = candidates_dataset(
            rows=candidate_rows(firm.admin).order_by("id"),
            render=lambda chunk: CandidateSerializer(chunk, many=True, context={"request": request}).data,
        )
        with CaptureQueriesContext(connection) as captured:
            rows = sum(len(chunk) for chunk in dataset_chunks(dataset, chunk_size=chunk_size))
        return rows, len(endpoint_queries(captured))

    rows, one_chunk = queries(40)
    _, four_chunks = queries(10)
    _, eight_chunks = queries(5)

    # aliases, contacts, watchers, employments, windows and their restricted companies
    prefetches = 6
    assert rows == 40
    assert (one_chunk, four_chunks, eight_chunks) == (1 + prefetches, 1 + 4 * prefetches, 1 + 8 * prefetches)
