"""Records of privacy actions. None of them holds a name or a contact: they outlive the person."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from talent.models.candidates import Currency


class ErasureReason(models.TextChoices):
    REQUEST = "request", "The person asked to be forgotten (GDPR art. 17, PIPL art. 47)"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    PURPOSE_MET = "purpose_met", "Purpose of processing met"
    RETENTION = "retention", "Retention period passed"
    UNLAWFUL = "unlawful", "Processed unlawfully"


class PrivacyVia(models.TextChoices):
    API = "api", "API"
    ADMIN = "admin", "Admin"
    COMMAND = "command", "Command"


class ErasureRecord(models.Model):
    """That candidate #id was erased, when, by whom and why; with how many rows went."""

    Reason = ErasureReason
    Via = PrivacyVia

    candidate_id = models.BigIntegerField(help_text="The id the erased candidate had.")
    erased_at = models.DateTimeField()
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the account is deleted.
    username = models.CharField(max_length=150, blank=True)
    reason = models.CharField(max_length=20, choices=ErasureReason.choices)
    via = models.CharField(max_length=8, choices=PrivacyVia.choices)
    suppressed = models.BooleanField(help_text="Whether the person's contacts were added to the suppression list.")
    counts = models.JSONField(default=dict, help_text="Rows removed or scrubbed, by kind.")

    class Meta:
        ordering = ["-erased_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=ErasureReason.values), name="erasure_reason_known"),
            models.CheckConstraint(condition=Q(via__in=PrivacyVia.values), name="erasure_via_known"),
        ]

    def __str__(self) -> str:
        return f"Candidate #{self.candidate_id} erased on {self.erased_at:%Y-%m-%d} ({self.reason})"


class AnonymisedPlacement(models.Model):
    """The accounting facts of an erased person's placement: which search, which client, what fee. No person."""

    erasure = models.ForeignKey(ErasureRecord, on_delete=models.PROTECT, related_name="placements")
    client = models.ForeignKey("crm.Client", on_delete=models.PROTECT, related_name="+")
    mandate = models.ForeignKey("crm.Mandate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mandate_title = models.CharField(max_length=200)
    placed_on = models.DateField(help_text="The start date of the placement.")
    fee = models.DecimalField(max_digits=14, decimal_places=2)
    fee_currency = models.CharField(max_length=3, choices=Currency.choices)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-placed_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(fee__gte=0), name="anonymised_placement_fee_not_negative")]

    def __str__(self) -> str:
        return f"Placement on {self.mandate_title} from {self.placed_on.isoformat()}: {self.fee} {self.fee_currency}"


class PersonalDataExport(models.Model):
    """One access export (GDPR arts. 15 and 20, PIPL art. 45): who took candidate #id's data, and when."""

    Via = PrivacyVia

    candidate_id = models.BigIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    via = models.CharField(max_length=8, choices=PrivacyVia.choices)
    exported_at = models.DateTimeField()

    class Meta:
        ordering = ["-exported_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(via__in=PrivacyVia.values), name="personal_export_via_known")]
        indexes = [models.Index(fields=["candidate_id"], name="personal_export_candidate_idx")]

    def __str__(self) -> str:
        return f"Personal data of candidate #{self.candidate_id} exported by {self.username or 'a system user'}"


class RetentionDecision(models.TextChoices):
    KEEP = "keep", "Keep"
    ANONYMISE = "anonymise", "Anonymise"


class RetentionReview(models.Model):
    """A reviewer's decision on an inactive candidate; the latest one counts."""

    Decision = RetentionDecision

    candidate = models.ForeignKey("talent.Candidate", on_delete=models.CASCADE, related_name="retention_reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=RetentionDecision.choices)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(decision__in=RetentionDecision.values), name="retention_decision_known")
        ]
        indexes = [models.Index(fields=["candidate", "-decided_at"], name="retention_review_candidate_idx")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} candidate #{self.candidate_id} ({self.decided_at:%Y-%m-%d})"
