# Reminders about facts, and an e-mail outbox.
#
# A reminder now records the fact it is about ("end 2026-12-31", "free
# 2026-12-10", "follow_up 2026-11-30") and the telling (how many other facts of
# the window its recipient was told before), and its key holds both, so that a
# corrected end gets fresh keys. Existing rows get their fact from what they
# were planned for (milestones: their end_on; early ends and follow-ups: their
# fires_on), telling 0, and window keys rewritten to the new form, which stays
# unique because the old key (window, milestone, recipient) is part of it.
# Pending rows the planner no longer wants under these keys are replanned by
# the next sweep or at delivery; sent rows are history and keep the recipient's
# "told" state. E-mails of reminders sent before this migration went out with
# them, so no outbox rows are created for them. Going back leaves the keys in
# the new form: the old planner treats pending ones as stale and replans them.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crm', '0006_calendar_and_length_bounds'),
    ]

    operations = [
        migrations.AddField(
            model_name='reminder',
            name='corrects',
            field=models.ForeignKey(blank=True, help_text='The reminder about an earlier fact that this one corrects.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='corrected_by', to='crm.reminder'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='fact',
            field=models.CharField(blank=True, editable=False, help_text='What the reminder is about: "end 2026-12-31", "free 2026-12-10", "follow_up 2026-11-30".', max_length=40),
        ),
        migrations.AddField(
            model_name='reminder',
            name='telling',
            field=models.PositiveSmallIntegerField(default=0, editable=False, help_text='How many times the recipient was told another fact of this window before this one.'),
        ),
        migrations.AlterField(
            model_name='reminder',
            name='kind',
            field=models.CharField(choices=[('milestone', 'Non-compete milestone'), ('free', 'Non-compete ended early'), ('correction', 'Non-compete end date changed'), ('follow_up', 'Outreach follow-up')], max_length=20),
        ),
        migrations.CreateModel(
            name='ReminderEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('to', models.EmailField(max_length=254)),
                ('subject', models.CharField(max_length=300)),
                ('body', models.TextField()),
                ('message_id', models.CharField(max_length=200, unique=True)),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Given up')], default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField()),
                ('last_error', models.CharField(blank=True, max_length=500)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('reminder', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='email', to='crm.reminder')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(condition=models.Q(('state', 'pending')), fields=['next_attempt_at'], name='reminder_email_claim_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('state', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='sent_reminder_email_has_sent_at')],
            },
        ),
        migrations.RunSQL(
            sql=[
                # Check foreign keys as each update runs: Django creates this migration's indexes on
                # crm_reminder at its end, which PostgreSQL refuses while deferred checks are pending.
                "SET CONSTRAINTS ALL IMMEDIATE",
                """
                UPDATE crm_reminder SET fact = CASE kind
                    WHEN 'milestone' THEN 'end ' || coalesce(to_char(end_on, 'YYYY-MM-DD'), '')
                    WHEN 'free' THEN 'free ' || to_char(fires_on, 'YYYY-MM-DD')
                    ELSE 'follow_up ' || to_char(fires_on, 'YYYY-MM-DD')
                END
                """,
                """
                UPDATE crm_reminder
                SET key = 'nc:' || noncompete_id || ':t0:end' || coalesce(to_char(end_on, 'YYYY-MM-DD'), '')
                    || ':m' || milestone || ':r' || recipient_id
                WHERE kind = 'milestone'
                """,
                """
                UPDATE crm_reminder
                SET key = 'nc:' || noncompete_id || ':t0:free' || to_char(fires_on, 'YYYY-MM-DD') || ':r' || recipient_id
                WHERE kind = 'free'
                """,
                "SET CONSTRAINTS ALL DEFERRED",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
