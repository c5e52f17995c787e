"""Search tokens of every candidate in a table of their own, GIN-indexed (talent.search)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models


def fill_tokens(apps, schema_editor):
    from talent.search.refresh import candidate_search_rebuild

    candidate_search_rebuild(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0015_company_parent"),
    ]

    operations = [
        migrations.CreateModel(
            name="CandidateSearch",
            fields=[
                (
                    "candidate",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="talent.candidate",
                    ),
                ),
                ("tokens", django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), default=list)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(fields=["tokens"], name="candidate_search_tokens_gin")
                ],
            },
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=True),
    ]
