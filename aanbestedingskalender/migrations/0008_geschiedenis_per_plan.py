"""The plan's history page asks each model for one plan's newest records: an index on
(plan, date) reads just those, in order, however much the rest of the installation changed
(issue 26; with only the date's index, PostgreSQL could walk every other organisation's
newer records first). Plain SQL: django-simple-history builds the historical models and
their indexes itself, so the index is not in the model's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("aanbestedingskalender", "0007_reden_vervallen")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX aanbesteding_aanbesteding_plan_datum ON aanbestedingskalender_historicalaanbesteding (actieplan_id, history_date)",
            "DROP INDEX aanbesteding_aanbesteding_plan_datum",
        ),
        migrations.RunSQL(
            "CREATE INDEX aanbesteding_kwartaaloverleg_plan_datum ON aanbestedingskalender_historicalkwartaaloverleg (actieplan_id, history_date)",
            "DROP INDEX aanbesteding_kwartaaloverleg_plan_datum",
        ),
    ]
