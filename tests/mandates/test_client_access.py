from crm.mandates import services
from tests.mandates.conftest import employed_at


def test_a_client_key_sees_exactly_its_own_mandates_rows_by_pseudonym_until_submitted(world):
    hidden = world.candidate(
        english_name="Secret Person",
        native_name="",
        pseudonym="Kestrel",
        current_compensation=9,
        current_compensation_currency="CNY",
        current_compensation_period="annual",
    )
    plain = world.candidate(english_name="Plain Person", native_name="", pseudonym="")
    submitted = world.candidate(english_name="Shown Person", native_name="")
    employed_at(submitted, world.rival)
    rows = {
        c.english_name: services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=c)
        for c in (hidden, plain, submitted)
    }
    services.pipeline_move(actor=world.lead.user, row=rows["Shown Person"], to_stage="submitted")
    services.pipeline_add(actor=world.outsider.user, mandate=world.mandate_group, candidate=world.candidate())

    client = world.api("client_bd")
    mandates = client.get("/api/v1/mandates/").json()["results"]
    assert [m["id"] for m in mandates] == [world.mandate_bd.pk]
    assert "budget" not in mandates[0] and "owner" not in mandates[0]
    listed = client.get("/api/v1/pipeline/").json()["results"]
    assert {r["id"] for r in listed} == {row.pk for row in rows.values()}
    names = {r["id"]: r["candidate"] for r in listed}
    assert names[rows["Secret Person"].pk] == {"name": "Kestrel", "identity_hidden": True}
    assert names[rows["Plain Person"].pk] == {"name": f"Candidate {rows['Plain Person'].pk}", "identity_hidden": True}
    assert names[rows["Shown Person"].pk] == {"name": "Shown Person", "identity_hidden": False}
    text = str(listed)
    assert "Secret Person" not in text and "conflicts" not in text and "compensation" not in text
    assert set(listed[0]) == {"id", "mandate", "stage", "stage_changed_at", "submitted_at", "candidate"}


def test_a_client_key_cannot_see_other_clients_or_anything_else(world):
    other_row = services.pipeline_add(
        actor=world.outsider.user, mandate=world.mandate_group, candidate=world.candidate()
    )
    client = world.api("client_bd")
    assert client.get(f"/api/v1/mandates/{world.mandate_group.pk}/").status_code == 404
    assert client.get(f"/api/v1/pipeline/{other_row.pk}/").status_code == 404
    assert client.get(f"/api/v1/mandates/?client={world.client_group.pk}").json()["results"] == []
    for url in (
        "/api/v1/candidates/",
        "/api/v1/notes/",
        "/api/v1/clients/",
        "/api/v1/status/changes/",
        f"/api/v1/status/{other_row.candidate_id}/",
        f"/api/v1/mandates/{world.mandate_bd.pk}/funnel/",
        "/api/v1/tokens/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post("/api/v1/pipeline/", {}, format="json").status_code == 403


def test_confidential_mandates_hide_the_client_from_recruiters_outside_the_team(world):
    services.mandate_update(actor=world.lead.user, mandate=world.mandate_bd, is_confidential=True)
    outsider = world.api("outsider").get(f"/api/v1/mandates/{world.mandate_bd.pk}/").json()
    insider = world.api("rec").get(f"/api/v1/mandates/{world.mandate_bd.pk}/").json()
    assert outsider["client_ref"] is None and insider["client_ref"]["name"] == "ByteDance"
    by_client = world.api("outsider").get(f"/api/v1/mandates/?client={world.client_bd.pk}").json()["results"]
    assert by_client == []


def test_recruiters_see_confidential_candidates_on_a_pipeline_by_pseudonym(world):
    candidate = world.candidate(is_confidential=True, pseudonym="Osprey", english_name="Real Name")
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    assert world.api("outsider").get(f"/api/v1/pipeline/{row.pk}/").json()["candidate_ref"]["name"] == "Osprey"
    assert "Real Name" in world.api("rec").get(f"/api/v1/pipeline/{row.pk}/").json()["candidate_ref"]["name"]
