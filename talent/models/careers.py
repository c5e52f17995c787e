from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from talent.fields import calendar_constraints, validate_in_calendar
from talent.history import tracked


@tracked()
class Employment(models.Model):
    """One stint of a career. An open end date means the candidate is there now."""

    class DepartureReason(models.TextChoices):
        NONE = "", "—"
        RESIGNED = "resigned", "Resigned"
        POACHED = "poached", "Poached / moved to a rival"
        FOUNDED = "founded", "Left to found a company"
        LAID_OFF = "laid_off", "Laid off"
        CONTRACT_END = "contract_end", "Contract ended"
        STUDIES = "studies", "Left to study"
        OTHER = "other", "Other"

    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="employments")
    company = models.ForeignKey("talent.Company", on_delete=models.PROTECT, related_name="employments")
    title = models.CharField(max_length=200)
    level = models.ForeignKey(
        "talent.Level",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employments",
        help_text="A level of this company's ladder.",
    )
    start_date = models.DateField(validators=[validate_in_calendar])
    end_date = models.DateField(
        null=True,
        blank=True,
        validators=[validate_in_calendar],
        help_text="Leave empty while the candidate is still there.",
    )
    departure_reason = models.CharField(max_length=20, choices=DepartureReason.choices, blank=True)
    departure_notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="employment_dates_ordered",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=False) | Q(departure_reason=""),
                name="employment_departure_needs_end",
                violation_error_message="A departure reason needs an end date.",
            ),
            # Lets a NonCompete point at (employment, candidate) with a
            # composite foreign key, so a window cannot cite another
            # candidate's job.
            models.UniqueConstraint(fields=["id", "candidate"], name="employment_id_candidate_unique"),
            *calendar_constraints("employment", days=("start_date", "end_date")),
        ]
        indexes = [
            models.Index(fields=["candidate", "end_date"], name="employment_candidate_end_idx"),
            models.Index(fields=["company", "end_date"], name="employment_company_end_idx"),
            # Moves are dated by the stint they led to: the latest moves and a period's moves read this.
            models.Index(fields=["start_date", "id"], name="employment_start_idx"),
        ]

    def __str__(self) -> str:
        end = self.end_date.isoformat() if self.end_date else "now"
        return f"{self.title} at {self.company.name} ({self.start_date.isoformat()} – {end})"

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date cannot be before the start date."
        if self.level_id and self.company_id and self.level.company_id != self.company_id:
            errors["level"] = f"{self.level} is not a level of {self.company.name}'s ladder."
        if self.departure_reason and not self.end_date:
            errors["departure_reason"] = "A departure reason needs an end date."
        if errors:
            raise ValidationError(errors)
