import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.http import Http404

from crm.mandates import services
from crm.models import Mandate, PipelineRow, StageMove
from talent.models import Employment
from tests.mandates.conftest import employed_at


def add(world, candidate):
    response = world.api("lead").post(
        "/api/v1/pipeline/",
        {"mandate": world.mandate_bd.pk, "candidate": candidate.pk, "reason": "Mapped"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def move(world, row_id, to_stage, **body):
    return world.api("lead").post(f"/api/v1/pipeline/{row_id}/move/", {"to_stage": to_stage, **body}, format="json")


def test_moves_are_recorded_with_who_when_and_why(world):
    row_id = add(world, world.candidate())
    assert move(world, row_id, "contacted", reason="WeChat").status_code == 200
    history = world.api("rec").get(f"/api/v1/pipeline/{row_id}/history/").json()
    assert [(m["from_stage"], m["to_stage"], m["reason"], m["moved_by"]) for m in history] == [
        ("", "sourced", "Mapped", "lead"),
        ("sourced", "contacted", "WeChat", "lead"),
    ]


@pytest.mark.parametrize("target", ["offer", "client_interview", "placed"])
def test_no_jump_past_submitted(world, target):
    row_id = add(world, world.candidate())
    response = move(world, row_id, target)
    assert response.status_code == 400
    assert "to_stage" in response.json()["error"]["fields"]
    assert PipelineRow.objects.get(pk=row_id).stage == "sourced"


def test_a_rejected_row_is_reopened_to_where_it_left_with_a_reason(world):
    row_id = add(world, world.candidate())
    move(world, row_id, "interested")
    assert move(world, row_id, "rejected", reason="Too junior").status_code == 200
    assert move(world, row_id, "interested").status_code == 400
    assert move(world, row_id, "sourced", reason="Second look").status_code == 400
    assert move(world, row_id, "interested", reason="Second look").json()["stage"] == "interested"


def test_only_the_mandates_team_may_move_rows_and_invisible_rows_are_404(world):
    row_id = add(world, world.candidate())
    assert (
        world.api("outsider")
        .post(f"/api/v1/pipeline/{row_id}/move/", {"to_stage": "contacted"}, format="json")
        .status_code
        == 403
    )
    assert world.api("client_group").get(f"/api/v1/pipeline/{row_id}/").status_code == 404


def test_stage_history_cannot_be_updated_or_deleted(world):
    row_id = add(world, world.candidate())
    history = StageMove.objects.filter(row_id=row_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        history.update(reason="rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        history.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM crm_stagemove")
    assert history.get().reason == "Mapped"


def test_erasing_a_candidate_takes_its_rows_and_their_history(world):
    candidate = world.candidate()
    add(world, candidate)
    candidate.delete()
    assert not PipelineRow.objects.exists() and not StageMove.objects.exists()


def _to_offer(world, row_id):
    for stage in ("submitted", "client_interview", "offer"):
        assert move(world, row_id, stage).status_code == 200


def test_a_placement_ends_the_open_stint_starts_one_at_the_client_computes_the_fee_and_the_guarantee(world):
    candidate = world.candidate()
    old = employed_at(candidate, world.rival, start=dt.date(2022, 5, 1))
    row_id = add(world, candidate)
    _to_offer(world, row_id)
    response = world.api("lead").post(
        f"/api/v1/pipeline/{row_id}/placement/",
        {"start_date": "2027-01-04", "compensation": "10000000.00", "compensation_currency": "CNY"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["stage"] == "placed"
    assert body["placement"]["fee"] == "2500000.00" and body["placement"]["fee_currency"] == "CNY"
    assert body["placement"]["guarantee_ends_on"] == "2027-04-04"
    old.refresh_from_db()
    assert old.end_date == dt.date(2027, 1, 3) and old.departure_reason == "poached"
    new = Employment.objects.get(candidate=candidate, end_date__isnull=True)
    assert (new.company, new.title, new.start_date) == (world.bytedance, "Head of pre-training", dt.date(2027, 1, 4))
    world.mandate_bd.refresh_from_db()
    assert world.mandate_bd.status == Mandate.Status.FILLED


def test_a_fixed_fee_is_the_clients_fixed_amount(world):
    candidate = world.candidate(owner=world.outsider)
    row = services.pipeline_add(actor=world.outsider.user, mandate=world.mandate_group, candidate=candidate)
    for stage in ("submitted", "offer"):
        row = services.pipeline_move(actor=world.outsider.user, row=row, to_stage=stage)
    placement = services.placement_record(
        actor=world.outsider.user,
        row=row,
        start_date=dt.date(2027, 1, 4),
        compensation=Decimal(1),
        compensation_currency="USD",
    )
    assert (placement.fee, placement.fee_currency, placement.guarantee_ends_on) == (
        Decimal("500000.00"),
        "CNY",
        dt.date(2027, 3, 5),
    )


def test_a_refused_placement_changes_nothing(world):
    candidate = world.candidate()
    employed_at(candidate, world.rival, start=dt.date(2027, 2, 1))
    row_id = add(world, candidate)
    _to_offer(world, row_id)
    response = world.api("lead").post(
        f"/api/v1/pipeline/{row_id}/placement/",
        {"start_date": "2027-01-04", "compensation": "100.00", "compensation_currency": "CNY"},
        format="json",
    )
    assert response.status_code == 400
    assert PipelineRow.objects.get(pk=row_id).stage == "offer"
    assert Employment.objects.filter(candidate=candidate).count() == 1
    world.mandate_bd.refresh_from_db()
    assert world.mandate_bd.status == "open"


def test_a_percentage_fee_refuses_compensation_in_another_currency(world):
    row_id = add(world, world.candidate())
    _to_offer(world, row_id)
    response = world.api("lead").post(
        f"/api/v1/pipeline/{row_id}/placement/",
        {"start_date": "2027-01-04", "compensation": "100.00", "compensation_currency": "USD"},
        format="json",
    )
    assert response.status_code == 400 and "compensation_currency" in response.json()["error"]["fields"]


def test_merging_duplicates_on_one_mandate_keeps_the_survivors_row_and_summarises_the_other(world):
    from django.utils import timezone

    from talent.duplicates.merging import candidate_merge

    survivor, duplicate = world.candidate(), world.candidate()
    kept = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=survivor)
    gone = services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=duplicate, reason="Dup")
    services.pipeline_move(actor=world.lead.user, row=gone, to_stage="contacted", reason="Called")
    candidate_merge(actor=world.admin, survivor_id=survivor.pk, merged_id=duplicate.pk, now=timezone.now())
    assert list(PipelineRow.objects.values_list("pk", flat=True)) == [kept.pk]
    assert "sourced → contacted by lead: Called" in kept.moves.last().reason


@pytest.mark.parametrize(
    "change",
    [
        lambda actor, row: services.pipeline_move(actor=actor, row=row, to_stage="contacted", reason="WeChat"),
        lambda actor, row: services.pipeline_override(actor=actor, row=row, reason="Client agreed"),
        lambda actor, row: services.placement_record(
            actor=actor,
            row=row,
            start_date=dt.date(2027, 1, 4),
            compensation=Decimal("1000000"),
            compensation_currency="CNY",
        ),
    ],
)
def test_a_row_removed_after_it_was_read_is_not_found_rather_than_a_server_error(world, change):
    # Another request erased the candidate (and so its rows) between this request's read and its lock.
    row = PipelineRow.objects.get(pk=add(world, world.candidate()))
    row.candidate.delete()
    with pytest.raises(Http404):
        change(world.lead.user, row)
    assert not PipelineRow.objects.exists() and not StageMove.objects.exists()
