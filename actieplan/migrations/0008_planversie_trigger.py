"""On PostgreSQL a frozen version of a plan is also safe from plain SQL: a trigger refuses
UPDATE and DELETE of a row whose `vastgelegd_op` is set (the ORM refuses them already, see
`Planversie`). Other databases (SQLite for development) rely on the ORM's refusal."""

from django.db import migrations

AANMAKEN = """
CREATE FUNCTION actieplan_planversie_onveranderlijk() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Versie % van een actieplan is vastgelegd of afgesloten en verandert niet.', OLD.nummer
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER planversie_onveranderlijk
    BEFORE UPDATE OR DELETE ON actieplan_planversie
    FOR EACH ROW WHEN (OLD.vastgelegd_op IS NOT NULL)
    EXECUTE FUNCTION actieplan_planversie_onveranderlijk();
"""

VERWIJDEREN = """
DROP TRIGGER IF EXISTS planversie_onveranderlijk ON actieplan_planversie;
DROP FUNCTION IF EXISTS actieplan_planversie_onveranderlijk();
"""


def aanmaken(apps, schema_editor):
    # schema_editor is None when the test suite replays the data migrations after emptying
    # the tables (tests/conftest.py): the trigger is still there then.
    if schema_editor is not None and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AANMAKEN, params=None)


def verwijderen(apps, schema_editor):
    if schema_editor is not None and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERWIJDEREN, params=None)


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0007_versies")]

    operations = [migrations.RunPython(aanmaken, verwijderen, elidable=False)]
