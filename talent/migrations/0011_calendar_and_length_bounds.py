# Every date, year and free text a user writes is bounded (talent.fields): validators give the
# field message, CheckConstraints make sure no path stores more. Rows written before the bounds
# existed are brought inside them first, so that the constraints can be added: days and years
# move to the nearest bound (which keeps every ordering rule, such as an end after its start),
# texts are cut to their length.

import datetime

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models.functions import Length, Substr

import talent.fields

EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2199, 12, 31)
CALENDAR_MESSAGE = "Give a date between 1900-01-01 and 2199-12-31."
BOUNDS = [
    ("employment", "start_date", EARLIEST_DAY, LATEST_DAY),
    ("employment", "end_date", EARLIEST_DAY, LATEST_DAY),
    ("levelequivalence", "observed_on", EARLIEST_DAY, LATEST_DAY),
    ("education", "start_year", EARLIEST_DAY.year, LATEST_DAY.year),
    ("education", "end_year", EARLIEST_DAY.year, LATEST_DAY.year),
]
LENGTHS = [
    ("candidate", "work_authorization", 2000),
    ("candidate", "compensation_notes", 2000),
    ("levelladder", "notes", 10000),
    ("levelequivalence", "notes", 10000),
]


def bring_rows_inside_bounds(apps, schema_editor):
    # Deferred foreign-key checks would otherwise still be pending when the tables are altered below.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for model_name, field, low, high in BOUNDS:
        rows = apps.get_model("talent", model_name).objects
        rows.filter(**{f"{field}__lt": low}).update(**{field: low})
        rows.filter(**{f"{field}__gt": high}).update(**{field: high})
    for model_name, field, max_length in LENGTHS:
        rows = apps.get_model("talent", model_name).objects
        too_long = rows.annotate(length=Length(field)).filter(length__gt=max_length)
        too_long.update(**{field: Substr(field, 1, max_length)})


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0010_candidate_owner_or_team"),
    ]

    operations = [
        migrations.RunPython(bring_rows_inside_bounds, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="candidate",
            name="work_authorization",
            field=models.TextField(
                blank=True,
                help_text='Visa and work permits, e.g. "H-1B, green card pending".',
                max_length=2000,
                validators=[django.core.validators.MaxLengthValidator(2000)],
            ),
        ),
        migrations.AlterField(
            model_name="candidate",
            name="compensation_notes",
            field=models.TextField(
                blank=True, max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)]
            ),
        ),
        migrations.AlterField(
            model_name="education",
            name="start_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2199),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="education",
            name="end_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2199),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="employment",
            name="start_date",
            field=models.DateField(validators=[talent.fields.validate_in_calendar]),
        ),
        migrations.AlterField(
            model_name="employment",
            name="end_date",
            field=models.DateField(
                blank=True,
                help_text="Leave empty while the candidate is still there.",
                null=True,
                validators=[talent.fields.validate_in_calendar],
            ),
        ),
        migrations.AlterField(
            model_name="levelladder",
            name="notes",
            field=models.TextField(
                blank=True, max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]
            ),
        ),
        migrations.AlterField(
            model_name="levelequivalence",
            name="observed_on",
            field=models.DateField(validators=[talent.fields.validate_in_calendar]),
        ),
        migrations.AlterField(
            model_name="levelequivalence",
            name="notes",
            field=models.TextField(
                blank=True, max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]
            ),
        ),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("work_authorization"), 2000
                ),
                name="candidate_work_authorization_length",
                violation_error_code="max_length",
                violation_error_message="Keep it to 2000 characters.",
            ),
        ),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("compensation_notes"), 2000
                ),
                name="candidate_compensation_notes_length",
                violation_error_code="max_length",
                violation_error_message="Keep it to 2000 characters.",
            ),
        ),
        migrations.AddConstraint(
            model_name="education",
            constraint=models.CheckConstraint(
                condition=models.Q(("start_year__gte", 1900), ("start_year__lte", 2199)),
                name="education_start_year_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="education",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_year__gte", 1900), ("end_year__lte", 2199)),
                name="education_end_year_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="employment",
            constraint=models.CheckConstraint(
                condition=models.Q(("start_date__gte", EARLIEST_DAY), ("start_date__lte", LATEST_DAY)),
                name="employment_start_date_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="employment",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_date__gte", EARLIEST_DAY), ("end_date__lte", LATEST_DAY)),
                name="employment_end_date_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="levelladder",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("notes"), 10000
                ),
                name="ladder_notes_length",
                violation_error_code="max_length",
                violation_error_message="Keep it to 10000 characters.",
            ),
        ),
        migrations.AddConstraint(
            model_name="levelequivalence",
            constraint=models.CheckConstraint(
                condition=models.Q(("observed_on__gte", EARLIEST_DAY), ("observed_on__lte", LATEST_DAY)),
                name="equivalence_observed_on_in_calendar",
                violation_error_code="out_of_calendar",
                violation_error_message=CALENDAR_MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="levelequivalence",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("notes"), 10000
                ),
                name="equivalence_notes_length",
                violation_error_code="max_length",
                violation_error_message="Keep it to 10000 characters.",
            ),
        ),
    ]
