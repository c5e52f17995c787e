# Names are spelt with their surname's own reading (talent.names.SURNAME_READINGS): recompute the stored
# pinyin and search text of every candidate. talent.names holds pure functions over strings, no models.

from django.db import migrations

from talent.names import person_pinyin, search_text

BATCH = 2000


def recompute_names(apps, schema_editor):
    Candidate = apps.get_model("talent", "Candidate")
    CandidateAlias = apps.get_model("talent", "CandidateAlias")
    last_id = 0
    while True:
        batch = list(Candidate.objects.filter(pk__gt=last_id).order_by("pk")[:BATCH])
        if not batch:
            return
        last_id = batch[-1].pk
        aliases: dict[int, list[str]] = {}
        for candidate_id, name in CandidateAlias.objects.filter(candidate__in=batch).values_list("candidate_id", "name"):
            aliases.setdefault(candidate_id, []).append(name)
        for candidate in batch:
            candidate.pinyin = person_pinyin(candidate.native_name)
            candidate.search_text = search_text(
                candidate.native_name, candidate.english_name, candidate.pseudonym, *aliases.get(candidate.pk, [])
            )
        Candidate.objects.bulk_update(batch, ["pinyin", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("talent", "0013_constraint_messages")]

    operations = [migrations.RunPython(recompute_names, migrations.RunPython.noop)]
