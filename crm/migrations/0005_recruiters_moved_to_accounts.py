# Team, Recruiter and ApiToken now live in accounts (same tables); only Django's state changes here.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("crm", "0004_note_updated_index"),
        ("talent", "0009_recruiters_moved_to_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="outreachnote",
                    name="author",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="outreach_notes",
                        to="accounts.recruiter",
                    ),
                ),
                migrations.AlterField(
                    model_name="reminder",
                    name="recipient",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="accounts.recruiter"
                    ),
                ),
                migrations.AlterField(
                    model_name="notification",
                    name="recipient",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to="accounts.recruiter",
                    ),
                ),
                migrations.RemoveField(model_name="team", name="lead"),
                migrations.DeleteModel(name="ApiToken"),
                migrations.DeleteModel(name="Recruiter"),
                migrations.DeleteModel(name="Team"),
            ],
            database_operations=[],
        ),
    ]
