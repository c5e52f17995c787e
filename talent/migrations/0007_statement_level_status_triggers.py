"""Log status changes once per statement instead of once per row.

The row triggers of 0005 cost about 0.3 ms per written row, most of the time
of a bulk insert (seed_demo, imports). Statement triggers with transition
tables log the same candidates with one INSERT ... SELECT per statement. An
UPDATE still logs only rows that really changed.
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

FUNCTION = """
CREATE FUNCTION talent_status_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT talent_status_log(ARRAY(SELECT %I FROM new_rows))', TG_ARGV[0]);
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT talent_status_log(ARRAY(SELECT %I FROM old_rows))', TG_ARGV[0]);
    ELSE
        EXECUTE format(
            'SELECT talent_status_log(ARRAY('
            '    SELECT unnest(ARRAY[old_row.%1$I, new_row.%1$I])'
            '      FROM new_rows AS new_row JOIN old_rows AS old_row USING (id)'
            '     WHERE old_row IS DISTINCT FROM new_row))',
            TG_ARGV[0]
        );
    END IF;
    RETURN NULL;
END;
$$;
"""

STATEMENT_TRIGGERS = "".join(
    f"""
DROP TRIGGER talent_status_{table} ON {table};
DROP TRIGGER talent_status_{table}_update ON {table};
CREATE TRIGGER talent_status_{table}_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION talent_status_rows_changed('{column}');
CREATE TRIGGER talent_status_{table}_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION talent_status_rows_changed('{column}');
CREATE TRIGGER talent_status_{table}_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION talent_status_rows_changed('{column}');
"""
    for table, column in TABLES_WITH_CANDIDATE
)

ROW_TRIGGERS = "".join(
    f"""
DROP TRIGGER talent_status_{table}_insert ON {table};
DROP TRIGGER talent_status_{table}_update ON {table};
DROP TRIGGER talent_status_{table}_delete ON {table};
CREATE TRIGGER talent_status_{table} AFTER INSERT OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION talent_status_row_changed('{column}');
CREATE TRIGGER talent_status_{table}_update AFTER UPDATE ON {table}
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION talent_status_row_changed('{column}');
"""
    for table, column in TABLES_WITH_CANDIDATE
)


class Migration(migrations.Migration):
    dependencies = [("talent", "0006_noncompete_updated_index")]

    operations = [
        migrations.RunSQL(
            sql=FUNCTION + STATEMENT_TRIGGERS,
            reverse_sql=ROW_TRIGGERS + "DROP FUNCTION talent_status_rows_changed();",
        ),
    ]
