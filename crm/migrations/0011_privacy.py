# Privacy (issue 12): erasure and access-export records, anonymised placements, retention reviews,
# and the notice-due reminder (a reminder about a candidate). Written by hand from makemigrations --dry-run.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_client_key_scope'),
        ('crm', '0010_history'),
        ('talent', '0019_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AnonymisedPlacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mandate_title', models.CharField(max_length=200)),
                ('placed_on', models.DateField(help_text='The start date of the placement.')),
                ('fee', models.DecimalField(decimal_places=2, max_digits=14)),
                ('fee_currency', models.CharField(choices=[('CNY', 'CNY (¥)'), ('USD', 'USD ($)'), ('EUR', 'EUR (€)'), ('GBP', 'GBP (£)'), ('HKD', 'HKD'), ('SGD', 'SGD'), ('JPY', 'JPY')], max_length=3)),
            ],
            options={
                'ordering': ['-placed_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ErasureRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('candidate_id', models.BigIntegerField(help_text='The id the erased candidate had.')),
                ('erased_at', models.DateTimeField()),
                ('username', models.CharField(blank=True, max_length=150)),
                ('reason', models.CharField(choices=[('request', 'The person asked to be forgotten (GDPR art. 17, PIPL art. 47)'), ('consent_withdrawn', 'Consent withdrawn'), ('purpose_met', 'Purpose of processing met'), ('retention', 'Retention period passed'), ('unlawful', 'Processed unlawfully')], max_length=20)),
                ('via', models.CharField(choices=[('api', 'API'), ('admin', 'Admin'), ('command', 'Command')], max_length=8)),
                ('suppressed', models.BooleanField(help_text="Whether the person's contacts were added to the suppression list.")),
                ('counts', models.JSONField(default=dict, help_text='Rows removed or scrubbed, by kind.')),
            ],
            options={
                'ordering': ['-erased_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='PersonalDataExport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('candidate_id', models.BigIntegerField()),
                ('username', models.CharField(blank=True, max_length=150)),
                ('via', models.CharField(choices=[('api', 'API'), ('admin', 'Admin'), ('command', 'Command')], max_length=8)),
                ('exported_at', models.DateTimeField()),
            ],
            options={
                'ordering': ['-exported_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RetentionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decision', models.CharField(choices=[('keep', 'Keep'), ('anonymise', 'Anonymise')], max_length=10)),
                ('decided_at', models.DateTimeField()),
            ],
            options={
                'ordering': ['-decided_at', '-id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='reminder',
            name='reminder_has_one_source',
        ),
        migrations.AddField(
            model_name='reminder',
            name='candidate',
            field=models.ForeignKey(blank=True, help_text='For a notice reminder: the person due to be told that the firm holds their data.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notice_reminders', to='talent.candidate'),
        ),
        migrations.AlterField(
            model_name='reminder',
            name='kind',
            field=models.CharField(choices=[('milestone', 'Non-compete milestone'), ('free', 'Non-compete ended early'), ('correction', 'Non-compete end date changed'), ('follow_up', 'Outreach follow-up'), ('notice', 'Privacy notice due (GDPR art. 14)')], max_length=20),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('candidate__isnull', True), ('noncompete__isnull', False), ('note__isnull', True)), models.Q(('candidate__isnull', True), ('noncompete__isnull', True), ('note__isnull', False)), models.Q(('candidate__isnull', False), ('noncompete__isnull', True), ('note__isnull', True)), _connector='OR'), name='reminder_has_one_source'),
        ),
        migrations.AddField(
            model_name='anonymisedplacement',
            name='client',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='crm.client'),
        ),
        migrations.AddField(
            model_name='anonymisedplacement',
            name='mandate',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='crm.mandate'),
        ),
        migrations.AddField(
            model_name='anonymisedplacement',
            name='placed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='erasurerecord',
            name='erased_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='anonymisedplacement',
            name='erasure',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='placements', to='crm.erasurerecord'),
        ),
        migrations.AddField(
            model_name='personaldataexport',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='retentionreview',
            name='candidate',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='retention_reviews', to='talent.candidate'),
        ),
        migrations.AddField(
            model_name='retentionreview',
            name='reviewer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='erasurerecord',
            constraint=models.CheckConstraint(condition=models.Q(('reason__in', ['request', 'consent_withdrawn', 'purpose_met', 'retention', 'unlawful'])), name='erasure_reason_known'),
        ),
        migrations.AddConstraint(
            model_name='erasurerecord',
            constraint=models.CheckConstraint(condition=models.Q(('via__in', ['api', 'admin', 'command'])), name='erasure_via_known'),
        ),
        migrations.AddConstraint(
            model_name='anonymisedplacement',
            constraint=models.CheckConstraint(condition=models.Q(('fee__gte', 0)), name='anonymised_placement_fee_not_negative'),
        ),
        migrations.AddIndex(
            model_name='personaldataexport',
            index=models.Index(fields=['candidate_id'], name='personal_export_candidate_idx'),
        ),
        migrations.AddConstraint(
            model_name='personaldataexport',
            constraint=models.CheckConstraint(condition=models.Q(('via__in', ['api', 'admin', 'command'])), name='personal_export_via_known'),
        ),
        migrations.AddIndex(
            model_name='retentionreview',
            index=models.Index(fields=['candidate', '-decided_at'], name='retention_review_candidate_idx'),
        ),
        migrations.AddConstraint(
            model_name='retentionreview',
            constraint=models.CheckConstraint(condition=models.Q(('decision__in', ['keep', 'anonymise'])), name='retention_decision_known'),
        ),
    ]
