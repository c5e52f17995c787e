"""Imports of candidates from CSV and XLSX files (crm.imports): saved column mappings, jobs and their rows.

The uploaded file is parsed once and not kept: its mapped cells live in
ImportRow, where erasure can find and remove a person (crm.imports.forget_import_rows).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from talent.models import Candidate


class NameMatch(models.TextChoices):
    """What to do with a row that matches an existing person by name and employer but shares no contact."""

    MERGE = "merge", "Merge into the existing person"
    FLAG = "flag", "Create and list as a possible duplicate"


class ImportSource(models.Model):
    """Where files come from (a fair's list, a sourcing vendor): how their columns map, and what rows record."""

    name = models.CharField(max_length=100, unique=True)
    mapping = models.JSONField(
        default=dict, blank=True, help_text='Column header → target field, e.g. {"邮箱": "email"}.'
    )
    candidate_source = models.CharField(max_length=20, choices=Candidate.Source.choices, default=Candidate.Source.OTHER)
    source_detail = models.CharField(max_length=300, blank=True, help_text="Recorded on every imported person.")
    lawful_basis = models.CharField(
        max_length=20,
        choices=Candidate.LawfulBasis.choices,
        default=Candidate.LawfulBasis.LEGITIMATE_INTEREST,
        help_text="Recorded on every imported person unless a row gives its own.",
    )
    create_unknown_companies = models.BooleanField(
        default=False,
        help_text="Create a company a row names that matches no company or alias; otherwise refuse the row.",
    )
    on_name_match = models.CharField(max_length=10, choices=NameMatch.choices, default=NameMatch.MERGE)
    owner = models.ForeignKey(
        "accounts.Recruiter", null=True, blank=True, on_delete=models.PROTECT, related_name="import_sources"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lawful_basis__in=Candidate.LawfulBasis.values) & ~Q(lawful_basis=""),
                name="import_source_lawful_basis_known",
                violation_error_message="Choose the lawful basis imported people are held on.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportState(models.TextChoices):
    PLANNING = "planning", "Dry run in progress"
    PREVIEWED = "previewed", "Dry run done"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ImportJob(models.Model):
    """One uploaded file: its options (copied from the source), its rows' plan and the progress of the run."""

    State = ImportState
    Format = ImportFormat

    source = models.ForeignKey(ImportSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs")
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=10, choices=ImportFormat.choices)
    # The options the rows are planned and run with, fixed at upload.
    mapping = models.JSONField(default=dict)
    candidate_source = models.CharField(max_length=20, choices=Candidate.Source.choices)
    source_detail = models.CharField(max_length=300, blank=True)
    lawful_basis = models.CharField(max_length=20, choices=Candidate.LawfulBasis.choices)
    create_unknown_companies = models.BooleanField(default=False)
    on_name_match = models.CharField(max_length=10, choices=NameMatch.choices, default=NameMatch.MERGE)
    owner = models.ForeignKey("accounts.Recruiter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    state = models.CharField(max_length=20, choices=ImportState.choices, default=ImportState.PLANNING)
    batch_size = models.PositiveIntegerField()
    rows_total = models.PositiveIntegerField(default=0)
    rows_planned = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the job stopped, when it failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written with every batch: a job queued or running whose heartbeat is old and whose lock is free lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(batch_size__gte=1), name="import_job_batch_size_positive"),
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")) & Q(rows_planned__lte=F("rows_total")),
                name="import_job_progress_bounded",
            ),
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(team__isnull=False),
                name="import_job_has_owner_or_team",
                violation_error_message="Imported people need an owner or a responsible team.",
            ),
        ]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="import_job_state_idx")]

    def __str__(self) -> str:
        return f"Import #{self.pk} ({self.file_name})"


class ImportAction(models.TextChoices):
    CREATE = "create", "Create"
    UPDATE = "update", "Update (same contact)"
    MERGE = "merge", "Merge (same name and employer)"
    REFUSE = "refuse", "Refuse"


class ImportResult(models.TextChoices):
    PENDING = "", "—"
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    MERGED = "merged", "Merged"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"


class ImportRow(models.Model):
    """One data row of a file: its mapped cells, what the dry run plans and what the run did."""

    Action = ImportAction
    Result = ImportResult

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(help_text="The line in the file (the header is line 1).")
    cells = models.JSONField(default=dict, help_text="Mapped column header → cell text.")
    action = models.CharField(max_length=10, choices=ImportAction.choices, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    result = models.CharField(max_length=10, choices=ImportResult.choices, blank=True, default=ImportResult.PENDING)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="import_row_number_unique"),
            models.CheckConstraint(condition=Q(done=False) | ~Q(result=""), name="import_row_done_has_result"),
        ]
        indexes = [
            models.Index(fields=["job", "done", "number"], name="import_row_progress_idx"),
            models.Index(fields=["candidate"], name="import_row_candidate_idx"),
        ]

    def __str__(self) -> str:
        return f"Row {self.number} of import #{self.job_id}"
