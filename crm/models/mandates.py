"""Clients, their mandates (searches) and the pipeline of candidates on each.

A pipeline row's stage history (StageMove) is append-only: the database
refuses to update or delete a move (crm migration 0008) except when its row
goes with it (a candidate erased, a mandate deleted).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from talent.fields import (
    NOTES_MAX_LENGTH,
    REMARKS_MAX_LENGTH,
    bounded_text_field,
    calendar_constraints,
    text_length_constraints,
    validate_in_calendar,
)
from talent.history import tracked
from talent.models.candidates import Currency


class Client(models.Model):
    """A company we work for, with the terms of our agreement with it."""

    class FeeKind(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage of first-year cash"
        FIXED = "fixed", "Fixed fee"

    class OffLimits(models.TextChoices):
        NONE = "none", "No off-limits promise"
        WARN = "warn", "Warn"
        BLOCK = "block", "Block"

    company = models.OneToOneField("talent.Company", on_delete=models.PROTECT, related_name="client")
    fee_kind = models.CharField(max_length=12, choices=FeeKind.choices, default=FeeKind.PERCENTAGE)
    fee_percent = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="e.g. 25.00 for 25% of first-year cash."
    )
    fee_fixed = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    guarantee_days = models.PositiveSmallIntegerField(
        default=90, help_text="A placed candidate who leaves within this many days is replaced free."
    )
    off_limits = models.CharField(
        max_length=8,
        choices=OffLimits.choices,
        default=OffLimits.BLOCK,
        help_text="What our promise not to poach from this client does when its people are added to a search.",
    )
    off_limits_subsidiaries = models.BooleanField(
        default=True, help_text="The promise covers the client's subsidiaries too."
    )
    off_limits_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long the promise lasts after the last mandate with the client closes."
    )
    sectors = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text="Sectors the client works in; a non-compete restricting one of them restricts the client.",
    )
    notes = bounded_text_field(REMARKS_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company__name"]
        constraints = [
            models.CheckConstraint(
                # IS NOT NULL spelled out: a CHECK passes when it comes out NULL, so `fee_percent > 0` alone
                # let a percentage fee without a percentage through (and placing its candidate failed).
                condition=Q(
                    fee_kind="percentage",
                    fee_percent__isnull=False,
                    fee_percent__gt=0,
                    fee_percent__lte=100,
                    fee_fixed__isnull=True,
                )
                | Q(fee_kind="fixed", fee_fixed__isnull=False, fee_fixed__gt=0, fee_percent__isnull=True)
                & ~Q(fee_currency=""),
                name="client_fee_terms_complete",
                violation_error_message=(
                    "A percentage fee needs a percentage between 0 and 100; a fixed fee needs an amount and a currency."
                ),
            ),
            *text_length_constraints("client", notes=REMARKS_MAX_LENGTH),
        ]

    def __str__(self) -> str:
        return self.company.name


class ClientContact(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ClientApiKey(models.Model):
    """Links an API key of scope `client` to the client it reads for (accounts knows nothing of clients)."""

    token = models.OneToOneField("accounts.ApiToken", on_delete=models.CASCADE, related_name="client_link")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="api_keys")

    def __str__(self) -> str:
        return f"{self.token} → {self.client}"


@tracked()
class Mandate(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ON_HOLD = "on_hold", "On hold"
        FILLED = "filled", "Filled"
        CANCELLED = "cancelled", "Cancelled"

    ACTIVE = (Status.OPEN, Status.ON_HOLD)

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="mandates")
    title = models.CharField(max_length=200, help_text="The role, e.g. Head of pre-training.")
    band_min = models.ForeignKey(
        "talent.Band", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Lowest band."
    )
    band_max = models.ForeignKey(
        "talent.Band", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Highest band."
    )
    location = models.CharField(max_length=200, blank=True)
    budget = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Yearly compensation budget."
    )
    budget_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    owner = models.ForeignKey("accounts.Recruiter", on_delete=models.PROTECT, related_name="mandates")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="mandates")
    opened_on = models.DateField(validators=[validate_in_calendar])
    closed_on = models.DateField(null=True, blank=True, validators=[validate_in_calendar])
    is_confidential = models.BooleanField(
        "confidential", default=False, help_text="Hides the client's name from recruiters outside the team."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "on_hold"], closed_on__isnull=True)
                | Q(status__in=["filled", "cancelled"], closed_on__isnull=False),
                name="mandate_closed_on_matches_status",
                violation_error_message="A filled or cancelled mandate needs the day it closed (and only those).",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="mandate_dates_ordered",
                violation_error_message="A mandate cannot close before it opened.",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0) & ~Q(budget_currency=""),
                name="mandate_budget_has_currency",
                violation_error_message="Give the currency of the budget.",
            ),
            *calendar_constraints("mandate", days=("opened_on", "closed_on")),
        ]
        indexes = [models.Index(fields=["client", "status"], name="mandate_client_status_idx")]

    def __str__(self) -> str:
        # The title alone: a string cannot know who reads it, and a confidential search's client is a secret.
        return self.title


class Stage(models.TextChoices):
    SOURCED = "sourced", "Sourced"
    CONTACTED = "contacted", "Contacted"
    INTERESTED = "interested", "Interested"
    SUBMITTED = "submitted", "Submitted to client"
    CLIENT_INTERVIEW = "client_interview", "Client interview"
    OFFER = "offer", "Offer"
    PLACED = "placed", "Placed"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


@tracked()
class PipelineRow(models.Model):
    """A candidate on a mandate, at one stage; its moves are in StageMove."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="pipeline")
    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="pipeline_rows")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SOURCED)
    stage_changed_at = models.DateTimeField()
    # The first time the row reached "submitted": from then on the client sees the candidate's name.
    submitted_at = models.DateTimeField(null=True, blank=True)
    expected_start_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_in_calendar],
        help_text="When the candidate would start; non-compete conflicts are checked on this day (else today).",
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    override_reason = bounded_text_field(REMARKS_MAX_LENGTH, blank=True)
    override_conflicts = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mandate", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "candidate"],
                name="pipeline_candidate_once_per_mandate",
                violation_error_message="This candidate is already on this mandate.",
            ),
            models.CheckConstraint(
                condition=Q(overridden_at__isnull=True) | ~Q(override_reason=""),
                name="pipeline_override_has_reason",
                violation_error_message="An override needs a written reason.",
            ),
            *calendar_constraints("pipeline", days=("expected_start_on",)),
            *text_length_constraints("pipeline", override_reason=REMARKS_MAX_LENGTH),
        ]
        indexes = [models.Index(fields=["candidate", "stage"], name="pipeline_candidate_stage_idx")]

    def __str__(self) -> str:
        return f"{self.candidate_id} on {self.mandate_id}: {self.get_stage_display()}"


class StageMove(models.Model):
    """One move of a pipeline row, never rewritten (the database refuses UPDATE and DELETE)."""

    # The foreign key is the migration's own (ON DELETE CASCADE, crm 0008): the database deletes a row's
    # moves with the row, inside the key's trigger, which is the one delete the history allows.
    row = models.ForeignKey(PipelineRow, on_delete=models.DO_NOTHING, db_constraint=False, related_name="moves")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    moved_at = models.DateTimeField()
    reason = bounded_text_field(NOTES_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["row", "moved_at", "id"]
        indexes = [models.Index(fields=["row", "moved_at"], name="stagemove_row_moved_idx")]
        constraints = [*text_length_constraints("stagemove", reason=NOTES_MAX_LENGTH)]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class Placement(models.Model):
    row = models.OneToOneField(PipelineRow, on_delete=models.CASCADE, related_name="placement")
    start_date = models.DateField(validators=[validate_in_calendar])
    compensation = models.DecimalField(max_digits=14, decimal_places=2, help_text="First-year cash agreed.")
    compensation_currency = models.CharField(max_length=3, choices=Currency.choices)
    fee = models.DecimalField(max_digits=14, decimal_places=2)
    fee_currency = models.CharField(max_length=3, choices=Currency.choices)
    guarantee_ends_on = models.DateField()
    employment = models.ForeignKey(
        "talent.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(compensation__gt=0) & Q(fee__gte=0),
                name="placement_amounts_positive",
                violation_error_message="Compensation must be positive and the fee not negative.",
            ),
            models.CheckConstraint(
                condition=Q(guarantee_ends_on__gte=F("start_date")),
                name="placement_guarantee_after_start",
                violation_error_message="The guarantee cannot end before the start.",
            ),
            *calendar_constraints("placement", days=("start_date",)),
        ]

    def __str__(self) -> str:
        return f"Placement of row {self.row_id} from {self.start_date.isoformat()}"


__all__ = [
    "Client",
    "ClientApiKey",
    "ClientContact",
    "Mandate",
    "PipelineRow",
    "Placement",
    "Stage",
    "StageMove",
]
