"""Duplicate detection (keys, pairs) and merge tombstones.

The composite key that keeps a window's stint on the window's candidate
(0002) becomes DEFERRABLE (still checked at once by default), so that a merge
can move stints and windows in two statements and have the key checked at
the end (SET CONSTRAINTS ALL DEFERRED in talent.duplicates.merging).
Existing candidates get their keys and pairs from `manage.py duplicates_rebuild`.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('talent', '0016_search_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CandidateMerge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('merged_id', models.BigIntegerField(help_text='The id of the candidate merged away.', unique=True)),
                ('merged_was_confidential', models.BooleanField(default=False)),
                ('merged_at', models.DateTimeField()),
                ('field_choices', models.JSONField(default=dict, help_text='Per field, whose value won: "survivor" or "merged".')),
                ('merged_values', models.JSONField(default=dict)),
                ('replaced_values', models.JSONField(default=dict)),
                ('aliases_added', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), blank=True, default=list, size=None)),
                ('merged_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('survivor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='absorbed', to='talent.candidate')),
            ],
            options={
                'ordering': ['-merged_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('merged_id', models.F('survivor')), _negated=True), name='candidate_merge_not_into_itself', violation_error_message='A candidate cannot be merged into itself.')],
            },
        ),
        migrations.CreateModel(
            name='DuplicateKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=400)),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='duplicate_keys', to='talent.candidate')),
            ],
            options={
                'indexes': [models.Index(fields=['key', 'candidate'], name='duplicate_key_lookup_idx')],
                'constraints': [models.UniqueConstraint(fields=('candidate', 'key'), name='duplicate_key_unique_per_candidate')],
            },
        ),
        migrations.CreateModel(
            name='DuplicatePair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reasons', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=20), blank=True, default=list, size=None)),
                ('score', models.PositiveSmallIntegerField(default=0)),
                ('status', models.CharField(choices=[('open', 'Open'), ('dismissed', 'Dismissed (not the same person)')], default='open', max_length=10)),
                ('dismissed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('dismissed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('high', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='duplicate_pairs_high', to='talent.candidate')),
                ('low', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='duplicate_pairs_low', to='talent.candidate')),
            ],
            options={
                'ordering': ['-score', 'low_id', 'high_id'],
                'indexes': [models.Index(fields=['high'], name='duplicate_pair_high_idx'), models.Index(fields=['status', '-score'], name='duplicate_pair_status_idx')],
                'constraints': [models.UniqueConstraint(fields=('low', 'high'), name='duplicate_pair_unique'), models.CheckConstraint(condition=models.Q(('low__lt', models.F('high'))), name='duplicate_pair_low_below_high', violation_error_message='A pair names two different candidates, the lower id first.'), models.CheckConstraint(condition=models.Q(('score__lte', 100)), name='duplicate_pair_score_at_most_100')],
            },
        ),
        migrations.RunSQL(
            sql="ALTER TABLE talent_noncompete ALTER CONSTRAINT noncompete_employment_of_candidate "
            "DEFERRABLE INITIALLY IMMEDIATE",
            reverse_sql="ALTER TABLE talent_noncompete ALTER CONSTRAINT noncompete_employment_of_candidate "
            "NOT DEFERRABLE",
        ),
    ]
