"""List facts: one row per candidate with what the list filters need (talent.models.facts), kept by triggers.

``talent_candidatefacts_refresh(ids bigint[])`` recomputes the rows of these
candidates from their stints, levels, bands and windows (and deletes the rows
of candidates that no longer exist); an upsert that writes only rows that
changed. Statement-level triggers with transition tables call it after every
write to candidates (insert, delete), stints and windows (insert, update,
delete), levels (a band mapping changed) and bands (a rank changed), so every
write path keeps the facts current: services, admin, merge, imports, raw SQL.
Bulk seeding writes with the triggers off and calls the function per batch
(crm.demo.scale). The backfill runs it over every candidate in batches.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

REFRESH = """
CREATE FUNCTION talent_candidatefacts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM talent_candidatefacts AS facts
 WHERE facts.candidate_id = ANY(ids)
   AND NOT EXISTS (SELECT 1 FROM talent_candidate AS candidate WHERE candidate.id = facts.candidate_id);
INSERT INTO talent_candidatefacts (candidate_id, current_company_ids, band_rank_min, band_rank_max, noncompete_until)
SELECT candidate.id,
       ARRAY(SELECT DISTINCT stint.company_id FROM talent_employment AS stint
              WHERE stint.candidate_id = candidate.id AND stint.end_date IS NULL ORDER BY 1),
       bands.low,
       bands.high,
       (SELECT max(window_.enforceable_end) FROM talent_noncompete AS window_
         WHERE window_.candidate_id = candidate.id AND window_.starts_on <= window_.enforceable_end)
  FROM talent_candidate AS candidate
  LEFT JOIN LATERAL (
        SELECT min(band.rank) AS low, max(band.rank) AS high
          FROM talent_employment AS stint
          JOIN talent_level AS level ON level.id = stint.level_id
          JOIN talent_band AS band ON band.id = level.band_id
         WHERE stint.candidate_id = candidate.id AND stint.end_date IS NULL
       ) AS bands ON TRUE
 WHERE candidate.id = ANY(ids)
    ON CONFLICT (candidate_id) DO UPDATE
   SET current_company_ids = EXCLUDED.current_company_ids,
       band_rank_min = EXCLUDED.band_rank_min,
       band_rank_max = EXCLUDED.band_rank_max,
       noncompete_until = EXCLUDED.noncompete_until
 WHERE (talent_candidatefacts.current_company_ids, talent_candidatefacts.band_rank_min,
        talent_candidatefacts.band_rank_max, talent_candidatefacts.noncompete_until)
       IS DISTINCT FROM
       (EXCLUDED.current_company_ids, EXCLUDED.band_rank_min, EXCLUDED.band_rank_max, EXCLUDED.noncompete_until);
$$;

CREATE FUNCTION talent_candidatefacts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_TABLE_NAME = 'talent_candidate' THEN
        IF TG_OP = 'INSERT' THEN
            ids := ARRAY(SELECT id FROM new_rows);
        ELSE
            ids := ARRAY(SELECT id FROM old_rows);
        END IF;
    ELSIF TG_TABLE_NAME = 'talent_level' THEN
        ids := ARRAY(
            SELECT DISTINCT stint.candidate_id
              FROM new_rows JOIN old_rows USING (id)
              JOIN talent_employment AS stint ON stint.level_id = new_rows.id
             WHERE stint.end_date IS NULL AND new_rows.band_id IS DISTINCT FROM old_rows.band_id);
    ELSIF TG_TABLE_NAME = 'talent_band' THEN
        ids := ARRAY(
            SELECT DISTINCT stint.candidate_id
              FROM new_rows JOIN old_rows USING (id)
              JOIN talent_level AS level ON level.band_id = new_rows.id
              JOIN talent_employment AS stint ON stint.level_id = level.id
             WHERE stint.end_date IS NULL AND new_rows.rank IS DISTINCT FROM old_rows.rank);
    ELSIF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT DISTINCT candidate_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        ids := ARRAY(SELECT DISTINCT candidate_id FROM old_rows);
    ELSE
        ids := ARRAY(SELECT candidate_id FROM new_rows UNION SELECT candidate_id FROM old_rows);
    END IF;
    IF cardinality(ids) > 0 THEN
        PERFORM talent_candidatefacts_refresh(ids);
    END IF;
    RETURN NULL;
END;
$$;
"""

TRIGGERS = "".join(
    f"""
CREATE TRIGGER talent_facts_{table}_{event.lower()} AFTER {event} ON {table}
    REFERENCING {references}
    FOR EACH STATEMENT EXECUTE FUNCTION talent_candidatefacts_changed();
"""
    for table, events in [
        ("talent_candidate", ("INSERT", "DELETE")),
        ("talent_employment", ("INSERT", "UPDATE", "DELETE")),
        ("talent_noncompete", ("INSERT", "UPDATE", "DELETE")),
        ("talent_level", ("UPDATE",)),
        ("talent_band", ("UPDATE",)),
    ]
    for event in events
    for references in [
        {
            "INSERT": "NEW TABLE AS new_rows",
            "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "DELETE": "OLD TABLE AS old_rows",
        }[event]
    ]
)

DROP_TRIGGERS = "".join(
    f"DROP TRIGGER talent_facts_{table}_{event} ON {table};\n"
    for table, event in [
        ("talent_candidate", "insert"),
        ("talent_candidate", "delete"),
        ("talent_employment", "insert"),
        ("talent_employment", "update"),
        ("talent_employment", "delete"),
        ("talent_noncompete", "insert"),
        ("talent_noncompete", "update"),
        ("talent_noncompete", "delete"),
        ("talent_level", "update"),
        ("talent_band", "update"),
    ]
)

BACKFILL = """
DO $$
DECLARE
    low bigint;
    high bigint;
BEGIN
    SELECT min(id), max(id) INTO low, high FROM talent_candidate;
    WHILE low <= high LOOP
        PERFORM talent_candidatefacts_refresh(
            ARRAY(SELECT id FROM talent_candidate WHERE id >= low AND id < low + 10000));
        low := low + 10000;
    END LOOP;
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("talent", "0019_history")]

    operations = [
        migrations.CreateModel(
            name="CandidateFacts",
            fields=[
                (
                    "candidate",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="facts",
                        serialize=False,
                        to="talent.candidate",
                    ),
                ),
                (
                    "current_company_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(),
                        default=list,
                        editable=False,
                        help_text="Employers of the open stints.",
                        size=None,
                    ),
                ),
                (
                    "band_rank_min",
                    models.PositiveSmallIntegerField(
                        editable=False, help_text="Lowest band rank of the open stints' levels.", null=True
                    ),
                ),
                (
                    "band_rank_max",
                    models.PositiveSmallIntegerField(
                        editable=False, help_text="Highest band rank of the open stints' levels.", null=True
                    ),
                ),
                (
                    "noncompete_until",
                    models.DateField(
                        editable=False,
                        help_text="Latest enforceable end of the candidate's non-compete windows.",
                        null=True,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "candidate facts",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["current_company_ids"], name="candidate_facts_company_gin"
                    ),
                    models.Index(fields=["band_rank_max"], name="candidate_facts_band_idx"),
                    models.Index(
                        condition=models.Q(("noncompete_until__isnull", False)),
                        fields=["noncompete_until"],
                        name="candidate_facts_noncompete_idx",
                    ),
                ],
            },
        ),
        migrations.RunSQL(
            sql=REFRESH + TRIGGERS,
            reverse_sql=DROP_TRIGGERS
            + "DROP FUNCTION talent_candidatefacts_changed(); DROP FUNCTION talent_candidatefacts_refresh(bigint[]);",
        ),
        migrations.RunSQL(sql=BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
