"""Who may change who sees a candidate, and what errors and statuses reveal (talent.access)."""

import json

import pytest
from django.contrib.auth.models import Group

from accounts import groups
from talent.access import candidate_rights, candidates_visible_to
from talent.models import Candidate


def test_a_steward_who_is_not_custodian_cannot_unhide_a_confidential_candidate(firm):
    # "team" is the lead's confidential candidate; rec_a is on the team (may edit) but does not answer for it.
    candidate = firm.candidates["team"]
    response = firm.client("recruiter").patch(
        f"/api/v1/candidates/{candidate.pk}/", {"is_confidential": False}, format="json"
    )
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.is_confidential is True


def test_the_owner_may_unhide_a_confidential_candidate(firm):
    candidate = firm.candidates["team"]
    response = firm.client("lead").patch(f"/api/v1/candidates/{candidate.pk}/", {"is_confidential": False})
    assert response.status_code == 200
    assert response.json()["is_confidential"] is False


def test_a_recruiter_of_another_team_cannot_clear_or_rename_a_confidential_candidate(firm):
    candidate = firm.candidates["confidential"]
    client = firm.client("recruiter")
    for change in ({"is_confidential": False}, {"pseudonym": "Sparrow"}, {"owner": firm.recruiter.pk}):
        assert client.patch(f"/api/v1/candidates/{candidate.pk}/", change).status_code == 403
    candidate.refresh_from_db()
    assert (candidate.is_confidential, candidate.pseudonym, candidate.owner_id) == (True, "Falcon", firm.other_team.pk)


def test_a_steward_may_hide_a_candidate_but_not_rename_its_pseudonym_while_hidden(firm):
    own_by_lead = firm.candidates["team"]
    client = firm.client("recruiter")
    assert client.patch(f"/api/v1/candidates/{own_by_lead.pk}/", {"pseudonym": "Sparrow"}).status_code == 403
    other = Candidate.objects.create(owner=firm.lead, english_name="Open Person")
    response = client.patch(f"/api/v1/candidates/{other.pk}/", {"is_confidential": True, "pseudonym": "Wren"})
    assert response.status_code == 200, response.json()
    assert response.json()["is_confidential"] is True


def test_handing_a_candidate_to_another_owner_is_for_custodians(firm):
    candidate = firm.candidates["own"]
    assert firm.client("other_team").patch(
        f"/api/v1/candidates/{candidate.pk}/", {"owner": firm.other_team.pk}
    ).status_code in (403,)
    response = firm.client("recruiter").patch(f"/api/v1/candidates/{candidate.pk}/", {"owner": firm.lead.pk})
    assert response.status_code == 200
    assert response.json()["owner"] == firm.lead.pk


def test_a_candidate_always_has_an_owner_or_a_team(firm):
    # An admin without a recruiter profile must say who answers for a new candidate.
    client = firm.client("admin")
    response = client.post("/api/v1/candidates/", {"english_name": "Nobody's"}, format="json")
    assert response.status_code == 400
    assert "owner" in json.dumps(response.json()["error"]["fields"]) or "team" in json.dumps(response.json())
    assert not Candidate.objects.filter(english_name="Nobody's").exists()
    team = firm.lead.team
    response = client.post("/api/v1/candidates/", {"english_name": "Team's", "team": team.pk}, format="json")
    assert response.status_code == 201
    # Removing the owner of a candidate without a team is refused too.
    candidate = firm.candidates["own"]
    response = firm.client("recruiter").patch(f"/api/v1/candidates/{candidate.pk}/", {"owner": None}, format="json")
    assert response.status_code == 400
    candidate.refresh_from_db()
    assert candidate.owner_id == firm.recruiter.pk


def test_a_recruiter_creates_candidates_for_themselves_by_default_and_not_for_others(firm):
    client = firm.client("recruiter")
    response = client.post("/api/v1/candidates/", {"english_name": "Mine"}, format="json")
    assert response.status_code == 201
    assert response.json()["owner"] == firm.recruiter.pk
    response = client.post("/api/v1/candidates/", {"english_name": "Theirs", "owner": firm.other_team.pk})
    assert response.status_code == 403
    assert not Candidate.objects.filter(english_name="Theirs").exists()


def test_a_duplicate_contact_names_its_holder_only_to_those_cleared_for_it(firm):
    hidden = firm.candidates["confidential"]
    body = {"english_name": "Copycat", "contacts": [{"kind": "email", "value": "Confidential@Secret.example"}]}
    response = firm.client("recruiter").post("/api/v1/candidates/", body, format="json")
    assert response.status_code == 400
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "taken" in text
    for secret in (hidden.native_name, hidden.english_name, hidden.pseudonym, f"#{hidden.pk}"):
        assert secret not in text
    response = firm.client("other_team").post("/api/v1/candidates/", body, format="json")
    assert response.status_code == 400
    assert f"#{hidden.pk}" in json.dumps(response.json(), ensure_ascii=False)


def test_a_status_carries_no_outreach_for_a_candidate_the_viewer_is_not_cleared_for(firm):
    client = firm.client("recruiter")
    hidden = client.get(f"/api/v1/status/{firm.candidates['confidential'].pk}/").json()
    assert hidden["identity_hidden"] is True
    assert "last_outreach" not in hidden and "next_follow_up_on" not in hidden
    visible = client.get(f"/api/v1/status/{firm.candidates['other'].pk}/").json()
    assert visible["last_outreach"] is not None


def test_a_note_on_a_candidate_you_cannot_see_is_not_found(firm):
    hidden = firm.candidates["confidential"]
    body = {"candidate": hidden.pk, "channel": "wechat", "happened_at": "2026-11-20T10:30:00Z", "summary": "hi"}
    response = firm.client("recruiter").post("/api/v1/notes/", body, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert hidden.pseudonym not in json.dumps(response.json())


def test_reference_data_is_written_by_curators_only(firm):
    body = {"name": "Zhipu AI", "native_name": "智谱", "aliases": ["智谱AI"]}
    assert firm.client("recruiter").post("/api/v1/companies/", body, format="json").status_code == 403
    firm.recruiter.user.groups.add(Group.objects.get(name=groups.CURATORS))
    assert firm.client("recruiter").post("/api/v1/companies/", body, format="json").status_code == 201
    # Staff status alone grants nothing.
    firm.other_team.user.is_staff = True
    firm.other_team.user.save()
    assert firm.client("other_team").patch(f"/api/v1/companies/{firm.company.pk}/", {"website": ""}).status_code == 403


@pytest.mark.parametrize("role", ["admin", "lead", "recruiter", "other_team"])
def test_one_rule_gives_the_same_rights_row_by_row_and_in_bulk(firm, role):
    user = {"admin": firm.admin, "lead": firm.lead.user, "recruiter": firm.recruiter.user}.get(
        role, firm.other_team.user
    )
    for candidate in candidates_visible_to(user):
        assert candidate_rights(user, candidate) == candidate_rights(user, candidate.pk)


def test_a_company_name_may_not_be_another_companys_name_alias_or_native_name(firm):
    firm.recruiter.user.groups.add(Group.objects.get(name=groups.CURATORS))
    client = firm.client("recruiter")
    for body in (
        {"name": "头条"},
        {"name": "字节跳动"},
        {"name": "Other", "native_name": "字节跳动"},
        {"name": "BYTEDANCE"},
    ):
        response = client.post("/api/v1/companies/", body, format="json")
        assert response.status_code == 400, (body, response.json())
    response = client.post("/api/v1/companies/", {"name": "Zhipu AI", "aliases": ["阿里"]}, format="json")
    assert response.status_code == 400
    assert "Alibaba" in json.dumps(response.json()["error"]["fields"]["aliases"], ensure_ascii=False)


def test_free_text_of_a_confidential_candidate_is_private_like_its_names(firm):
    hidden = firm.candidates["confidential"]
    secret = "Kids in school in Palo Alto; referred by 陈静's sister"
    Candidate.objects.filter(pk=hidden.pk).update(
        relocation_notes=secret[:300], source_detail=secret, work_authorization=secret
    )
    hidden.employments.update(departure_notes=secret)
    for role, should_see in (("recruiter", False), ("other_team", True)):
        client = firm.client(role)
        texts = [
            json.dumps(client.get(f"/api/v1/candidates/{hidden.pk}/").json(), ensure_ascii=False),
            json.dumps(client.get("/api/v1/employments/", {"candidate": hidden.pk}).json(), ensure_ascii=False),
        ]
        assert all((secret in text) == should_see for text in texts), role
