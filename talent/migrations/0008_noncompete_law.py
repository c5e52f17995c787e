"""Non-compete law review: count the legal cap from the departure, currencies, early waivers, computed expiry.

- `last_monthly_pay_currency`: the German half-pay test now compares like with
  like. Existing last pays were entered beside the compensation and compared
  with it as one currency, so they take its currency; without one, the
  currency of the jurisdiction; failing that, the amount moves to the notes.
- "expired" is no longer a status (expiry is computed from the enforceable
  end): expired windows become active.
- An employer's waiver may predate the window (HGB §75a); a release or a
  termination still cannot.
- Dates outside 1900-01-01..2199-12-31 (which the API once accepted and then
  failed on) move to the nearest bound first, so the recomputation cannot
  overflow; migration 0012 then keeps them inside.
- Every stored enforceable end is recomputed with talent.noncompete_rules,
  which works on plain values and imports no models. Windows whose end moved,
  and their candidates, get a new `updated_at` so the reminder planner
  re-plans them.
"""

import datetime

from django.db import migrations, models
from django.db.models import F, Q
from django.utils import timezone

from talent.noncompete_rules import WindowTerms

LOCAL_CURRENCY = {"CN": "CNY", "DE": "EUR", "US-CA": "USD", "US": "USD", "GB": "GBP", "HK": "HKD", "SG": "SGD"}
BATCH = 2000


EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2199, 12, 31)
OUT_OF_CALENDAR = [
    ("noncompete", "starts_on"),
    ("noncompete", "contractual_end"),
    ("noncompete", "unpaid_since"),
    ("noncompete", "ended_on"),
    ("employment", "start_date"),
    ("employment", "end_date"),
]


def dates_into_calendar(apps, schema_editor):
    # Moving to the nearest bound keeps every ordering rule (an end after its start).
    for model_name, field in OUT_OF_CALENDAR:
        rows = apps.get_model("talent", model_name).objects
        rows.filter(**{f"{field}__lt": EARLIEST_DAY}).update(**{field: EARLIEST_DAY})
        rows.filter(**{f"{field}__gt": LATEST_DAY}).update(**{field: LATEST_DAY})


def expired_to_active(apps, schema_editor):
    NonCompete = apps.get_model("talent", "NonCompete")
    NonCompete.objects.filter(status="expired").update(status="active", ended_on=None)


def give_last_pays_a_currency(apps, schema_editor):
    NonCompete = apps.get_model("talent", "NonCompete")
    missing = NonCompete.objects.filter(last_monthly_pay__isnull=False, last_monthly_pay_currency="")
    missing.exclude(compensation_currency="").update(last_monthly_pay_currency=F("compensation_currency"))
    for jurisdiction, currency in LOCAL_CURRENCY.items():
        missing.filter(jurisdiction=jurisdiction).update(last_monthly_pay_currency=currency)
    for window in missing:
        window.notes = f"{window.notes}\n\nLast monthly pay {window.last_monthly_pay} (currency unknown).".strip()
        window.last_monthly_pay = None
        window.save(update_fields=["notes", "last_monthly_pay"])


def recompute_enforceable_ends(apps, schema_editor):
    NonCompete = apps.get_model("talent", "NonCompete")
    Candidate = apps.get_model("talent", "Candidate")
    now = timezone.now()
    last_id = 0
    while True:
        batch = list(NonCompete.objects.select_related("employment").filter(pk__gt=last_id).order_by("pk")[:BATCH])
        if not batch:
            return
        last_id = batch[-1].pk
        changed = []
        for window in batch:
            terms = WindowTerms(
                jurisdiction=window.jurisdiction,
                starts_on=window.starts_on,
                contractual_end=window.contractual_end,
                departure=window.employment.end_date if window.employment is not None else None,
                # After expired_to_active, exactly the windows ended early have an end day.
                ended_early_on=window.ended_on,
                ended_by_employer=window.status in {"waived", "released"},
                monthly_compensation=window.monthly_compensation,
                compensation_currency=window.compensation_currency,
                last_monthly_pay=window.last_monthly_pay,
                last_monthly_pay_currency=window.last_monthly_pay_currency,
            )
            end = terms.enforceable_end()
            if end != window.enforceable_end:
                window.enforceable_end, window.updated_at = end, now
                changed.append(window)
        NonCompete.objects.bulk_update(changed, ["enforceable_end", "updated_at"])
        Candidate.objects.filter(pk__in={w.candidate_id for w in changed}).update(updated_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ("talent", "0007_statement_level_status_triggers"),
    ]

    operations = [
        # The data steps update some rows twice; with the foreign keys' checks
        # deferred, that leaves trigger events pending and PostgreSQL refuses
        # the ALTER TABLEs that follow. Check them at once in this transaction.
        migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", migrations.RunSQL.noop),
        migrations.RemoveConstraint(model_name="noncompete", name="noncompete_ended_on_matches_status"),
        migrations.RemoveConstraint(model_name="noncompete", name="noncompete_ended_after_start"),
        migrations.AddField(
            model_name="noncompete",
            name="last_monthly_pay_currency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("CNY", "CNY (¥)"),
                    ("USD", "USD ($)"),
                    ("EUR", "EUR (€)"),
                    ("GBP", "GBP (£)"),
                    ("HKD", "HKD"),
                    ("SGD", "SGD"),
                    ("JPY", "JPY"),
                ],
                max_length=3,
            ),
        ),
        migrations.AlterField(
            model_name="noncompete",
            name="status",
            field=models.CharField(
                choices=[
                    ("active", "Active"),
                    ("waived", "Waived by the employer"),
                    ("released", "Released early by the employer"),
                    ("terminated", "Ended by the candidate (compensation unpaid)"),
                ],
                default="active",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="noncompete",
            name="ended_on",
            field=models.DateField(
                blank=True,
                help_text=(
                    "For a waiver, an early release or a termination: the day the restriction ended. "
                    "An employer's waiver may come before the window starts (even before the job ends)."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(dates_into_calendar, migrations.RunPython.noop),
        migrations.RunPython(expired_to_active, migrations.RunPython.noop),
        migrations.RunPython(give_last_pays_a_currency, migrations.RunPython.noop),
        migrations.RunPython(recompute_enforceable_ends, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="noncompete",
            constraint=models.CheckConstraint(
                condition=Q(status__in=["waived", "released", "terminated"], ended_on__isnull=False)
                | Q(status="active", ended_on__isnull=True),
                name="noncompete_ended_on_matches_status",
                violation_error_message="A waived, released or terminated window needs the day it ended (and only those).",
            ),
        ),
        migrations.AddConstraint(
            model_name="noncompete",
            constraint=models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(status="waived") | Q(ended_on__gte=F("starts_on")),
                name="noncompete_ended_after_start_unless_waived",
                violation_error_message="Only an employer's waiver can come before the window starts.",
            ),
        ),
        migrations.AddConstraint(
            model_name="noncompete",
            constraint=models.CheckConstraint(
                condition=Q(last_monthly_pay__isnull=True)
                | (Q(last_monthly_pay__gte=0) & ~Q(last_monthly_pay_currency="")),
                name="noncompete_last_pay_has_currency",
                violation_error_message="Give the currency of the last monthly pay.",
            ),
        ),
    ]
