import datetime as dt

import pytest
import time_machine

from tests.factories import CandidateFactory, EmploymentFactory, NonCompeteFactory, level


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_create_with_contacts_and_a_duplicate_gives_a_field_error(firm):
    client = firm.client("recruiter")
    payload = {
        "native_name": "周杰",
        "contacts": [{"kind": "phone", "value": "138 0013 8000"}],
        "aliases": [{"name": "杰哥", "kind": "huaming", "company": firm.company.pk}],
    }
    body = client.post("/api/v1/candidates/", payload).json()
    assert body["contacts"][0]["value"] == "+8613800138000"
    assert body["pinyin"] and body["owner"] == firm.recruiter.pk
    response = client.post("/api/v1/candidates/", {"english_name": "Copy", "contacts": payload["contacts"]})
    assert response.status_code == 400
    assert "contacts" in response.json()["error"]["fields"]


def test_a_patch_that_replaces_contacts_or_aliases_needs_whole_items_and_keeps_the_old_ones(firm):
    client = firm.client("recruiter")
    created = client.post(
        "/api/v1/candidates/", {"native_name": "周杰", "contacts": [{"kind": "email", "value": "zhou@example.com"}]}
    ).json()
    url = f"/api/v1/candidates/{created['id']}/"

    no_value = client.patch(url, {"hold": "not_looking", "contacts": [{"kind": "email", "label": ""}]})
    no_name = client.patch(url, {"aliases": [{"kind": "huaming"}]})

    assert no_value.status_code == 400 and no_name.status_code == 400
    assert no_value.json()["error"]["fields"]["contacts"] == ["0: value: This field is required."]
    assert no_name.json()["error"]["fields"]["aliases"] == ["0: name: This field is required."]
    after = client.get(url).json()
    assert [c["value"] for c in after["contacts"]] == ["zhou@example.com"] and after["hold"] == ""


def test_confidential_needs_a_pseudonym_and_pseudonyms_are_unique(firm):
    client = firm.client("recruiter")
    response = client.post("/api/v1/candidates/", {"english_name": "X", "is_confidential": True})
    assert response.status_code == 400
    response = client.post("/api/v1/candidates/", {"english_name": "Y", "pseudonym": "falcon"})
    assert response.status_code == 400


def test_note_logged_in_one_post_shows_in_the_timeline(firm):
    client = firm.client("recruiter")
    candidate = firm.candidates["own"]
    response = client.post(
        "/api/v1/notes/",
        {
            "candidate": candidate.pk,
            "channel": "wechat",
            "happened_at": "2026-11-20T10:30:00+08:00",
            "summary": "Open to a lab lead role.",
            "interest": "warm",
            "follow_up_on": "2027-02-15",
        },
    )
    assert response.status_code == 201
    note_id = response.json()["id"]
    timeline = client.get(f"/api/v1/candidates/{candidate.pk}/timeline/").json()
    assert {"kind": "note", "object_id": note_id}.items() <= next(
        e for e in timeline if e["object_id"] == note_id and e["kind"] == "note"
    ).items()
    listed = client.get("/api/v1/notes/", {"candidate": candidate.pk}).json()["results"]
    assert note_id in {n["id"] for n in listed}


def test_filters_compose(firm, frozen):
    client = firm.client("recruiter")
    staff = CandidateFactory(owner=firm.recruiter, english_name="Staffy", expertise=["llm", "rlhf"], city="Hangzhou")
    EmploymentFactory(candidate=staff, company=firm.company, level=level("Alibaba", "P8"))
    free = CandidateFactory(owner=firm.recruiter, english_name="Freed")
    NonCompeteFactory(
        candidate=free, employer=firm.company, starts_on=dt.date(2025, 1, 1), contractual_end=dt.date(2025, 6, 30)
    )

    def ids(**params):
        return {c["id"] for c in client.get("/api/v1/candidates/", {"page_size": 100, **params}).json()["results"]}

    assert ids(company="阿里", band_min="staff") == {staff.pk}
    assert staff.pk in ids(band_min=40, band_max="staff")
    assert ids(expertise="llm,rlhf", location="hangzhou") == {staff.pk}
    assert free.pk in ids(availability="free") and staff.pk not in ids(availability="free")
    assert ids(noncompete_ends_before="2025-12-31") == {free.pk}
    assert ids(search="Staffy") == {staff.pk}
    assert ids(search="Jing Chen") == set()  # the confidential candidate's real name does not leak
    assert ids(search="Falcon") == {firm.candidates["confidential"].pk}


def test_conditional_get(firm):
    client = firm.client("recruiter")
    url = f"/api/v1/candidates/{firm.candidates['own'].pk}/"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    client.patch(url, {"city": "Shenzhen"})
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_page_size_is_bounded(firm):
    body = firm.client("recruiter").get("/api/v1/bands/", {"page_size": 1000}).json()
    assert len(body["results"]) <= 100


def test_me_patch_changes_only_preferences(firm):
    client = firm.client("recruiter")
    response = client.patch("/api/v1/recruiters/me/", {"timezone": "Asia/Singapore", "team": 999})
    assert response.status_code == 200
    assert response.json()["timezone"] == "Asia/Singapore" and response.json()["team"] == firm.recruiter.team_id
    response = client.patch("/api/v1/recruiters/me/", {"timezone": "Mars/Olympus"})
    assert "timezone" in response.json()["error"]["fields"]


def test_admin_creates_a_key_once_and_revokes(firm, admin_client):
    from accounts.models import ApiToken

    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": firm.api_client_user.pk, "name": "HR", "scope": "status:read"},
        follow=True,
    )
    token = ApiToken.objects.get(name="HR")
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.prefix in m for m in shown)
    admin_client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
