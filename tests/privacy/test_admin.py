"""Privacy in the admin: the candidate changelist's actions, the erasure confirmation and the Privacy section."""

import json

import pytest
from django.contrib.auth.models import Group

from accounts.groups import RECRUITERS
from crm.privacy.models import ErasureRecord, PersonalDataExport, RetentionReview
from talent.models import Candidate
from tests.privacy.conftest import NATIVE, make_person

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/talent/candidate/"


def run_action(client, action: str, ids: list[int]):
    return client.post(CHANGELIST, {"action": action, "_selected_action": ids, "index": 0, "select_across": "0"})


@pytest.fixture
def owner_client(firm, client):
    user = firm.owner.user
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=RECRUITERS))
    client.force_login(user)
    return client


def test_the_owner_downloads_the_personal_data_from_the_changelist(firm, owner_client):
    candidate = make_person(firm)
    response = run_action(owner_client, "download_personal_data", [candidate.pk])
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="personal-data-{candidate.pk}.json"'
    assert json.loads(response.content)["profile"]["native_name"] == NATIVE
    assert PersonalDataExport.objects.get().via == "admin"


def test_erasing_from_the_admin_asks_for_a_reason_and_confirmation(firm, owner_client):
    candidate = make_person(firm)
    response = run_action(owner_client, "erase_selected", [candidate.pk])
    page = f"/admin/crm/erasurerecord/erase/{candidate.pk}/"
    assert response.status_code == 302 and response["Location"] == page
    assert NATIVE in owner_client.get(page).content.decode()
    unconfirmed = owner_client.post(page, {"reason": "request"})
    assert unconfirmed.status_code == 200 and "This field is required" in unconfirmed.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    done = owner_client.post(page, {"reason": "request", "confirm": "on"})
    assert done.status_code == 302
    record = ErasureRecord.objects.get()
    assert (record.candidate_id, record.via, record.erased_by) == (candidate.pk, "admin", firm.owner.user)
    assert not Candidate.objects.filter(pk=candidate.pk).exists()


def test_an_outsider_cannot_open_the_erasure_page(firm, client):
    candidate = make_person(firm)
    user = firm.outsider.user
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=RECRUITERS))
    client.force_login(user)
    response = client.post(f"/admin/crm/erasurerecord/erase/{candidate.pk}/", {"reason": "request", "confirm": "on"})
    assert response.status_code == 403
    assert NATIVE not in response.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_the_candidate_page_has_a_privacy_section_and_retention_actions(firm, owner_client):
    candidate = make_person(firm)
    page = owner_client.get(f"{CHANGELIST}{candidate.pk}/change/").content.decode()
    assert "Privacy" in page and "Notice due by" in page and "consent_given_on" in page
    run_action(owner_client, "retention_keep", [candidate.pk])
    assert RetentionReview.objects.get().decision == "keep"
    assert owner_client.get(f"{CHANGELIST}?retention=due").status_code == 200
