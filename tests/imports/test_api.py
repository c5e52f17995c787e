"""The import endpoints: who may use them, upload with a dry run, rows, run, the error file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import token_create
from crm.imports import import_job_work
from crm.models import ImportJob
from talent import services
from talent.models import Candidate
from tests.factories import RecruiterFactory, UserFactory
from tests.imports.conftest import ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def keyed(user, scope=ApiToken.Scope.RECRUITER) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='t', scope=scope)[1]}")
    return client


def post_file(client: APIClient, scene, data: bytes = None, **fields):
    upload = SimpleUploadedFile("fair.csv", data or csv_bytes(), content_type="text/csv")
    return client.post("/api/v1/imports/", {"file": upload, "source": scene.source.pk, **fields}, format="multipart")


def test_recruiter_uploads_a_dry_run_and_sees_each_row_planned(scene):
    client = keyed(scene.user)
    response = post_file(client, scene)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "previewed" and body["rows_planned"] == len(ROWS)
    assert body["counts"]["planned"] == {"create": 2, "update": 1, "merge": 1, "refuse": 5}
    assert Candidate.objects.count() == 2

    refused = client.get(f"/api/v1/imports/{body['id']}/rows/?action=refuse").json()["results"]
    assert [row["number"] for row in refused] == [5, 6, 7, 8, 9]
    errors = client.get(f"/api/v1/imports/{body['id']}/errors.csv/")
    assert errors.status_code == 200
    lines = b"".join(errors.streaming_content).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["5", "6", "7", "8", "9"]


def test_run_endpoint_queues_the_run(scene, django_capture_on_commit_callbacks):
    client = keyed(scene.user)
    job_id = post_file(client, scene).json()["id"]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/api/v1/imports/{job_id}/run/")
    assert response.status_code == 202 and response.json()["state"] == "queued"
    assert len(callbacks) == 1  # the task is sent once the request has committed
    import_job_work(job_id=job_id, clock=lambda: ImportJob.objects.get(pk=job_id).queued_at)
    body = client.get(f"/api/v1/imports/{job_id}/").json()
    assert body["state"] == "done" and body["counts"]["results"]["created"] == 2
    assert client.post(f"/api/v1/imports/{job_id}/run/").status_code == 400


@pytest.mark.parametrize("scope", [ApiToken.Scope.STATUS_READ, ApiToken.Scope.CLIENT])
def test_status_and_client_keys_may_not_import(scene, scope):
    client = keyed(scene.user, scope=scope)
    assert post_file(client, scene).status_code == 403
    assert client.get("/api/v1/import-sources/").status_code == 403
    assert client.get("/api/v1/imports/").status_code == 403


def test_api_client_user_without_recruiter_profile_may_not_import(scene):
    client = APIClient()
    client.force_authenticate(UserFactory())
    assert post_file(client, scene).status_code == 403


def test_another_recruiters_import_is_not_found(scene):
    job_id = post_file(keyed(scene.user), scene).json()["id"]
    other = keyed(RecruiterFactory().user)
    assert other.get(f"/api/v1/imports/{job_id}/").status_code == 404
    assert other.get(f"/api/v1/imports/{job_id}/rows/").status_code == 404
    assert other.get("/api/v1/imports/").json()["results"] == []
    admin = APIClient()
    admin.force_authenticate(UserFactory(is_superuser=True, is_staff=True))
    assert admin.get(f"/api/v1/imports/{job_id}/").status_code == 200


def test_matched_confidential_candidate_is_shown_by_pseudonym_only(scene):
    """A lead's team member may edit a confidential candidate but an admin-uploaded row shows the real name only to
    those cleared; here the uploader is not cleared, so the row is refused without naming anyone."""
    stranger = RecruiterFactory()
    services.candidate_create(
        actor=stranger.user,
        english_name="Secret Person",
        is_confidential=True,
        pseudonym="Heron",
        contacts=[{"kind": "email", "value": "secret@example.com"}],
    )
    rows = {2: (["", "Someone", "secret@example.com", "", "", "", "", "", ""], "refuse")}
    client = keyed(scene.user)
    body = post_file(client, scene, data=csv_bytes(rows)).json()
    [row] = client.get(f"/api/v1/imports/{body['id']}/rows/").json()["results"]
    assert row["action"] == "refuse" and row["candidate"] is None
    assert "Secret" not in str(row) and "Heron" not in str(row)


@pytest.mark.parametrize(
    "fields,data,field",
    [
        ({}, b"\x00\x01garbage", "file"),
        ({"mapping": "{not json"}, None, "mapping"),
        ({"mapping": '{"English": "shoe_size"}'}, None, "mapping"),
    ],
)
def test_bad_uploads_are_400_with_field_messages(scene, fields, data, field):
    upload = SimpleUploadedFile("fair.xlsx" if data else "fair.csv", data or csv_bytes())
    response = keyed(scene.user).post(
        "/api/v1/imports/", {"file": upload, "source": scene.source.pk, **fields}, format="multipart"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_sources_are_listed_and_created(scene):
    client = keyed(scene.user)
    response = client.post(
        "/api/v1/import-sources/",
        {"name": "Vendor X", "mapping": {"Name": "english_name"}, "candidate_source": "research"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert {s["name"] for s in client.get("/api/v1/import-sources/").json()["results"]} == {"AI fair 2026", "Vendor X"}
    bad = client.post("/api/v1/import-sources/", {"name": "Y", "mapping": {"A": "nope"}}, format="json")
    assert bad.status_code == 400
