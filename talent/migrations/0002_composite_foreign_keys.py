"""Cross-row rules Django cannot express as constraints, as composite foreign keys.

- An employment's level must be a level of the employment's company.
- A non-compete's employment must be a stint of the same candidate.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql="""
                ALTER TABLE talent_employment
                  ADD CONSTRAINT employment_level_of_company
                  FOREIGN KEY (level_id, company_id) REFERENCES talent_level (id, company_id);
                ALTER TABLE talent_noncompete
                  ADD CONSTRAINT noncompete_employment_of_candidate
                  FOREIGN KEY (employment_id, candidate_id) REFERENCES talent_employment (id, candidate_id);
            """,
            reverse_sql="""
                ALTER TABLE talent_noncompete DROP CONSTRAINT noncompete_employment_of_candidate;
                ALTER TABLE talent_employment DROP CONSTRAINT employment_level_of_company;
            """,
        ),
    ]
