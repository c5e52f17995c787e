# Team, Recruiter and ApiToken move here from crm, so that talent can depend on
# them without depending on crm. The tables already exist (created by crm's
# migrations) and keep their names: this migration only changes Django's state,
# and moves the content types so that permissions and admin history follow.

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import accounts.models.recruiters

MOVED = ["team", "recruiter", "apitoken"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="accounts", model=model).exists():
            ContentType.objects.using(db).filter(app_label="crm", model=model).update(app_label="accounts")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="accounts", model__in=MOVED).update(app_label="crm")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("crm", "0004_note_updated_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Team",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True)),
                    ],
                    options={"db_table": "crm_team", "ordering": ["name"]},
                ),
                migrations.CreateModel(
                    name="Recruiter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "timezone",
                            models.CharField(
                                default="Asia/Shanghai",
                                help_text="IANA zone; reminders arrive at 09:00 here.",
                                max_length=64,
                                validators=[accounts.models.recruiters.validate_timezone],
                            ),
                        ),
                        ("city", models.CharField(blank=True, max_length=100)),
                        (
                            "reminder_milestones",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.PositiveSmallIntegerField(),
                                blank=True,
                                default=accounts.models.recruiters.default_milestones,
                                help_text="Days before a non-compete's enforceable end to be reminded; 0 is the day "
                                "itself.",
                                size=None,
                                validators=[accounts.models.recruiters.validate_milestones],
                            ),
                        ),
                        ("email_reminders", models.BooleanField(default=True)),
                        ("in_app_reminders", models.BooleanField(default=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "team",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="members",
                                to="accounts.team",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="recruiter",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "crm_recruiter", "ordering": ["user__username"]},
                ),
                migrations.AddField(
                    model_name="team",
                    name="lead",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="led_teams",
                        to="accounts.recruiter",
                    ),
                ),
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(help_text='What uses it, e.g. "HR sync".', max_length=100)),
                        (
                            "prefix",
                            models.CharField(
                                editable=False, help_text="First characters, to recognise a key.", max_length=12
                            ),
                        ),
                        ("key_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        (
                            "scope",
                            models.CharField(
                                choices=[
                                    ("recruiter", "Recruiter (the user's own rights)"),
                                    ("status:read", "Candidate status, read only"),
                                ],
                                default="status:read",
                                max_length=20,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("expires_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("last_used_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "crm_apitoken",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("revoked_at__isnull", True)),
                                fields=("user", "name"),
                                name="token_name_unique_per_user",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
