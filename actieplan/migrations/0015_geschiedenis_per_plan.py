"""The plan's history page asks each model for one plan's newest records: an index on
(plan, date) reads just those, in order, however much the rest of the installation changed
(issue 26; with only the date's index, PostgreSQL could walk every other organisation's
newer records first). Plain SQL: django-simple-history builds the historical models and
their indexes itself, so the index is not in the model's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0014_voortgezet_uit")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX actieplan_actieplanthema_plan_datum ON actieplan_historicalactieplanthema (actieplan_id, history_date)",
            "DROP INDEX actieplan_actieplanthema_plan_datum",
        ),
        migrations.RunSQL(
            "CREATE INDEX actieplan_meetbaardoel_plan_datum ON actieplan_historicalmeetbaardoel (actieplan_id, history_date)",
            "DROP INDEX actieplan_meetbaardoel_plan_datum",
        ),
        migrations.RunSQL(
            "CREATE INDEX actieplan_nulmetingantwoord_plan_datum ON actieplan_historicalnulmetingantwoord (actieplan_id, history_date)",
            "DROP INDEX actieplan_nulmetingantwoord_plan_datum",
        ),
        migrations.RunSQL(
            "CREATE INDEX actieplan_tekstdoel_plan_datum ON actieplan_historicaltekstdoel (actieplan_id, history_date)",
            "DROP INDEX actieplan_tekstdoel_plan_datum",
        ),
    ]
