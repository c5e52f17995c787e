from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from talent.fields import (
    NOTES_MAX_LENGTH,
    bounded_text_field,
    calendar_constraints,
    text_length_constraints,
    validate_in_calendar,
)
from talent.history import tracked
from talent.models.candidates import Currency
from talent.noncompete_rules import JURISDICTION_CHOICES


@tracked()
class NonCompete(models.Model):
    """A non-compete (竞业限制) window binding a candidate after leaving an employer.

    The contractual end is what the paper says; the enforceable end is what the
    law of the jurisdiction allows and is computed (talent.noncompetes), never typed.
    Whether a window has ended is computed too (talent.noncompetes.window_state):
    the status only records how it was ended early, and by whom.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        WAIVED = "waived", "Waived by the employer"
        RELEASED = "released", "Released early by the employer"
        TERMINATED = "terminated", "Ended by the candidate (compensation unpaid)"

    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="noncompetes")
    employer = models.ForeignKey("talent.Company", on_delete=models.PROTECT, related_name="noncompetes_imposed")
    employment = models.ForeignKey(
        "talent.Employment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="noncompetes",
        help_text="The stint the restriction came from.",
    )
    starts_on = models.DateField(validators=[validate_in_calendar], help_text="Usually the day after the departure.")
    contractual_end = models.DateField(
        validators=[validate_in_calendar], help_text="The last restricted day according to the contract."
    )
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTION_CHOICES, default="CN")
    restricted_companies = models.ManyToManyField("talent.Company", blank=True, related_name="+")
    restricted_sectors = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    region = models.CharField(
        max_length=200, blank=True, help_text="Where the restriction applies, e.g. mainland China."
    )

    monthly_compensation = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    compensation_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    last_monthly_pay = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The last monthly pay before leaving; Germany requires compensation of at least half of it.",
    )
    last_monthly_pay_currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    compensation_paid = models.BooleanField(default=True, help_text="Is the employer paying the monthly compensation?")
    unpaid_since = models.DateField(
        null=True, blank=True, validators=[validate_in_calendar], help_text="First month the compensation was not paid."
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    ended_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_in_calendar],
        help_text=(
            "For a waiver, an early release or a termination: the day the restriction ended. "
            "An employer's waiver may come before the window starts (even before the job ends)."
        ),
    )
    notes = bounded_text_field(NOTES_MAX_LENGTH, blank=True)
    # Derived from the fields above and the departure date of `employment` by
    # talent.noncompetes.enforceable_end, and stored by the services
    # (talent.services.noncompete_refresh_end) so that filters and the reminder
    # sweep can use an index. None: the restriction never bound.
    enforceable_end = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "non-compete window"
        ordering = ["-starts_on", "-id"]
        constraints = [
            *calendar_constraints("noncompete", days=("starts_on", "contractual_end", "unpaid_since", "ended_on")),
            *text_length_constraints("noncompete", notes=NOTES_MAX_LENGTH),
            models.CheckConstraint(
                condition=Q(contractual_end__gte=F("starts_on")),
                name="noncompete_dates_ordered",
                violation_error_message="The contractual end cannot be before the start.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["waived", "released", "terminated"], ended_on__isnull=False)
                | Q(status="active", ended_on__isnull=True),
                name="noncompete_ended_on_matches_status",
                violation_error_message="A waived, released or terminated window needs the day it ended (and only those).",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(status="waived") | Q(ended_on__gte=F("starts_on")),
                name="noncompete_ended_after_start_unless_waived",
                violation_error_message="Only an employer's waiver can come before the window starts.",
            ),
            models.CheckConstraint(
                condition=Q(monthly_compensation__isnull=True)
                | (Q(monthly_compensation__gte=0) & ~Q(compensation_currency="")),
                name="noncompete_compensation_has_currency",
                violation_error_message="Give the currency of the monthly compensation.",
            ),
            models.CheckConstraint(
                condition=Q(last_monthly_pay__isnull=True)
                | (Q(last_monthly_pay__gte=0) & ~Q(last_monthly_pay_currency="")),
                name="noncompete_last_pay_has_currency",
                violation_error_message="Give the currency of the last monthly pay.",
            ),
            models.CheckConstraint(
                condition=Q(compensation_paid=True, unpaid_since__isnull=True) | Q(compensation_paid=False),
                name="noncompete_unpaid_since_only_when_unpaid",
                violation_error_message="'Unpaid since' only applies when compensation is not being paid.",
            ),
        ]
        indexes = [
            models.Index(fields=["enforceable_end"], name="noncompete_enforceable_end_idx"),
            models.Index(fields=["candidate", "enforceable_end"], name="noncompete_candidate_end_idx"),
            # The reminder planner looks up windows changed since its last run.
            models.Index(fields=["updated_at"], name="noncompete_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"Non-compete with {self.employer.name} from {self.starts_on.isoformat()}"

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.contractual_end and self.contractual_end < self.starts_on:
            errors["contractual_end"] = "The contractual end cannot be before the start."
        ends_early = self.status in {self.Status.WAIVED, self.Status.RELEASED, self.Status.TERMINATED}
        if ends_early and not self.ended_on:
            errors["ended_on"] = f"Give the day the window was {self.get_status_display().lower()}."
        if not ends_early and self.ended_on:
            errors["ended_on"] = "Only a waived, released or terminated window has an end day."
        if self.ended_on and self.starts_on and self.ended_on < self.starts_on and self.status != self.Status.WAIVED:
            errors["ended_on"] = "Only an employer's waiver can come before the window starts."
        if self.monthly_compensation is not None and not self.compensation_currency:
            errors["compensation_currency"] = "Give the currency of the monthly compensation."
        if self.last_monthly_pay is not None and not self.last_monthly_pay_currency:
            errors["last_monthly_pay_currency"] = "Give the currency of the last monthly pay."
        if self.compensation_paid and self.unpaid_since:
            errors["unpaid_since"] = "'Unpaid since' only applies when compensation is not being paid."
        if self.employment_id and self.candidate_id and self.employment.candidate_id != self.candidate_id:
            errors["employment"] = "This stint belongs to another candidate."
        if errors:
            raise ValidationError(errors)
