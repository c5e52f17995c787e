"""Every error under /api/ is JSON with the same body: {"error": {"status", "code", "message"[, "fields"]}}."""

import io
import json
from unittest import mock

import pytest
from django.db import IntegrityError
from rest_framework.exceptions import ParseError
from rest_framework.test import APIClient

from api.exceptions import api_exception_handler
from api.parsers import MAX_DEPTH, JSONParser, nesting_depth_exceeds
from talent.views import BandViewSet


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
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
def test_a_constraint_violation_from_a_race_is_a_400_in_the_models_own_words():
    from django.db import transaction

    from talent.models import Candidate
    from tests.factories import RecruiterFactory

    owner = RecruiterFactory()
    Candidate.objects.create(owner=owner, pseudonym="Falcon", is_confidential=True)
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        # What a second request that passed validation at the same moment would hit.
        Candidate.objects.create(owner=owner, pseudonym="falcon", is_confidential=True)
    response = api_exception_handler(caught.value, {})
    assert response.status_code == 400
    assert response.data["error"]["fields"] == {"pseudonym": ["This pseudonym is already used by another candidate."]}


def test_404_for_an_unknown_url_has_the_same_shape(firm):
    assert_error(firm.client("recruiter").get("/api/v1/candidates/0.5/"), 404, "not_found")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/candidates/", "/api/"])
def test_unmatched_api_urls_are_json_404s_even_in_debug(firm, settings, debug, path):
    settings.DEBUG = debug
    error = assert_error(firm.client("recruiter").get(path), 404, "not_found")
    assert error["message"] == "No such URL."


def test_urls_outside_the_api_keep_django_pages(firm):
    response = firm.client("recruiter").get("/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_server_error_is_a_json_500_that_tells_nothing(firm, settings, debug):
    settings.DEBUG = debug
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {firm.keys['recruiter']}")
    with mock.patch.object(BandViewSet, "list", side_effect=RuntimeError("password=hunter2")):
        response = client.get("/api/v1/bands/")
    error = assert_error(response, 500, "server_error")
    assert "hunter2" not in response.content.decode() and "Traceback" not in response.content.decode()
    assert error["message"] == "A server error occurred; it has been logged. Try again later."


def test_errors_rendered_for_a_browser_are_json_too(firm):
    response = firm.client("recruiter").get("/api/v1/candidates/999999/", HTTP_ACCEPT="text/html")
    assert_error(response, 404, "not_found")


def test_a_body_over_the_limit_is_a_413_before_anything_reads_it(firm, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = {"candidate": firm.candidates["own"].pk, "summary": "x" * 100}
    with mock.patch.object(JSONParser, "parse") as parse:
        response = firm.client("recruiter").post("/api/v1/notes/", body)
    error = assert_error(response, 413, "request_too_large")
    assert error["message"] == "The request body is larger than 100 bytes."
    parse.assert_not_called()


def test_a_body_of_unknown_length_is_refused(firm):
    response = firm.client("recruiter").generic("POST", "/api/v1/notes/", HTTP_TRANSFER_ENCODING="chunked")
    assert_error(response, 411, "length_required")


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"summary": ' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}",
        b'{"summary": "unterminated',
        b'{"summary": NaN}',
        '{"summary": "café"}'.encode("latin-1"),
    ],
    ids=["100000-levels", "65-levels", "malformed", "nan", "not-utf-8"],
)
def test_bad_json_is_a_400_on_the_whole_input(firm, body):
    response = firm.client("recruiter").generic("POST", "/api/v1/notes/", body, content_type="application/json")
    error = assert_error(response, 400, "parse_error")
    assert list(error["fields"]) == ["non_field_errors"]


def test_the_nesting_limit_counts_brackets_outside_strings_only():
    inside_strings = '{"a": "[[[[[[[[", "b": "\\"[[[[[[[[[", "c": [[1]]}'
    assert not nesting_depth_exceeds(inside_strings, 3)
    assert nesting_depth_exceeds(inside_strings, 2)


def test_json_nested_up_to_the_limit_parses():
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert JSONParser().parse(io.BytesIO(deep.encode())) == json.loads(deep)
    with pytest.raises(ParseError):
        JSONParser().parse(io.BytesIO(("[" + deep + "]").encode()))


def test_a_value_the_database_cannot_compare_is_a_400(firm):
    # Python accepts offsets up to ±24 hours, PostgreSQL up to ±16.
    response = firm.client("recruiter").get("/api/v1/notes/", {"happened_after": "2026-01-01T00:00:00-20:00"})
    message = assert_error(response, 400, "invalid")["fields"]["non_field_errors"][0]
    assert message.startswith("The database cannot use a value given: time zone displacement out of range")
