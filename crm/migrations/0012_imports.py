# Imports of candidates (crm.imports): sources with their column mapping, jobs and their rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_client_key_scope"),
        ("crm", "0011_privacy"),
        ("talent", "0020_list_facts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True)),
                (
                    "mapping",
                    models.JSONField(
                        blank=True, default=dict, help_text='Column header → target field, e.g. {"邮箱": "email"}.'
                    ),
                ),
                (
                    "candidate_source",
                    models.CharField(
                        choices=[
                            ("referral", "Referral"),
                            ("linkedin", "LinkedIn"),
                            ("event", "Event"),
                            ("research", "Research / mapping"),
                            ("inbound", "Inbound"),
                            ("paper", "Paper or open source"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                (
                    "source_detail",
                    models.CharField(blank=True, help_text="Recorded on every imported person.", max_length=300),
                ),
                (
                    "lawful_basis",
                    models.CharField(
                        choices=[
                            ("", "Not recorded"),
                            ("consent", "Consent given"),
                            ("public", "Publicly disclosed information"),
                            ("legitimate_interest", "Legitimate interest (GDPR)"),
                        ],
                        default="legitimate_interest",
                        help_text="Recorded on every imported person unless a row gives its own.",
                        max_length=20,
                    ),
                ),
                (
                    "create_unknown_companies",
                    models.BooleanField(
                        default=False,
                        help_text="Create a company a row names that matches no company or alias; otherwise refuse the row.",
                    ),
                ),
                (
                    "on_name_match",
                    models.CharField(
                        choices=[
                            ("merge", "Merge into the existing person"),
                            ("flag", "Create and list as a possible duplicate"),
                        ],
                        default="merge",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="import_sources",
                        to="accounts.recruiter",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.team",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file_name", models.CharField(max_length=255)),
                ("file_format", models.CharField(choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")], max_length=10)),
                ("mapping", models.JSONField(default=dict)),
                (
                    "candidate_source",
                    models.CharField(
                        choices=[
                            ("referral", "Referral"),
                            ("linkedin", "LinkedIn"),
                            ("event", "Event"),
                            ("research", "Research / mapping"),
                            ("inbound", "Inbound"),
                            ("paper", "Paper or open source"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("source_detail", models.CharField(blank=True, max_length=300)),
                (
                    "lawful_basis",
                    models.CharField(
                        choices=[
                            ("", "Not recorded"),
                            ("consent", "Consent given"),
                            ("public", "Publicly disclosed information"),
                            ("legitimate_interest", "Legitimate interest (GDPR)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("create_unknown_companies", models.BooleanField(default=False)),
                (
                    "on_name_match",
                    models.CharField(
                        choices=[
                            ("merge", "Merge into the existing person"),
                            ("flag", "Create and list as a possible duplicate"),
                        ],
                        default="merge",
                        max_length=10,
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("planning", "Dry run in progress"),
                            ("previewed", "Dry run done"),
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="planning",
                        max_length=20,
                    ),
                ),
                ("batch_size", models.PositiveIntegerField()),
                ("rows_total", models.PositiveIntegerField(default=0)),
                ("rows_planned", models.PositiveIntegerField(default=0)),
                ("rows_done", models.PositiveIntegerField(default=0)),
                ("error", models.TextField(blank=True, help_text="Why the job stopped, when it failed.")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("queued_at", models.DateTimeField(blank=True, null=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("heartbeat_at", models.DateTimeField(blank=True, null=True)),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.recruiter",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.team",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="import_jobs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="jobs",
                        to="crm.importsource",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ImportRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(help_text="The line in the file (the header is line 1).")),
                ("cells", models.JSONField(default=dict, help_text="Mapped column header → cell text.")),
                (
                    "action",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("create", "Create"),
                            ("update", "Update (same contact)"),
                            ("merge", "Merge (same name and employer)"),
                            ("refuse", "Refuse"),
                        ],
                        max_length=10,
                    ),
                ),
                ("reasons", models.JSONField(blank=True, default=list)),
                (
                    "result",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "—"),
                            ("created", "Created"),
                            ("updated", "Updated"),
                            ("merged", "Merged"),
                            ("refused", "Refused"),
                            ("failed", "Failed"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                ("done", models.BooleanField(default=False)),
                (
                    "candidate",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="talent.candidate",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="rows", to="crm.importjob"
                    ),
                ),
            ],
            options={
                "ordering": ["job", "number"],
                "indexes": [
                    models.Index(fields=["job", "done", "number"], name="import_row_progress_idx"),
                    models.Index(fields=["candidate"], name="import_row_candidate_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("job", "number"), name="import_row_number_unique"),
                    models.CheckConstraint(
                        condition=models.Q(("done", False), models.Q(("result", ""), _negated=True), _connector="OR"),
                        name="import_row_done_has_result",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="importsource",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("lawful_basis__in", ["", "consent", "public", "legitimate_interest"]),
                    models.Q(("lawful_basis", ""), _negated=True),
                ),
                name="import_source_lawful_basis_known",
                violation_error_message="Choose the lawful basis imported people are held on.",
            ),
        ),
        migrations.AddIndex(
            model_name="importjob",
            index=models.Index(fields=["state", "heartbeat_at"], name="import_job_state_idx"),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("batch_size__gte", 1)), name="import_job_batch_size_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("rows_done__lte", models.F("rows_total")), ("rows_planned__lte", models.F("rows_total"))
                ),
                name="import_job_progress_bounded",
            ),
        ),
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(("owner__isnull", False), ("team__isnull", False), _connector="OR"),
                name="import_job_has_owner_or_team",
                violation_error_message="Imported people need an owner or a responsible team.",
            ),
        ),
    ]
