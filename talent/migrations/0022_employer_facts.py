"""Employer facts: the list facts per candidate and current employer (talent.models.facts.EmployerFacts).

``talent_candidatefacts_refresh(ids)`` (migration 0020) now also brings these
rows in line with the candidates' facts and ``updated_at``, writing only rows
that changed, so every trigger of 0020 and the scale seeder keep them too. A
new statement trigger after updates of candidates copies a changed
``updated_at``: the list order these rows are indexed in.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

LIST_FACTS = importlib.import_module("talent.migrations.0020_list_facts")

# The employer rows the facts call for: one per candidate and current employer.
ROWS = """
    SELECT facts.candidate_id, company_id, candidate.updated_at,
           facts.band_rank_min, facts.band_rank_max, facts.noncompete_until
      FROM talent_candidatefacts AS facts
      JOIN talent_candidate AS candidate ON candidate.id = facts.candidate_id
     CROSS JOIN LATERAL unnest(facts.current_company_ids) AS company_id
"""
COLUMNS = "(candidate_id, company_id, updated_at, band_rank_min, band_rank_max, noncompete_until)"

EMPLOYER_FACTS = f"""
WITH fresh AS ({ROWS}     WHERE facts.candidate_id = ANY(ids)
)
, gone AS (
    DELETE FROM talent_employerfacts AS row_
     WHERE row_.candidate_id = ANY(ids)
       AND NOT EXISTS (SELECT 1 FROM fresh
                        WHERE fresh.candidate_id = row_.candidate_id AND fresh.company_id = row_.company_id)
)
INSERT INTO talent_employerfacts {COLUMNS}
SELECT * FROM fresh
    ON CONFLICT (candidate_id, company_id) DO UPDATE
   SET updated_at = EXCLUDED.updated_at,
       band_rank_min = EXCLUDED.band_rank_min,
       band_rank_max = EXCLUDED.band_rank_max,
       noncompete_until = EXCLUDED.noncompete_until
 WHERE (talent_employerfacts.updated_at, talent_employerfacts.band_rank_min,
        talent_employerfacts.band_rank_max, talent_employerfacts.noncompete_until)
       IS DISTINCT FROM
       (EXCLUDED.updated_at, EXCLUDED.band_rank_min, EXCLUDED.band_rank_max, EXCLUDED.noncompete_until);
"""

OLD_REFRESH = LIST_FACTS.REFRESH.split("CREATE FUNCTION talent_candidatefacts_changed")[0]
REFRESH = OLD_REFRESH.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace("$$;", EMPLOYER_FACTS + "$$;")

CANDIDATE_UPDATED = """
CREATE FUNCTION talent_employerfacts_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE talent_employerfacts AS row_
       SET updated_at = new_rows.updated_at
      FROM new_rows
     WHERE row_.candidate_id = new_rows.id AND row_.updated_at IS DISTINCT FROM new_rows.updated_at;
    RETURN NULL;
END;
$$;
CREATE TRIGGER talent_employerfacts_candidate_update AFTER UPDATE ON talent_candidate
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION talent_employerfacts_touched();
"""

BACKFILL = f"INSERT INTO talent_employerfacts {COLUMNS} {ROWS};"


class Migration(migrations.Migration):

    dependencies = [
        ('talent', '0021_employment_start_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='EmployerFacts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('updated_at', models.DateTimeField(editable=False)),
                ('band_rank_min', models.PositiveSmallIntegerField(editable=False, null=True)),
                ('band_rank_max', models.PositiveSmallIntegerField(editable=False, null=True)),
                ('noncompete_until', models.DateField(editable=False, null=True)),
                ('candidate', models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='employer_facts', to='talent.candidate')),
                ('company', models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='talent.company')),
            ],
            options={
                'verbose_name_plural': 'employer facts',
                'indexes': [models.Index(fields=['company', '-updated_at', '-candidate'], include=('band_rank_min', 'band_rank_max', 'noncompete_until'), name='employer_facts_listed_idx')],
                'constraints': [models.UniqueConstraint(fields=('candidate', 'company'), name='employer_facts_unique')],
            },
        ),
        migrations.RunSQL(
            sql=REFRESH + CANDIDATE_UPDATED,
            reverse_sql="DROP TRIGGER talent_employerfacts_candidate_update ON talent_candidate;"
            "DROP FUNCTION talent_employerfacts_touched();"
            + OLD_REFRESH.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
        ),
        migrations.RunSQL(sql=BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
