"""Every 4xx has the same body: {"error": {"status", "code", "message"[, "fields"]}}."""

import pytest
from django.db import IntegrityError

from crm.exceptions import api_exception_handler


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]
    assert ("fields" in error) == (status == 400)
    return error


def test_400_names_the_fields(firm):
    response = firm.client("recruiter").post("/api/v1/notes/", {"candidate": firm.candidates["own"].pk})
    fields = assert_error(response, 400, "invalid")["fields"]
    assert {"summary", "channel", "happened_at"} <= set(fields)


def test_400_from_a_model_rule(firm):
    response = firm.client("recruiter").post(
        "/api/v1/notes/",
        {
            "candidate": firm.candidates["own"].pk,
            "channel": "phone",
            "happened_at": "2026-11-20T10:00:00Z",
            "summary": "no",
            "interest": "declined",
        },
    )
    assert assert_error(response, 400, "invalid")["fields"] == {"declined_reason": ["Say why the candidate declined."]}


def test_400_for_a_bad_filter(firm):
    response = firm.client("recruiter").get("/api/v1/candidates/", {"band_min": "galactic"})
    assert "band_min" in assert_error(response, 400, "invalid")["fields"]


def test_401(firm):
    assert_error(firm.client("anonymous").get("/api/v1/candidates/"), 401, "not_authenticated")


def test_403(firm):
    assert_error(firm.client("api_client").get("/api/v1/candidates/"), 403, "permission_denied")


def test_404(firm):
    assert_error(firm.client("recruiter").get("/api/v1/candidates/999999/"), 404, "not_found")


def test_405(firm):
    assert_error(firm.client("recruiter").put("/api/v1/candidates/", {}), 405, "method_not_allowed")


def test_429(firm, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "recruiter": "1/hour"},
    }
    client = firm.client("recruiter")
    client.get("/api/v1/bands/")
    assert_error(client.get("/api/v1/bands/"), 429, "throttled")


@pytest.mark.django_db
def test_integrity_errors_become_400_with_the_column():
    error = IntegrityError(
        'duplicate key value violates unique constraint "contact_unique_value"\n'
        "DETAIL:  Key (kind, value)=(email, a@b.c) already exists."
    )
    response = api_exception_handler(error, {})
    assert response.status_code == 400
    assert response.data["error"]["fields"] == {"kind": ["Conflicts with the rule contact_unique_value."]}


def test_404_for_an_unknown_url_has_the_same_shape(firm):
    assert_error(firm.client("recruiter").get("/api/v1/candidates/0.5/"), 404, "not_found")
