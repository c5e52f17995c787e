"""The record of every export: who took which rows out of Talentbase, how, and when."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ExportKind(models.TextChoices):
    CANDIDATES = "candidates", "Candidate list"
    PIPELINE = "pipeline", "Mandate pipeline"
    MOVES = "moves", "Moves feed"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ExportVia(models.TextChoices):
    API = "api", "API"
    ADMIN = "admin", "Admin"


class ExportRecord(models.Model):
    """One export (a download), written by crm.exports.services whether it came through the API or the admin.

    The row is written when the download starts and finished (count, end time)
    when its last row is sent: a record without `finished_at` is a download
    that was interrupted, with the rows sent until then.
    """

    Kind = ExportKind
    Format = ExportFormat
    Via = ExportVia

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="exports", editable=False
    )
    # Kept when the user is deleted: the record says who, whatever happens to the account.
    username = models.CharField(max_length=150, editable=False)
    api_key_name = models.CharField(
        max_length=100, blank=True, editable=False, help_text="The API key used, if any (its name)."
    )
    kind = models.CharField(max_length=12, choices=ExportKind.choices)
    file_format = models.CharField(max_length=4, choices=ExportFormat.choices)
    via = models.CharField(max_length=5, choices=ExportVia.choices)
    mandate = models.ForeignKey(
        "crm.Mandate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    query = models.TextField(blank=True, help_text="The filters as sent (the query string, or the admin's selection).")
    row_count = models.PositiveIntegerField(default=0, help_text="Rows sent.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True, help_text="Empty: the download was interrupted.")

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ExportKind.values), name="export_kind_known"),
            models.CheckConstraint(condition=Q(file_format__in=ExportFormat.values), name="export_format_known"),
            models.CheckConstraint(condition=Q(via__in=ExportVia.values), name="export_via_known"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                name="export_finishes_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "-started_at"], name="export_user_started_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} as {self.file_format} by {self.username}, {self.row_count} rows"
