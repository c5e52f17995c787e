from django.db import migrations

from talent.migrations import _default_ladders as data
from talent.names import search_text


def load(apps, schema_editor):
    Band = apps.get_model("talent", "Band")
    Company = apps.get_model("talent", "Company")
    CompanyAlias = apps.get_model("talent", "CompanyAlias")
    LevelLadder = apps.get_model("talent", "LevelLadder")
    Level = apps.get_model("talent", "Level")
    LevelEquivalence = apps.get_model("talent", "LevelEquivalence")

    bands = {}
    for code, name, rank in data.BANDS:
        bands[code], _ = Band.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})

    for name, native, kind, country, aliases in data.COMPANIES:
        company, _ = Company.objects.get_or_create(
            name=name,
            defaults={"native_name": native, "kind": kind, "country": country,
                      "search_text": search_text(name, native, *aliases)},
        )
        for alias in aliases:
            CompanyAlias.objects.get_or_create(company=company, name=alias)
        for ladder_name, levels in data.LADDERS[name]:
            ladder, _ = LevelLadder.objects.get_or_create(company=company, name=ladder_name)
            for code, label, rank, band, source, confidence in levels:
                level, _ = Level.objects.get_or_create(
                    ladder=ladder, code=code,
                    defaults={"company": company, "label": label, "rank": rank, "band": bands[band]},
                )
                LevelEquivalence.objects.get_or_create(
                    level=level, observed_on=data.OBSERVED_ON, source=source,
                    defaults={"band": bands[band], "confidence": confidence},
                )


class Migration(migrations.Migration):
    dependencies = [("talent", "0002_composite_foreign_keys")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
