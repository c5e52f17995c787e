# Recruiter and Team now live in accounts (same tables); only Django's state changes here.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("talent", "0008_noncompete_law"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="candidate",
                    name="owner",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="owned_candidates",
                        to="accounts.recruiter",
                    ),
                ),
                migrations.AlterField(
                    model_name="candidate",
                    name="watchers",
                    field=models.ManyToManyField(blank=True, related_name="watched_candidates", to="accounts.recruiter"),
                ),
            ],
            database_operations=[],
        ),
    ]
