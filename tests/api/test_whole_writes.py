"""A write is all or nothing, and nothing out of the calendar or over length is stored, by any path."""

import datetime as dt
import json
import logging
from unittest import mock

import pytest
from django import forms
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from api.middleware import wants_one_transaction
from api.renderers import JSONRenderer
from crm.models import OutreachNote
from crm.serializers import OutreachNoteSerializer
from talent.models import Education, Employment
from tests.factories import CandidateFactory, EmploymentFactory, OutreachNoteFactory, RecruiterFactory

NOTES = "/api/v1/notes/"


def note_body(candidate, **fields) -> dict:
    return {
        "candidate": candidate.pk,
        "channel": "phone",
        "happened_at": "2026-11-20T10:00:00Z",
        "summary": "Open to a lab lead role.",
        **fields,
    }


def assert_field_errors(response, *fields: str) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(fields) <= set(error["fields"]), error
    return error["fields"]


# --- Dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"happened_at": "9999-12-31T00:00:00Z"}, "happened_at"),
        ({"happened_at": "1899-12-31T23:59:59Z"}, "happened_at"),
        ({"follow_up_on": "9999-12-31"}, "follow_up_on"),
        ({"follow_up_on": "0001-01-01"}, "follow_up_on"),
    ],
)
def test_a_note_out_of_the_calendar_is_a_400_on_the_field_and_not_stored(firm, fields, bad):
    before = OutreachNote.objects.count()
    response = firm.client("recruiter").post(NOTES, note_body(firm.candidates["own"], **fields))
    assert assert_field_errors(response, bad)[bad] == ["Give a date between 1900-01-01 and 2199-12-31."]
    assert OutreachNote.objects.count() == before


def test_the_calendar_includes_its_first_and_last_day(firm):
    body = note_body(firm.candidates["own"], happened_at="1900-01-01T00:00:00Z", follow_up_on="2199-12-31")
    assert firm.client("recruiter").post(NOTES, body).status_code == 201


def test_a_stint_out_of_the_calendar_is_a_400_on_the_field(firm):
    body = {
        "candidate": firm.candidates["own"].pk,
        "company": firm.company.pk,
        "title": "Staff Engineer",
        "start_date": "2020-01-01",
        "end_date": "9999-12-31",
    }
    response = firm.client("recruiter").post("/api/v1/employments/", body)
    assert "end_date" in assert_field_errors(response, "end_date")


@pytest.mark.parametrize("expires_at", ["9999-12-31T23:59:59Z", "2200-01-01T00:00:00Z"])
def test_a_key_cannot_expire_more_than_ten_years_ahead(firm, expires_at):
    response = firm.client("recruiter").post("/api/v1/tokens/", {"name": "forever", "expires_at": expires_at})
    assert assert_field_errors(response, "expires_at")["expires_at"] == ["The expiry must be within ten years."]


def test_admin_forms_refuse_dates_out_of_the_calendar_with_a_field_message(db):
    form_class = forms.modelform_factory(Employment, fields=["start_date", "end_date"])
    form = form_class(data={"start_date": "2020-01-01", "end_date": "9999-12-31"})
    assert form.errors == {"end_date": ["Give a date between 1900-01-01 and 2199-12-31."]}


def test_education_years_are_bounded(db):
    form_class = forms.modelform_factory(Education, fields=["institution", "start_year", "end_year"])
    form = form_class(data={"institution": "Tsinghua", "start_year": "1066", "end_year": "3000"})
    assert set(form.errors) == {"start_year", "end_year"}


@pytest.mark.parametrize(
    ("model", "field", "value", "constraint"),
    [
        (Employment, "end_date", dt.date(9999, 12, 31), "employment_end_date_in_calendar"),
        (OutreachNote, "happened_at", dt.datetime(2200, 1, 1, tzinfo=dt.UTC), "note_happened_at_in_calendar"),
        (OutreachNote, "happened_at", dt.datetime(1899, 12, 31, 23, tzinfo=dt.UTC), "note_happened_at_in_calendar"),
        (OutreachNote, "follow_up_on", dt.date(1, 1, 1), "note_follow_up_on_in_calendar"),
        (OutreachNote, "summary", "x" * 10_001, "note_summary_length"),
    ],
)
def test_the_database_refuses_what_validation_would_have(db, model, field, value, constraint):
    row = EmploymentFactory() if model is Employment else OutreachNoteFactory()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})


# --- Lengths ----------------------------------------------------------------


def test_a_summary_over_10000_characters_is_a_400_on_the_field(firm):
    response = firm.client("recruiter").post(NOTES, note_body(firm.candidates["own"], summary="x" * 10_001))
    too_long = ["Ensure this field has no more than 10000 characters."]
    assert assert_field_errors(response, "summary")["summary"] == too_long
    ok = firm.client("recruiter").post(NOTES, note_body(firm.candidates["own"], summary="x" * 10_000))
    assert ok.status_code == 201


def test_a_1_mb_summary_is_refused_before_it_is_read(firm):
    before = OutreachNote.objects.count()
    response = firm.client("recruiter").post(NOTES, note_body(firm.candidates["own"], summary="x" * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert OutreachNote.objects.count() == before


def test_candidate_remarks_are_bounded(firm):
    body = {"english_name": "Long Story", "compensation_notes": "x" * 2001, "work_authorization": "y" * 2001}
    response = firm.client("recruiter").post("/api/v1/candidates/", body)
    assert_field_errors(response, "compensation_notes", "work_authorization")


# --- A failure after the write ------------------------------------------------


def failing_client() -> APIClient:
    return APIClient(raise_request_exception=False)


def assert_generic_500(response) -> None:
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error == {"status": 500, "code": "server_error", "message": error["message"]}
    assert b"Traceback" not in response.content and b"rendering broke" not in response.content


@pytest.fixture
def writer():
    recruiter = RecruiterFactory()
    client = failing_client()
    client.force_authenticate(recruiter.user)
    return client, CandidateFactory(owner=recruiter)


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_shaping_the_response_keeps_nothing(writer, caplog):
    client, candidate = writer
    broken = mock.patch.object(OutreachNoteSerializer, "to_representation", side_effect=RuntimeError("rendering broke"))
    with broken, caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(NOTES, note_body(candidate), format="json")
    assert_generic_500(response)
    assert not OutreachNote.objects.exists()
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert logged and logged[0].exc_info and "rendering broke" in str(logged[0].exc_info[1])


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_rendering_after_the_view_returned_keeps_nothing(writer):
    # DRF renders the response after the view, outside ATOMIC_REQUESTS' transaction.
    client, candidate = writer
    body = json.dumps(note_body(candidate))  # encoded here: the test client encodes with the renderer too
    with mock.patch.object(JSONRenderer, "render", side_effect=RuntimeError("rendering broke")):
        response = client.post(NOTES, body, content_type="application/json")
    assert_generic_500(response)
    assert not OutreachNote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_refused_write_keeps_nothing_and_later_reads_still_work(writer):
    client, candidate = writer
    response = client.post(NOTES, note_body(candidate, follow_up_on="9999-12-31"), format="json")
    assert response.status_code == 400
    assert not OutreachNote.objects.exists()
    assert client.get(NOTES).status_code == 200
    assert client.get("/api/v1/candidates/").status_code == 200


def test_a_view_opted_out_of_atomic_requests_is_not_wrapped_either(rf):
    opted_out = transaction.non_atomic_requests(lambda request: None)
    assert wants_one_transaction(rf.post(NOTES))
    with mock.patch("api.middleware.resolve", return_value=mock.Mock(func=opted_out)):
        assert not wants_one_transaction(rf.post(NOTES))


# --- Non-compete windows (the rows that once broke every candidate list) -----------


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"starts_on": "9999-12-31", "contractual_end": "9999-12-31"}, "starts_on"),
        ({"contractual_end": "9999-12-31"}, "contractual_end"),
        ({"compensation_paid": False, "unpaid_since": "9999-12-31"}, "unpaid_since"),
        ({"status": "waived", "ended_on": "0001-01-01"}, "ended_on"),
    ],
)
def test_a_window_out_of_the_calendar_is_a_400_and_the_lists_keep_working(firm, fields, bad):
    from talent.models import NonCompete

    candidate = firm.candidates["own"]
    before = NonCompete.objects.count()
    body = {
        "candidate": candidate.pk,
        "employer": firm.company.pk,
        "starts_on": "2026-01-01",
        "contractual_end": "2027-12-31",
        **fields,
    }
    client = firm.client("recruiter")
    response = client.post("/api/v1/noncompetes/", body, format="json")
    assert assert_field_errors(response, bad)[bad] == ["Give a date between 1900-01-01 and 2199-12-31."]
    assert NonCompete.objects.count() == before
    window = NonCompete.objects.filter(candidate=candidate).first()
    response = client.patch(f"/api/v1/noncompetes/{window.pk}/", fields, format="json")
    assert_field_errors(response, bad)
    assert client.get("/api/v1/candidates/").status_code == 200
    assert client.get(f"/api/v1/status/{candidate.pk}/").status_code == 200


def test_the_database_keeps_windows_inside_the_calendar(firm):
    from talent.models import NonCompete

    window = NonCompete.objects.filter(candidate=firm.candidates["own"]).first()
    with pytest.raises(IntegrityError, match="noncompete_unpaid_since_in_calendar"), transaction.atomic():
        NonCompete.objects.filter(pk=window.pk).update(compensation_paid=False, unpaid_since=dt.date(9999, 12, 31))
