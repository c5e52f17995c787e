"""Likely duplicate candidates, and the tombstones of merged-away ones (talent.duplicates)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q


class DuplicateKey(models.Model):
    """One match key of a candidate ("email:louisyang@gmail.com", "native:阳陆育@12").

    Derived from the candidate's names, contacts and stints by
    talent.duplicates.keys and kept by talent.duplicates.detection; two
    candidates sharing a key are a likely pair. Indexed by key, so finding a
    candidate's matches is a handful of index look-ups, never a scan.
    """

    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="duplicate_keys")
    key = models.CharField(max_length=400)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "key"], name="duplicate_key_unique_per_candidate"),
        ]
        indexes = [models.Index(fields=["key", "candidate"], name="duplicate_key_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.key} of candidate #{self.candidate_id}"


class DuplicatePair(models.Model):
    """Two candidates that are likely one person, with why and how likely (0-100).

    Stored once per pair, the lower id first. A dismissed pair stays
    dismissed whatever later refreshes find; its reasons are still kept current.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed (not the same person)"

    low = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="duplicate_pairs_low")
    high = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="duplicate_pairs_high")
    reasons = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    score = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "low_id", "high_id"]
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=Q(low__lt=F("high")),
                name="duplicate_pair_low_below_high",
                violation_error_message="A pair names two different candidates, the lower id first.",
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="duplicate_pair_score_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["high"], name="duplicate_pair_high_idx"),
            models.Index(fields=["status", "-score"], name="duplicate_pair_status_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.low_id} ≈ #{self.high_id} ({self.score})"


class CandidateMerge(models.Model):
    """The tombstone of a candidate merged into another: its old id keeps resolving to the survivor.

    `merged_values` is the merged-away candidate's own fields as they were,
    `replaced_values` the survivor's values that the merge replaced, so no
    value is lost even when it fitted nowhere on the survivor.
    """

    merged_id = models.BigIntegerField(unique=True, help_text="The id of the candidate merged away.")
    survivor = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="absorbed")
    merged_was_confidential = models.BooleanField(default=False)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField()
    field_choices = models.JSONField(default=dict, help_text='Per field, whose value won: "survivor" or "merged".')
    merged_values = models.JSONField(default=dict)
    replaced_values = models.JSONField(default=dict)
    aliases_added = ArrayField(models.CharField(max_length=100), default=list, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_id=F("survivor")),
                name="candidate_merge_not_into_itself",
                violation_error_message="A candidate cannot be merged into itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.merged_id} merged into #{self.survivor_id}"
