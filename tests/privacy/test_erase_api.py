import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from crm.privacy.models import ErasureRecord
from talent.models import Candidate
from talent.suppression import suppressed
from tests.privacy.conftest import EMAIL, NATIVE, make_person

pytestmark = pytest.mark.django_db


def api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "confirm"),
        ({"confirm": False, "reason": "request"}, "confirm"),
        ({"confirm": True}, "reason"),
        ({"confirm": True, "reason": "because"}, "reason"),
    ],
)
def test_an_erasure_needs_confirmation_and_a_known_reason(firm, body, field):
    candidate = make_person(firm)
    response = api(firm.keys["owner"]).post(f"/api/v1/candidates/{candidate.pk}/erase/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_the_owner_erases_through_the_api(firm):
    candidate = make_person(firm)
    response = api(firm.keys["owner"]).post(
        f"/api/v1/candidates/{candidate.pk}/erase/", {"confirm": True, "reason": "request"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["candidate_id"], body["reason"], body["via"], body["username"]) == (
        candidate.pk,
        "request",
        "api",
        "owner",
    )
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    assert suppressed({("email", EMAIL)}) == {("email", EMAIL)}
    again = api(firm.keys["owner"]).post(
        f"/api/v1/candidates/{candidate.pk}/erase/", {"confirm": True, "reason": "request"}, format="json"
    )
    assert again.status_code == 404


def test_an_outsider_may_not_erase_and_is_not_told_the_name(firm):
    candidate = make_person(firm)
    response = api(firm.keys["outsider"]).post(
        f"/api/v1/candidates/{candidate.pk}/erase/", {"confirm": True, "reason": "request"}, format="json"
    )
    assert response.status_code == 403
    assert NATIVE not in response.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists() and not ErasureRecord.objects.exists()


def test_the_command_erases_and_refuses_bad_ids(firm):
    candidate = make_person(firm)
    call_command("erase_candidate", str(candidate.pk), "--reason", "consent_withdrawn")
    record = ErasureRecord.objects.get()
    assert (record.candidate_id, record.reason, record.via, record.suppressed) == (
        candidate.pk,
        "consent_withdrawn",
        "command",
        True,
    )
    with pytest.raises(CommandError, match="No candidate with id"):
        call_command("erase_candidate", str(candidate.pk), "--reason", "request")
