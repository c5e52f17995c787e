"""Writes of clients, mandates and the pipeline; the API, the admin and the demo seeder all call these."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import ApiToken
from accounts.roles import recruiter_of
from accounts.services import token_create
from crm.mandates import conflicts
from crm.mandates.access import check_may_lead, check_may_run
from crm.models import Client, ClientApiKey, ClientContact, Mandate, PipelineRow, Placement, Stage, StageMove
from talent.access import candidate_rights, check_may_edit
from talent.models import Candidate, Employment
from talent.services import assign_validated, check_fields, employment_create, employment_update

CLIENT_FIELDS = frozenset(
    {
        "fee_kind",
        "fee_percent",
        "fee_fixed",
        "fee_currency",
        "guarantee_days",
        "off_limits",
        "off_limits_subsidiaries",
        "off_limits_months",
        "sectors",
        "notes",
    }
)
MANDATE_FIELDS = frozenset(
    {
        "title",
        "band_min",
        "band_max",
        "location",
        "budget",
        "budget_currency",
        "status",
        "owner",
        "team",
        "opened_on",
        "closed_on",
        "is_confidential",
    }
)
ADMINS_ONLY = "Only admins may change clients and their keys."

# Where a row may go from each stage. Placed only through placement_record; a
# rejected or withdrawn row goes back to where it left, with a reason.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.SOURCED: frozenset({Stage.CONTACTED, Stage.INTERESTED, Stage.SUBMITTED, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.CONTACTED: frozenset({Stage.INTERESTED, Stage.SUBMITTED, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.INTERESTED: frozenset({Stage.SUBMITTED, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.SUBMITTED: frozenset({Stage.CLIENT_INTERVIEW, Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.CLIENT_INTERVIEW: frozenset({Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.OFFER: frozenset({Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN}),
    Stage.PLACED: frozenset(),
    Stage.REJECTED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}
CLOSED_STAGES = frozenset({Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN})
EXITS = frozenset({Stage.REJECTED, Stage.WITHDRAWN})


def _check_admin(actor) -> None:
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied(ADMINS_ONLY)


@transaction.atomic
def client_create(*, actor, company, contacts: list[dict] | None = None, **fields) -> Client:
    _check_admin(actor)
    check_fields(fields, CLIENT_FIELDS, "client")
    client = Client(company=company, **fields)
    client.full_clean()
    client.save()
    for contact in contacts or []:
        _contact_add(client=client, **contact)
    return client


@transaction.atomic
def client_update(*, actor, client: Client, contacts: list[dict] | None = None, **fields) -> Client:
    _check_admin(actor)
    assign_validated(client, fields=fields, allowed=CLIENT_FIELDS, what="client")
    client.save()
    if contacts is not None:
        client.contacts.all().delete()
        for contact in contacts:
            _contact_add(client=client, **contact)
    return client


def _contact_add(*, client: Client, **fields) -> ClientContact:
    contact = ClientContact(client=client, **fields)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def client_key_create(
    *, actor, client: Client, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A read-only key for one client; it belongs to the client's own sign-in-less user."""
    _check_admin(actor)
    user, _ = get_user_model().objects.get_or_create(
        username=f"client-{client.pk}", defaults={"first_name": client.company.name[:150], "is_active": True}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    token, raw = token_create(user=user, name=name, scope=ApiToken.Scope.CLIENT, expires_at=expires_at)
    ClientApiKey.objects.create(token=token, client=client)
    return token, raw


def _check_owner_and_team(actor, *, owner, team) -> None:
    """A recruiter opens mandates for themselves or their own team; admins for anyone."""
    if getattr(actor, "is_superuser", False):
        return
    recruiter = recruiter_of(actor)
    if recruiter is None:
        raise PermissionDenied("Only recruiters and admins may open mandates.")
    owner_team = getattr(owner, "team_id", None)
    if owner is not None and owner.pk != recruiter.pk and (owner_team is None or owner_team != recruiter.team_id):
        raise PermissionDenied("A recruiter may open mandates only for themselves or their own team.")
    if team is not None and team.pk != recruiter.team_id:
        raise PermissionDenied("A recruiter may open mandates only for themselves or their own team.")


@transaction.atomic
def mandate_create(*, actor, client: Client, **fields) -> Mandate:
    check_fields(fields, MANDATE_FIELDS, "mandate")
    fields.setdefault("owner", recruiter_of(actor))
    _check_owner_and_team(actor, owner=fields.get("owner"), team=fields.get("team"))
    mandate = Mandate(client=client, **fields)
    _validate_mandate(mandate)
    mandate.save()
    return mandate


@transaction.atomic
def mandate_update(*, actor, mandate: Mandate, **fields) -> Mandate:
    check_may_run(actor, mandate)
    if "owner" in fields or "team" in fields:
        _check_owner_and_team(actor, owner=fields.get("owner", mandate.owner), team=fields.get("team", mandate.team))
    check_fields(fields, MANDATE_FIELDS, "mandate")
    for name, value in fields.items():
        setattr(mandate, name, value)
    _validate_mandate(mandate)
    mandate.save()
    return mandate


def _validate_mandate(mandate: Mandate) -> None:
    mandate.full_clean()
    low, high = mandate.band_min, mandate.band_max
    if low is not None and high is not None and low.rank > high.rank:
        raise ValidationError({"band_max": "The highest band cannot be below the lowest."})


def _conflicts_of(row: PipelineRow, today: dt.date) -> list[conflicts.Conflict]:
    return conflicts.conflicts_for([row], today=today)[row.pk]


def _check_conflicts(row: PipelineRow, *, actor, override_reason: str, now: dt.datetime) -> None:
    """Refuse a row with a standing blocking conflict, unless overridden here with a written reason."""
    found = _conflicts_of(row, timezone.localdate(now))
    if not conflicts.blocking(found):
        return
    if not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": [
                    "Blocked: " + "; ".join(c.reason for c in conflicts.blocking(found)),
                    "Give a written reason to override.",
                ]
            }
        )
    check_may_lead(actor, row.mandate)
    _record_override(row, actor=actor, reason=override_reason, found=found, now=now)


def _record_override(row: PipelineRow, *, actor, reason: str, found, now: dt.datetime) -> None:
    row.override_reason = reason.strip()
    row.override_conflicts = sorted({c.key for c in found} | set(row.override_conflicts or ()))
    row.overridden_by = actor
    row.overridden_at = now


def _move(row: PipelineRow, *, actor, to_stage: str, reason: str, now: dt.datetime, from_stage: str = "") -> None:
    StageMove.objects.create(
        row=row, from_stage=from_stage, to_stage=to_stage, moved_by=actor, moved_at=now, reason=reason
    )


def pipeline_add_check(
    *,
    actor,
    mandate: Mandate,
    candidate: Candidate,
    override_reason: str = "",
    row: PipelineRow | None = None,
    now: dt.datetime | None = None,
) -> PipelineRow:
    """Everything pipeline_add refuses, without writing: the row it would add (override recorded on it)."""
    now = now or timezone.now()
    check_may_run(actor, mandate)
    if not candidate_rights(actor, candidate).identity_cleared:
        raise ValidationError({"candidate": "You are not cleared for this candidate."})
    if mandate.status not in Mandate.ACTIVE:
        raise ValidationError({"mandate": "This mandate is closed."})
    if PipelineRow.objects.filter(mandate=mandate, candidate=candidate).exists():
        raise ValidationError({"candidate": "This candidate is already on this mandate."})
    row = row or PipelineRow(mandate=mandate, candidate=candidate, stage=Stage.SOURCED, stage_changed_at=now)
    row.full_clean(exclude=["added_by", "overridden_by"], validate_unique=False, validate_constraints=False)
    _check_conflicts(row, actor=actor, override_reason=override_reason, now=now)
    return row


@transaction.atomic
def pipeline_add(
    *,
    actor,
    mandate: Mandate,
    candidate: Candidate,
    reason: str = "",
    override_reason: str = "",
    expected_start_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> PipelineRow:
    """Put a candidate on a mandate as sourced, after the conflict checks."""
    now = now or timezone.now()
    row = PipelineRow(
        mandate=mandate,
        candidate=candidate,
        stage=Stage.SOURCED,
        stage_changed_at=now,
        expected_start_on=expected_start_on,
        added_by=actor,
    )
    pipeline_add_check(
        actor=actor, mandate=mandate, candidate=candidate, override_reason=override_reason, row=row, now=now
    )
    row.save()
    _move(row, actor=actor, to_stage=Stage.SOURCED, reason=reason, now=now)
    return row


def _locked(row: PipelineRow) -> PipelineRow:
    """The row again, locked; 404 when a concurrent request removed it (or its candidate) since it was read."""
    rows = PipelineRow.objects.select_for_update(of=("self",)).select_related("mandate__client__company")
    return get_object_or_404(rows, pk=row.pk)


def pipeline_move_check(
    *,
    actor,
    row: PipelineRow,
    to_stage: str,
    reason: str = "",
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Everything pipeline_move refuses, without writing (an override is recorded on `row`, unsaved)."""
    now = now or timezone.now()
    check_may_run(actor, row.mandate)
    from_stage = row.stage
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": f"Unknown stage {to_stage!r}."})
    if to_stage == Stage.PLACED:
        raise ValidationError({"to_stage": "Record a placement (start date, compensation) to place a candidate."})
    if from_stage in EXITS:
        _check_reopen(row, to_stage=to_stage, reason=reason)
    elif to_stage not in TRANSITIONS[from_stage]:
        allowed = ", ".join(sorted(TRANSITIONS[from_stage])) or "nowhere"
        raise ValidationError(
            {"to_stage": f"A row at {from_stage} cannot move to {to_stage}; it may move to: {allowed}."}
        )
    if to_stage not in EXITS and row.mandate.status not in Mandate.ACTIVE:
        raise ValidationError({"to_stage": "This mandate is closed: its rows may only be rejected or withdrawn."})
    if to_stage == Stage.SUBMITTED:
        _check_conflicts(row, actor=actor, override_reason=override_reason, now=now)


@transaction.atomic
def pipeline_move(
    *,
    actor,
    row: PipelineRow,
    to_stage: str,
    reason: str = "",
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> PipelineRow:
    """Move a row along the transition table; a rejected or withdrawn row is reopened with a reason."""
    now = now or timezone.now()
    row = _locked(row)
    from_stage = row.stage
    pipeline_move_check(
        actor=actor, row=row, to_stage=to_stage, reason=reason, override_reason=override_reason, now=now
    )
    if to_stage == Stage.SUBMITTED:
        row.submitted_at = row.submitted_at or now
    row.stage = to_stage
    row.stage_changed_at = now
    row.save()
    _move(row, actor=actor, to_stage=to_stage, reason=reason, now=now, from_stage=from_stage)
    return row


def _check_reopen(row: PipelineRow, *, to_stage: str, reason: str) -> None:
    left_from = row.moves.order_by("-moved_at", "-id").values_list("from_stage", flat=True).first()
    if to_stage != left_from:
        raise ValidationError({"to_stage": f"A {row.stage} row is reopened to the stage it left: {left_from}."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the row is reopened."})


@transaction.atomic
def pipeline_override(*, actor, row: PipelineRow, reason: str, now: dt.datetime | None = None) -> PipelineRow:
    """Accept the row's current conflicts with a written reason (new conflicts are not covered)."""
    now = now or timezone.now()
    check_may_lead(actor, row.mandate)
    if not reason.strip():
        raise ValidationError({"reason": "An override needs a written reason."})
    row = _locked(row)
    found = _conflicts_of(row, timezone.localdate(now))
    if not found:
        raise ValidationError({"reason": "This row has no conflict to override."})
    _record_override(row, actor=actor, reason=reason, found=found, now=now)
    row.save(update_fields=["override_reason", "override_conflicts", "overridden_by", "overridden_at", "updated_at"])
    return row


def placement_fee(client: Client, *, compensation: Decimal, currency: str) -> tuple[Decimal, str]:
    """The fee the client's terms give for a first-year cash of `compensation` in `currency`."""
    if client.fee_kind == Client.FeeKind.FIXED:
        return client.fee_fixed, client.fee_currency
    if client.fee_currency and client.fee_currency != currency:
        raise ValidationError(
            {"compensation_currency": f"{client} is billed in {client.fee_currency}; give the compensation in it."}
        )
    fee = (compensation * client.fee_percent / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return fee, currency


@transaction.atomic
def placement_record(
    *,
    actor,
    row: PipelineRow,
    start_date: dt.date,
    compensation: Decimal,
    compensation_currency: str,
    now: dt.datetime | None = None,
) -> Placement:
    """Place the candidate: fee from the client's terms, the open stint ended the day before the start,
    a new stint at the client, the guarantee started, the row placed and the mandate filled."""
    now = now or timezone.now()
    check_may_run(actor, row.mandate)
    row = _locked(row)
    if row.stage != Stage.OFFER:
        raise ValidationError({"row": f"Only a row at offer can be placed; this one is at {row.stage}."})
    candidate = get_object_or_404(Candidate.objects.select_for_update(), pk=row.candidate_id)
    check_may_edit(actor, candidate)
    row.expected_start_on = start_date
    blocked = conflicts.blocking(_conflicts_of(row, timezone.localdate(now)))
    if blocked:
        raise ValidationError({"start_date": ["Blocked: " + "; ".join(c.reason for c in blocked)]})
    client, mandate = row.mandate.client, row.mandate
    if compensation is None or compensation <= 0:
        raise ValidationError({"compensation": "Give the first-year cash agreed."})
    fee, fee_currency = placement_fee(client, compensation=compensation, currency=compensation_currency)
    for stint in Employment.objects.filter(candidate=candidate, end_date__isnull=True):
        if stint.start_date >= start_date:
            raise ValidationError({"start_date": f"The candidate's current job started on {stint.start_date}."})
        employment_update(
            employment=stint,
            end_date=start_date - dt.timedelta(days=1),
            departure_reason=Employment.DepartureReason.POACHED,
        )
    stint = employment_create(candidate=candidate, company=client.company, title=mandate.title, start_date=start_date)
    placement = Placement(
        row=row,
        start_date=start_date,
        compensation=compensation,
        compensation_currency=compensation_currency,
        fee=fee,
        fee_currency=fee_currency,
        guarantee_ends_on=start_date + dt.timedelta(days=client.guarantee_days),
        employment=stint,
        placed_by=actor,
    )
    placement.full_clean(exclude=["row", "employment", "placed_by"])
    placement.save()
    from_stage = row.stage
    row.stage, row.stage_changed_at = Stage.PLACED, now
    row.save()
    _move(row, actor=actor, to_stage=Stage.PLACED, reason="", now=now, from_stage=from_stage)
    if mandate.status in Mandate.ACTIVE:
        mandate.status, mandate.closed_on = Mandate.Status.FILLED, max(timezone.localdate(now), mandate.opened_on)
        mandate.save(update_fields=["status", "closed_on", "updated_at"])
    return placement
