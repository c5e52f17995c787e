from crm.mandates import services
from talent.models import StatusChange


def test_status_lists_open_pipeline_rows_for_recruiters_only_and_the_feed_reports_stage_moves(world):
    candidate = world.candidate()
    row = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    services.mandate_update(actor=world.lead.user, mandate=world.mandate_bd, is_confidential=True)
    rec = world.api("rec")
    [entry] = rec.get(f"/api/v1/status/{candidate.pk}/").json()["pipeline"]
    assert (entry["mandate"], entry["stage"], entry["client"]) == (world.mandate_bd.pk, "sourced", "ByteDance")
    assert world.api("outsider").get(f"/api/v1/status/{candidate.pk}/").json()["pipeline"][0]["client"] is None

    # The feed serves what the triggers log (once the transaction ends, which this test's never does).
    logged = StatusChange.objects.filter(candidate_id=candidate.pk).count()
    services.pipeline_move(actor=world.lead.user, row=row, to_stage="contacted")
    assert StatusChange.objects.filter(candidate_id=candidate.pk).count() == logged + 1
    assert rec.get(f"/api/v1/status/{candidate.pk}/").json()["pipeline"][0]["stage"] == "contacted"
