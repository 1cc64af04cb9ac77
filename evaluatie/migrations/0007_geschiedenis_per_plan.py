"""The plan's history page asks each model for one plan's newest records: an index on
(plan, date) reads just those, in order, however much the rest of the installation changed
(issue 26; with only the date's index, PostgreSQL could walk every other organisation's
newer records first). Plain SQL: django-simple-history builds the historical models and
their indexes itself, so the index is not in the model's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("evaluatie", "0006_cijfers_vooraf_naar_afsluiting")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX evaluatie_besluit_plan_datum ON evaluatie_historicalbesluit (actieplan_id, history_date)",
            "DROP INDEX evaluatie_besluit_plan_datum",
        ),
        migrations.RunSQL(
            "CREATE INDEX evaluatie_jaarevaluatie_plan_datum ON evaluatie_historicaljaarevaluatie (actieplan_id, history_date)",
            "DROP INDEX evaluatie_jaarevaluatie_plan_datum",
        ),
    ]
