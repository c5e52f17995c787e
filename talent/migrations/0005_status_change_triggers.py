"""Triggers that append to talent_statuschange on every write a candidate's status depends on.

A trigger cannot be forgotten by a new code path (admin, bulk update, raw SQL),
and it writes in the same transaction as the change, so the log commits (or
rolls back) with it. Each row carries the writing transaction's id, which the
changes feed compares with its snapshot's xmin (talent.status.feed).

Rights of the *viewer* (superuser, recruiter profile, own team, led teams) are
not logged here: the feed cursor carries a fingerprint of them and replays
from the start when they change.
"""

from django.db import migrations

TABLES_WITH_CANDIDATE = [
    ("talent_candidate", "id"),
    ("talent_candidatealias", "candidate_id"),
    ("talent_candidate_watchers", "candidate_id"),
    ("talent_employment", "candidate_id"),
    ("talent_noncompete", "candidate_id"),
    ("crm_outreachnote", "candidate_id"),
]

FUNCTIONS = """
CREATE FUNCTION talent_status_log(candidate_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO talent_statuschange (candidate_id, txid)
    SELECT DISTINCT touched, pg_current_xact_id()::text::bigint
      FROM unnest(candidate_ids) AS touched
     WHERE touched IS NOT NULL;
$$;

-- A row with a candidate column (named by the trigger's argument) was written.
CREATE FUNCTION talent_status_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN (to_jsonb(OLD) ->> TG_ARGV[0])::bigint END,
        CASE WHEN TG_OP <> 'DELETE' THEN (to_jsonb(NEW) ->> TG_ARGV[0])::bigint END
    ]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION talent_status_restriction_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    window_ids bigint[] := ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.noncompete_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.noncompete_id END
    ];
BEGIN
    PERFORM talent_status_log(ARRAY(SELECT candidate_id FROM talent_noncompete WHERE id = ANY (window_ids)));
    RETURN NULL;
END;
$$;

CREATE FUNCTION talent_status_company_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY(
        SELECT candidate_id FROM talent_employment WHERE company_id = NEW.id
        UNION SELECT candidate_id FROM talent_noncompete WHERE employer_id = NEW.id
        UNION SELECT restricted.candidate_id
                FROM talent_noncompete AS restricted
                JOIN talent_noncompete_restricted_companies AS restriction ON restriction.noncompete_id = restricted.id
               WHERE restriction.company_id = NEW.id
    ));
    RETURN NULL;
END;
$$;

CREATE FUNCTION talent_status_level_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY(SELECT candidate_id FROM talent_employment WHERE level_id = NEW.id));
    RETURN NULL;
END;
$$;

CREATE FUNCTION talent_status_band_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY(
        SELECT stint.candidate_id
          FROM talent_employment AS stint
          JOIN talent_level AS stint_level ON stint_level.id = stint.level_id
         WHERE stint_level.band_id = NEW.id
    ));
    RETURN NULL;
END;
$$;

-- An owner's team decides who sees a confidential candidate's name; an
-- author's team decides who reads a confidential note.
CREATE FUNCTION talent_status_recruiter_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY(
        SELECT id FROM talent_candidate WHERE owner_id = NEW.id
        UNION SELECT candidate_id FROM crm_outreachnote WHERE author_id = NEW.id
    ));
    RETURN NULL;
END;
$$;

-- A team lead reads the confidential notes of the team's members.
CREATE FUNCTION talent_status_team_lead_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talent_status_log(ARRAY(
        SELECT note.candidate_id
          FROM crm_outreachnote AS note
          JOIN crm_recruiter AS author ON author.id = note.author_id
         WHERE author.team_id = NEW.id
    ));
    RETURN NULL;
END;
$$;
"""

TRIGGERS = (
    "".join(
        f"""
CREATE TRIGGER talent_status_{table} AFTER INSERT OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION talent_status_row_changed('{column}');
CREATE TRIGGER talent_status_{table}_update AFTER UPDATE ON {table}
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION talent_status_row_changed('{column}');
"""
        for table, column in TABLES_WITH_CANDIDATE
    )
    + """
CREATE TRIGGER talent_status_talent_noncompete_restricted_companies
    AFTER INSERT OR UPDATE OR DELETE ON talent_noncompete_restricted_companies
    FOR EACH ROW EXECUTE FUNCTION talent_status_restriction_changed();
CREATE TRIGGER talent_status_talent_company AFTER UPDATE OF name ON talent_company
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION talent_status_company_renamed();
CREATE TRIGGER talent_status_talent_level AFTER UPDATE OF code, band_id ON talent_level
    FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.band_id IS DISTINCT FROM NEW.band_id)
    EXECUTE FUNCTION talent_status_level_changed();
CREATE TRIGGER talent_status_talent_band AFTER UPDATE OF code, rank ON talent_band
    FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.rank IS DISTINCT FROM NEW.rank)
    EXECUTE FUNCTION talent_status_band_changed();
CREATE TRIGGER talent_status_crm_recruiter AFTER UPDATE OF team_id ON crm_recruiter
    FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id) EXECUTE FUNCTION talent_status_recruiter_moved();
CREATE TRIGGER talent_status_crm_team AFTER UPDATE OF lead_id ON crm_team
    FOR EACH ROW WHEN (OLD.lead_id IS DISTINCT FROM NEW.lead_id) EXECUTE FUNCTION talent_status_team_lead_changed();
"""
)

# Candidates that exist before the log does get one row each, so that a feed
# read from the start lists every candidate.
BACKFILL = """
INSERT INTO talent_statuschange (candidate_id, txid)
SELECT id, pg_current_xact_id()::text::bigint FROM talent_candidate;
"""

DROP = (
    "".join(
        f"""
DROP TRIGGER talent_status_{table} ON {table};
DROP TRIGGER talent_status_{table}_update ON {table};
"""
        for table, _ in TABLES_WITH_CANDIDATE
    )
    + """
DROP TRIGGER talent_status_talent_noncompete_restricted_companies ON talent_noncompete_restricted_companies;
DROP TRIGGER talent_status_talent_company ON talent_company;
DROP TRIGGER talent_status_talent_level ON talent_level;
DROP TRIGGER talent_status_talent_band ON talent_band;
DROP TRIGGER talent_status_crm_recruiter ON crm_recruiter;
DROP TRIGGER talent_status_crm_team ON crm_team;
DROP FUNCTION talent_status_team_lead_changed();
DROP FUNCTION talent_status_recruiter_moved();
DROP FUNCTION talent_status_band_changed();
DROP FUNCTION talent_status_level_changed();
DROP FUNCTION talent_status_company_renamed();
DROP FUNCTION talent_status_restriction_changed();
DROP FUNCTION talent_status_row_changed();
DROP FUNCTION talent_status_log(bigint[]);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0004_status_change_log"),
        ("crm", "0002_initial"),
    ]

    operations = [
        migrations.RunSQL(sql=FUNCTIONS + TRIGGERS + BACKFILL, reverse_sql=DROP),
    ]
