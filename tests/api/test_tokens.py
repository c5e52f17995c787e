import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import ApiToken
from accounts.models.tokens import hash_token
from accounts.services import token_create
from tests.api.conftest import client_with_key


def test_a_created_key_is_shown_once_and_stored_hashed(firm):
    client = firm.client("recruiter")
    response = client.post("/api/v1/tokens/", {"name": "HR sync", "scope": "status:read"})
    assert response.status_code == 201
    raw = response.json()["key"]
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.key_hash == hash_token(raw) and raw not in (token.key_hash, token.prefix)
    assert raw.startswith(token.prefix)
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert all("key" not in row for row in listed)
    assert "key" not in client.get(f"/api/v1/tokens/{token.pk}/").json()


@pytest.mark.parametrize("role", ["recruiter", "admin"])
def test_a_client_key_is_not_issued_to_oneself_but_from_the_client_it_serves(firm, role):
    response = firm.client(role).post("/api/v1/tokens/", {"name": "client portal", "scope": "client"})

    assert response.status_code == 400, response.json()
    assert "scope" in response.json()["error"]["fields"]
    assert not ApiToken.objects.filter(scope="client").exists()


def test_token_header_keyword_is_also_accepted(firm):
    client = client_with_key(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {firm.keys['recruiter']}")
    assert client.get("/api/v1/candidates/").status_code == 200


@pytest.mark.parametrize("header", ["Bearer nope", "Bearer", "Bearer a b"])
def test_unknown_or_malformed_keys_are_refused(firm, header):
    client = client_with_key(None)
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/candidates/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_key_is_refused(firm):
    client = firm.client("recruiter")
    token = ApiToken.objects.get(user=firm.recruiter.user, scope="recruiter")
    other, raw = token_create(user=firm.recruiter.user, name="laptop", scope="recruiter")
    assert client.delete(f"/api/v1/tokens/{other.pk}/").status_code == 204
    assert client_with_key(raw).get("/api/v1/candidates/").json()["error"]["status"] == 401
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke/").json()["revoked_at"] is not None
    assert client.get("/api/v1/candidates/").status_code == 401


def test_expired_key_is_refused(firm):
    _, raw = token_create(
        user=firm.recruiter.user, name="short", scope="recruiter", expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert client_with_key(raw).get("/api/v1/candidates/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        response = client_with_key(raw).get("/api/v1/candidates/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This API key has expired."


def test_status_scope_is_refused_on_recruiter_endpoints(firm):
    response = firm.client("recruiter_status_key").get("/api/v1/candidates/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert firm.client("recruiter_status_key").post("/api/v1/tokens/", {"name": "x"}).status_code == 403


def test_api_clients_cannot_mint_recruiter_keys(firm):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(firm.api_client_user)
    response = client.post("/api/v1/tokens/", {"name": "x", "scope": "recruiter"})
    assert response.status_code == 400
    assert "scope" in response.json()["error"]["fields"]


def test_names_are_unique_among_live_keys(firm):
    client = firm.client("recruiter")
    assert client.post("/api/v1/tokens/", {"name": "tests"}).json()["error"]["fields"]["non_field_errors"]


def test_last_used_is_written_at_most_once_a_minute(firm, django_assert_num_queries):
    client = firm.client("recruiter")
    token = ApiToken.objects.get(user=firm.recruiter.user, scope="recruiter")
    client.get("/api/v1/bands/")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get("/api/v1/bands/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        client.get("/api/v1/bands/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_throttled_per_key_with_retry_after(firm, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "recruiter": "2/minute"},
    }
    client = firm.client("recruiter")
    assert [client.get("/api/v1/bands/").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/bands/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"
    # Another key of another user has its own bucket.
    assert firm.client("lead").get("/api/v1/bands/").status_code == 200
