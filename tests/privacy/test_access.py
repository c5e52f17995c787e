import json

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from crm.privacy.access import personal_data_export
from crm.privacy.models import PersonalDataExport
from tests.privacy.conftest import ALIAS, EMAIL, ENGLISH, NATIVE, NOW, PHONE, RENAMED, WECHAT, make_person

pytestmark = pytest.mark.django_db


def api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_the_access_export_holds_everything_about_the_person(firm):
    candidate = make_person(firm)
    document = json.loads(personal_data_export(actor=firm.admin, candidate_id=candidate.pk, now=NOW))

    assert (document["schema"], document["schema_version"], document["candidate_id"]) == (
        "talentbase.personal-data",
        1,
        candidate.pk,
    )
    assert (document["profile"]["native_name"], document["profile"]["english_name"]) == (NATIVE, ENGLISH)
    assert [a["name"] for a in document["aliases"]] == [ALIAS]
    assert {(c["kind"], c["value"]) for c in document["contacts"]} == {
        ("email", EMAIL),
        ("phone", PHONE),
        ("wechat", WECHAT),
    }
    assert {e["company"] for e in document["career"]} == {"Rival Robotics", "Lumen Labs"}
    assert len(document["noncompetes"]) == 1
    assert document["notes"][0]["summary"] == f"{NATIVE} is open to a lab lead role."
    [row] = document["pipeline"]
    assert (row["mandate_title"], row["stage"], row["placement"]["fee"]) == ("Head of alignment", "placed", "500000.00")
    assert [m["to_stage"] for m in row["moves"]] == ["sourced", "submitted", "client_interview", "offer", "placed"]
    # History: the old English name is there, and each tracked table of the person.
    names = [e["row"].get("english_name") for e in document["history"] if e["table"] == "talent.Candidate"]
    assert RENAMED in names
    tables = {e["table"] for e in document["history"]}
    assert {"talent.Candidate", "talent.CandidateAlias", "talent.ContactChannel", "crm.OutreachNote"} <= tables
    assert {"crm.PipelineRow", "talent.Employment", "talent.NonCompete"} <= tables
    assert PersonalDataExport.objects.get().candidate_id == candidate.pk


def test_the_endpoint_gives_custodians_a_json_attachment_and_records_it(firm):
    candidate = make_person(firm)
    for who in ("owner", "lead", "admin"):
        response = api(firm.keys[who]).get(f"/api/v1/candidates/{candidate.pk}/personal-data/")
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == f'attachment; filename="personal-data-{candidate.pk}.json"'
        assert json.loads(response.content)["profile"]["native_name"] == NATIVE
    assert list(PersonalDataExport.objects.order_by("id").values_list("username", "via")) == [
        ("owner", "api"),
        ("lead", "api"),
        ("boss", "api"),
    ]


def test_others_get_403_without_the_name_and_unknown_ids_404(firm):
    candidate = make_person(firm)
    refused = api(firm.keys["outsider"]).get(f"/api/v1/candidates/{candidate.pk}/personal-data/")
    assert refused.status_code == 403
    assert NATIVE not in refused.content.decode() and "Vexhaven" not in refused.content.decode()
    missing = api(firm.keys["admin"]).get("/api/v1/candidates/999999/personal-data/")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
    assert not PersonalDataExport.objects.exists()


def test_the_command_writes_the_file_and_refuses_unknown_ids(firm, tmp_path):
    candidate = make_person(firm)
    target = tmp_path / "out.json"
    call_command("export_personal_data", str(candidate.pk), "--output", str(target))
    assert json.loads(target.read_text())["profile"]["english_name"] == ENGLISH
    assert PersonalDataExport.objects.get().via == "command"
    with pytest.raises(CommandError, match="No candidate with id 424242"):
        call_command("export_personal_data", "424242")
