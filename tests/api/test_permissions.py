"""Every role against every endpoint and object: no unauthorised read or write."""

import json

import pytest

from crm.models import OutreachNote
from tests.api.conftest import LISTS

ROLES = ["admin", "lead", "recruiter", "other_team", "api_client", "recruiter_status_key", "anonymous"]
DENIED = {"api_client": 403, "recruiter_status_key": 403, "anonymous": 401}
PERSONAL_LISTS = {"/api/v1/notifications/", "/api/v1/watchlist/"}


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("role", ROLES)
def test_only_recruiters_and_admins_reach_the_recruiting_endpoints(firm, role, url):
    response = firm.client(role).get(url)
    # Notifications and the watch list belong to a recruiter profile, which this admin has not.
    admin_without_profile = role == "admin" and url in PERSONAL_LISTS
    assert response.status_code == (403 if admin_without_profile else DENIED.get(role, 200))
    if response.status_code != 200:
        assert set(response.json()) == {"error"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 404), ("lead", 200), ("recruiter", 200), ("other_team", 200), *DENIED.items()],
)
def test_my_profile_needs_a_recruiter_profile(firm, role, expected):
    assert firm.client(role).get("/api/v1/recruiters/me/").status_code == expected


# Per object: is the identity shown (R = name, P = pseudonym only), may it be edited (E) and deleted (D).
# own: rec_a's; team: the lead's, confidential; other: rec_b's; confidential: rec_b's, confidential.
CANDIDATE_RULES = {
    "admin": {"own": "RED", "team": "RED", "other": "RED", "confidential": "RED"},
    "lead": {"own": "RED", "team": "RED", "other": "R--", "confidential": "P--"},
    "recruiter": {"own": "RED", "team": "RE-", "other": "R--", "confidential": "P--"},
    "other_team": {"own": "R--", "team": "P--", "other": "RED", "confidential": "RED"},
}
OBJECTS = ["own", "team", "other", "confidential"]


@pytest.mark.parametrize("obj", OBJECTS)
@pytest.mark.parametrize("role", ROLES)
def test_candidate_read_edit_delete(firm, role, obj):
    candidate = firm.candidates[obj]
    url = f"/api/v1/candidates/{candidate.pk}/"
    client = firm.client(role)
    if role in DENIED:
        for method in ("get", "patch", "delete"):
            assert getattr(client, method)(url).status_code == DENIED[role]
        return
    read, edit, delete = CANDIDATE_RULES[role][obj]

    body = client.get(url).json()
    text = json.dumps(body, ensure_ascii=False)
    if read == "R":
        assert body["identity_cleared"] is True
        assert body["english_name"] == candidate.english_name
        assert body["contacts"][0]["value"] == f"{obj}@secret.example"
    else:
        assert body["identity_cleared"] is False
        assert body["display_name"] == candidate.pseudonym
        for secret in (candidate.native_name, candidate.english_name, "secret.example", f"{obj}-alias", "9000"):
            assert secret not in text
        timeline = client.get(f"{url}timeline/").json()
        assert all(entry["kind"] != "note" for entry in timeline)

    response = client.patch(url, {"city": "Shenzhen"})
    assert response.status_code == (200 if edit == "E" else 403)
    response = client.post("/api/v1/employments/", _stint(firm, candidate))
    assert response.status_code == (201 if edit == "E" else 403)
    response = client.delete(url)
    assert response.status_code == (204 if delete == "D" else 403)


def _stint(firm, candidate) -> dict:
    return {"candidate": candidate.pk, "company": firm.company.pk, "title": "Staff", "start_date": "2024-01-01"}


# Which notes each role reads: (candidate, open|secret). Secret notes are by the candidate's owner.
NOTE_RULES = {
    "admin": {(c, k) for c in OBJECTS for k in ("open", "secret")},
    # leads team A: sees the secret notes of its members (rec_a, itself); not rec_b's
    "lead": {("own", "open"), ("own", "secret"), ("team", "open"), ("team", "secret"), ("other", "open")},
    "recruiter": {("own", "open"), ("own", "secret"), ("team", "open"), ("other", "open")},
    # rec_b leads team B; the 'team' candidate is confidential to team A, so its notes stay hidden
    "other_team": {
        ("own", "open"),
        ("other", "open"),
        ("other", "secret"),
        ("confidential", "open"),
        ("confidential", "secret"),
    },
}


@pytest.mark.parametrize("role", NOTE_RULES)
def test_notes_visible_only_to_those_cleared(firm, role):
    client = firm.client(role)
    listed = {note["id"] for note in client.get("/api/v1/notes/", {"page_size": 100}).json()["results"]}
    expected = {firm.notes[key].pk for key in NOTE_RULES[role]}
    assert listed == expected
    for key, note in firm.notes.items():
        status = client.get(f"/api/v1/notes/{note.pk}/").status_code
        assert status == (200 if key in NOTE_RULES[role] else 404)


@pytest.mark.parametrize(
    ("role", "may_change"),
    [("admin", True), ("lead", False), ("recruiter", True), ("other_team", False), *[(r, False) for r in DENIED]],
)
def test_only_the_author_or_an_admin_changes_a_note(firm, role, may_change):
    note = firm.notes[("own", "open")]  # by rec_a, the 'recruiter'
    client = firm.client(role)
    response = client.patch(f"/api/v1/notes/{note.pk}/", {"summary": "rewritten"})
    assert response.status_code == (200 if may_change else DENIED.get(role, 403))
    response = client.delete(f"/api/v1/notes/{note.pk}/")
    assert response.status_code == (204 if may_change else DENIED.get(role, 403))


@pytest.mark.parametrize("role", ROLES)
def test_notes_cannot_be_logged_on_a_candidate_one_is_not_cleared_for(firm, role):
    payload = {
        "candidate": firm.candidates["confidential"].pk,
        "channel": "phone",
        "happened_at": "2026-11-20T10:00:00Z",
        "summary": "call",
    }
    response = firm.client(role).post("/api/v1/notes/", payload)
    expected = {"admin": 403, "other_team": 201}.get(role, DENIED.get(role, 404))  # admin has no recruiter profile
    assert response.status_code == expected
    assert OutreachNote.objects.filter(summary="call").count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_and_curators_write_companies(firm, role):
    response = firm.client(role).post("/api/v1/companies/", {"name": "Moonshot AI", "aliases": ["月之暗面"]})
    assert response.status_code == {"admin": 201}.get(role, DENIED.get(role, 403))


@pytest.mark.parametrize("role", ["lead", "recruiter", "other_team"])
def test_noncompete_compensation_is_redacted_for_uncleared_candidates(firm, role):
    rows = firm.client(role).get("/api/v1/noncompetes/", {"page_size": 100}).json()["results"]
    for row in rows:
        candidate = next(c for c in firm.candidates.values() if c.pk == row["candidate"])
        cleared = CANDIDATE_RULES[role][next(k for k, c in firm.candidates.items() if c == candidate)][0] == "R"
        assert (row["monthly_compensation"] is not None) == cleared


def test_server_owned_fields_are_ignored(firm):
    client = firm.client("recruiter")
    response = client.post(
        "/api/v1/candidates/",
        {"english_name": "Ada", "pinyin": "x", "created_at": "2000-01-01T00:00:00Z"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == firm.recruiter.pk
    assert body["pinyin"] == ""
    assert body["created_at"] > "2020"
    note = client.post(
        "/api/v1/notes/",
        {
            "candidate": firm.candidates["own"].pk,
            "channel": "phone",
            "happened_at": "2026-11-20T10:00:00Z",
            "summary": "call",
            "author": firm.other_team.pk,
        },
    ).json()
    assert note["author"] == firm.recruiter.pk
