import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crm.mandates import services
from crm.mandates.conflicts import conflicts_for, verdict_of
from crm.models import Client, Mandate, PipelineRow
from talent.models import NonCompete
from talent.selectors import company_lookup
from talent.services import noncompete_update
from tests.factories import NonCompeteFactory
from tests.mandates.conftest import TODAY, employed_at

END = dt.date(2026, 12, 31)


def rules(mandate, candidate, *, start=None, today=TODAY):
    row = PipelineRow(mandate=mandate, candidate=candidate, expected_start_on=start)
    found = conflicts_for([row], today=today)[None]
    return {(c.rule, c.severity) for c in found}, verdict_of(found)


def window(candidate, *, companies=(), sectors=(), starts_on=dt.date(2026, 1, 1)):
    nc = NonCompeteFactory(
        candidate=candidate, starts_on=starts_on, contractual_end=END, restricted_sectors=list(sectors)
    )
    nc.restricted_companies.set(companies)
    return nc


@pytest.mark.parametrize(
    ("start", "blocked"),
    [(dt.date(2025, 12, 31), False), (dt.date(2026, 1, 1), True), (END, True), (END + dt.timedelta(days=1), False)],
)
def test_noncompete_naming_the_client_by_alias_blocks_a_start_inside_the_window_only(world, start, blocked):
    candidate = world.candidate()
    window(candidate, companies=[company_lookup("字节")])
    found, verdict = rules(world.mandate_bd, candidate, start=start, today=dt.date(2025, 12, 1))
    assert (("noncompete", "block") in found) is blocked
    assert verdict == ("blocked" if blocked else "clear")


def test_noncompete_reports_the_enforceable_end_and_days_left(world):
    candidate = world.candidate()
    window(candidate, companies=[world.bytedance])
    row = PipelineRow(mandate=world.mandate_bd, candidate=candidate)
    [conflict] = conflicts_for([row], today=TODAY)[None]
    assert conflict.until == END and conflict.days_left == (END - TODAY).days
    assert "ByteDance" in conflict.reason and "2026-12-31" in conflict.reason


def test_noncompete_naming_the_group_restricts_its_subsidiary_and_naming_a_subsidiary_restricts_the_group(world):
    cloud_client = services.client_create(actor=world.admin, company=world.cloud, fee_kind="percentage", fee_percent=20)
    cloud_mandate = services.mandate_create(
        actor=world.lead.user, client=cloud_client, title="CTO", opened_on=dt.date(2026, 10, 1)
    )
    names_group, names_cloud = world.candidate(), world.candidate()
    window(names_group, companies=[world.group])
    window(names_cloud, companies=[world.cloud])
    assert ("noncompete", "block") in rules(cloud_mandate, names_group)[0]
    assert ("noncompete", "block") in rules(world.mandate_group, names_cloud)[0]
    assert ("noncompete", "block") not in rules(world.mandate_bd, names_group)[0]


def test_noncompete_restricting_the_clients_sector_blocks(world):
    candidate = world.candidate()
    window(candidate, sectors=["large language models"])
    assert ("noncompete", "block") in rules(world.mandate_bd, candidate)[0]
    assert ("noncompete", "block") not in rules(world.mandate_group, candidate)[0]


def test_off_limits_covers_subsidiaries_while_a_mandate_is_open_then_for_its_months(world):
    candidate = world.candidate()
    employed_at(candidate, world.cloud)
    assert ("off_limits", "warn") in rules(world.mandate_bd, candidate)[0]
    services.mandate_update(
        actor=world.outsider.user, mandate=world.mandate_group, status=Mandate.Status.CANCELLED, closed_on=TODAY
    )
    last_day = dt.date(2027, 5, 24)
    assert ("off_limits", "warn") in rules(world.mandate_bd, candidate, today=last_day)[0]
    assert ("off_limits", "warn") not in rules(world.mandate_bd, candidate, today=last_day + dt.timedelta(days=1))[0]


def test_off_limits_without_subsidiaries_spares_them_and_a_blocking_promise_blocks(world):
    at_cloud, at_bytedance = world.candidate(), world.candidate()
    employed_at(at_cloud, world.cloud)
    employed_at(at_bytedance, world.bytedance)
    services.client_update(actor=world.admin, client=world.client_group, off_limits_subsidiaries=False)
    assert rules(world.mandate_bd, at_cloud)[1] == "clear"
    assert ("off_limits", "block") in rules(world.mandate_group, at_bytedance)[0]


def test_off_limits_starts_with_the_first_mandate(world):
    candidate = world.candidate()
    employed_at(candidate, world.bytedance)
    assert rules(world.mandate_group, candidate, today=dt.date(2026, 8, 31))[1] == "clear"
    assert rules(world.mandate_group, candidate, today=dt.date(2026, 9, 1))[1] == "blocked"


def _placed(world, candidate, start):
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    for stage in ("submitted", "offer"):
        row = services.pipeline_move(actor=world.lead.user, row=row, to_stage=stage)
    return services.placement_record(
        actor=world.lead.user, row=row, start_date=start, compensation=1_000_000, compensation_currency="CNY"
    )


def test_a_placement_warns_other_clients_until_the_guarantee_ends(world):
    candidate = world.candidate()
    placement = _placed(world, candidate, dt.date(2026, 12, 1))
    assert placement.guarantee_ends_on == dt.date(2027, 3, 1)
    other_client_row = PipelineRow(mandate=world.mandate_group, candidate=candidate)
    on_last_day = conflicts_for([other_client_row], today=dt.date(2027, 3, 1))[None]
    assert [c.rule for c in on_last_day if c.rule == "guarantee"] == ["guarantee"]
    day_after = conflicts_for([other_client_row], today=dt.date(2027, 3, 2))[None]
    assert [c for c in day_after if c.rule == "guarantee"] == []


def test_a_candidate_submitted_to_another_client_is_warned_until_rejected_there(world):
    candidate = world.candidate()
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    assert rules(world.mandate_group, candidate)[1] == "clear"
    row = services.pipeline_move(actor=world.lead.user, row=row, to_stage="submitted")
    assert rules(world.mandate_group, candidate)[0] == {("submitted_elsewhere", "warn")}
    services.pipeline_move(actor=world.lead.user, row=row, to_stage="rejected")
    assert rules(world.mandate_group, candidate)[1] == "clear"


def test_a_confidential_search_is_not_named_in_a_conflict_to_outsiders(world):
    services.mandate_update(actor=world.lead.user, mandate=world.mandate_bd, is_confidential=True)
    candidate = world.candidate()
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    services.pipeline_move(actor=world.lead.user, row=row, to_stage="submitted")
    response = world.api("outsider").post(
        "/api/v1/pipeline/", {"mandate": world.mandate_group.pk, "candidate": candidate.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    [conflict] = response.json()["conflicts"]
    assert "ByteDance" not in conflict["reason"] and "confidential" in conflict["reason"]


def test_an_off_limits_promise_to_a_client_known_only_by_confidential_searches_does_not_name_it(world):
    candidate = world.candidate()
    employed_at(candidate, world.bytedance)
    row = PipelineRow(mandate=world.mandate_group, candidate=candidate)
    [named] = [c for c in conflicts_for([row], today=TODAY)[None] if c.rule == "off_limits"]
    assert "ByteDance" in named.reason

    services.mandate_update(actor=world.lead.user, mandate=world.mandate_bd, is_confidential=True)
    [hidden] = [c for c in conflicts_for([row], today=TODAY)[None] if c.rule == "off_limits"]

    assert "ByteDance" not in hidden.reason and "confidential" in hidden.reason
    assert hidden.severity == named.severity == "block"


def test_adding_a_blocked_candidate_needs_a_leads_written_override_recorded_on_the_row(world):
    candidate = world.candidate()
    window(candidate, companies=[world.bytedance])
    body = {"mandate": world.mandate_bd.pk, "candidate": candidate.pk}
    refused = world.api("lead").post("/api/v1/pipeline/", body, format="json")
    assert refused.status_code == 400
    assert "Blocked" in refused.json()["error"]["fields"]["override_reason"][0]
    assert not PipelineRow.objects.exists()
    by_recruiter = world.api("rec").post("/api/v1/pipeline/", {**body, "override_reason": "ok"}, format="json")
    assert by_recruiter.status_code == 403
    added = world.api("lead").post(
        "/api/v1/pipeline/", {**body, "override_reason": "Client's lawyers cleared it"}, format="json"
    )
    assert added.status_code == 201
    row = added.json()
    assert row["verdict"] == "overridden"
    assert row["override"]["reason"] == "Client's lawyers cleared it" and row["override"]["by"] == "lead"
    assert row["override"]["at"].startswith("2026-11-24")
    assert row["conflicts"][0]["overridden"] is True


def test_an_override_does_not_cover_a_conflict_that_appears_later(world):
    candidate = world.candidate()
    window(candidate, companies=[world.bytedance])
    row = services.pipeline_add(
        actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate, override_reason="Cleared by counsel"
    )
    window(candidate, sectors=["large language models"], starts_on=dt.date(2026, 2, 1))
    assert verdict_of(conflicts_for([row], today=TODAY)[row.pk]) == "blocked"
    with pytest.raises(ValidationError):
        services.pipeline_move(actor=world.lead.user, row=row, to_stage="submitted")


def test_a_release_changes_the_verdict_of_open_rows(world):
    candidate = world.candidate()
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    nc = window(candidate, companies=[world.bytedance])
    client = world.api("lead")
    assert client.get(f"/api/v1/pipeline/{row.pk}/").json()["verdict"] == "blocked"
    assert client.post(f"/api/v1/pipeline/{row.pk}/move/", {"to_stage": "submitted"}, format="json").status_code == 400
    noncompete_update(window=NonCompete.objects.get(pk=nc.pk), status="released", ended_on=TODAY)
    assert client.get(f"/api/v1/pipeline/{row.pk}/").json()["verdict"] == "blocked"  # binds through the release day
    noncompete_update(window=NonCompete.objects.get(pk=nc.pk), status="released", ended_on=TODAY - dt.timedelta(days=1))
    assert client.get(f"/api/v1/pipeline/{row.pk}/conflicts/").json() == {"verdict": "clear", "conflicts": []}
    assert client.post(f"/api/v1/pipeline/{row.pk}/move/", {"to_stage": "submitted"}, format="json").status_code == 200


def test_an_ended_agreement_clears_open_rows(world):
    candidate = world.candidate()
    employed_at(candidate, world.bytedance)
    row = services.pipeline_add(
        actor=world.outsider.user, mandate=world.mandate_group, candidate=candidate, override_reason="Asked us"
    )
    assert world.api("outsider").get(f"/api/v1/pipeline/{row.pk}/").json()["verdict"] == "overridden"
    services.client_update(actor=world.admin, client=world.client_bd, off_limits=Client.OffLimits.NONE)
    assert world.api("outsider").get(f"/api/v1/pipeline/{row.pk}/").json()["verdict"] == "clear"


def test_only_the_mandates_team_may_add_candidates(world):
    candidate = world.candidate()
    with pytest.raises(PermissionDenied):
        services.pipeline_add(actor=world.outsider.user, mandate=world.mandate_bd, candidate=candidate)
