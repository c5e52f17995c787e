# A note's instant and follow-up day stay within the calendar and its summary within 10,000
# characters (talent.fields): validators give the field message, CheckConstraints make sure no
# path stores more. Notes written before the bounds existed are brought inside them first:
# instants and days move to the nearest bound, summaries are cut to their length.

import datetime

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models.functions import Length, Substr

import talent.fields

EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2199, 12, 31)
EARLIEST_INSTANT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
END_INSTANT = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)
CALENDAR_MESSAGE = "Give a date between 1900-01-01 and 2199-12-31."
SUMMARY_MAX_LENGTH = 10000


def bring_notes_inside_bounds(apps, schema_editor):
    # Deferred foreign-key checks would otherwise still be pending when the table is altered below.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    notes = apps.get_model("crm", "OutreachNote").objects
    notes.filter(happened_at__lt=EARLIEST_INSTANT).update(happened_at=EARLIEST_INSTANT)
    notes.filter(happened_at__gte=END_INSTANT).update(happened_at=END_INSTANT - datetime.timedelta(microseconds=1))
    notes.filter(follow_up_on__lt=EARLIEST_DAY).update(follow_up_on=EARLIEST_DAY)
    notes.filter(follow_up_on__gt=LATEST_DAY).update(follow_up_on=LATEST_DAY)
    too_long = notes.annotate(length=Length("summary")).filter(length__gt=SUMMARY_MAX_LENGTH)
    too_long.update(summary=Substr("summary", 1, SUMMARY_MAX_LENGTH))


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0005_recruiters_moved_to_accounts"),
    ]

    operations = [
        migrations.RunPython(bring_notes_inside_bounds, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outreachnote",
            name="happened_at",
            field=models.DateTimeField(validators=[talent.fields.validate_in_calendar]),
        ),
        migrations.AlterField(
            model_name="outreachnote",
            name="follow_up_on",
            field=models.DateField(blank=True, null=True, validators=[talent.fields.validate_in_calendar]),
        ),
        migrations.AlterField(
            model_name="outreachnote",
            name="summary",
            field=models.TextField(max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddConstraint(
            model_name="outreachnote",
            constraint=models.CheckConstraint(
                condition=models.Q(("happened_at__gte", EARLIEST_INSTANT), ("happened_at__lt", END_INSTANT)),
                name="note_happened_at_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="outreachnote",
            constraint=models.CheckConstraint(
                condition=models.Q(("follow_up_on__gte", EARLIEST_DAY), ("follow_up_on__lte", LATEST_DAY)),
                name="note_follow_up_on_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="outreachnote",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("summary"), 10000
                ),
                name="note_summary_length",
                violation_error_code="max_length",
                violation_error_message="Keep it to 10000 characters.",
            ),
        ),
    ]
