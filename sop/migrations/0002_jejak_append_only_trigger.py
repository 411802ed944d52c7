"""PostgreSQL: the trail rejects UPDATE and DELETE at the database level too."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION sop_jejak_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'sop_jejak is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sop_jejak_append_only ON sop_jejak;
CREATE TRIGGER sop_jejak_append_only BEFORE UPDATE OR DELETE ON sop_jejak
    FOR EACH ROW EXECUTE FUNCTION sop_jejak_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS sop_jejak_append_only ON sop_jejak;
DROP FUNCTION IF EXISTS sop_jejak_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("sop", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
