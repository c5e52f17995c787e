from django.db import models

from talent.fields import (
    NOTES_MAX_LENGTH,
    bounded_text_field,
    calendar_constraints,
    text_length_constraints,
    validate_in_calendar,
)


class Band(models.Model):
    """A cross-company seniority band: "senior staff" spans Alibaba P9, Google L7, ..."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="Higher is more senior.")

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class LevelLadder(models.Model):
    company = models.ForeignKey("talent.Company", on_delete=models.CASCADE, related_name="ladders")
    name = models.CharField(max_length=100, help_text='e.g. "Alibaba P (technical track)".')
    notes = bounded_text_field(NOTES_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["company__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "name"],
                name="ladder_unique_per_company",
                violation_error_message="This company already has a ladder of this name.",
            ),
            *text_length_constraints("ladder", notes=NOTES_MAX_LENGTH),
        ]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    ladder = models.ForeignKey(LevelLadder, on_delete=models.CASCADE, related_name="levels")
    # Copied from the ladder so that the database can check, with a composite
    # foreign key from Employment, that a stint's level is of its company.
    company = models.ForeignKey("talent.Company", on_delete=models.CASCADE, related_name="+", editable=False)
    code = models.CharField(max_length=20, help_text="e.g. P9, L8, 3-2.")
    label = models.CharField(max_length=100, blank=True, help_text="e.g. Senior Staff Engineer.")
    rank = models.PositiveSmallIntegerField(help_text="Order within the ladder; higher is more senior.")
    # The band of the most recent equivalence; kept by talent.services.levels.
    band = models.ForeignKey(
        Band, null=True, blank=True, on_delete=models.SET_NULL, related_name="levels", editable=False
    )

    class Meta:
        ordering = ["ladder", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["ladder", "code"],
                name="level_code_unique_per_ladder",
                violation_error_message="This ladder already has a level with this code.",
            ),
            models.UniqueConstraint(fields=["id", "company"], name="level_id_company_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ladder.company.name} {self.code}"

    def save(self, *args, **kwargs) -> None:
        self.company_id = self.ladder.company_id
        super().save(*args, **kwargs)


class LevelEquivalence(models.Model):
    """An observed mapping of a level to a band, with where it came from.

    Levels inflate over the years, so the same level may map to different bands
    at different dates; the latest observation wins.
    """

    class Confidence(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="equivalences")
    band = models.ForeignKey(Band, on_delete=models.PROTECT, related_name="equivalences")
    source = models.CharField(max_length=300)
    observed_on = models.DateField(validators=[validate_in_calendar])
    confidence = models.CharField(max_length=10, choices=Confidence.choices, default=Confidence.LOW)
    notes = bounded_text_field(NOTES_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["level", "-observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "observed_on", "source"],
                name="equivalence_unique_observation",
                violation_error_message="This observation of the level is already recorded.",
            ),
            *calendar_constraints("equivalence", days=("observed_on",)),
            *text_length_constraints("equivalence", notes=NOTES_MAX_LENGTH),
        ]

    def __str__(self) -> str:
        return f"{self.level} ≈ {self.band} ({self.observed_on}, {self.confidence})"
