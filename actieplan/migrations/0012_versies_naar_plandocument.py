"""The versions put to management and the concept-PDF requests move to the app of their
own, `plandocument` (ADR 0004). Their tables are renamed in place, rows, ids and the
PostgreSQL trigger that keeps a closed version as it is (0008-0009) included; this app then
forgets the two models, and plandocument's 0001 takes them up without touching the
database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0011_geschiedenis")]

    operations = [
        migrations.AlterModelTable(name="planversie", table="plandocument_planversie"),
        migrations.AlterModelTable(name="documentopdracht", table="plandocument_documentopdracht"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Planversie"),
                migrations.DeleteModel(name="Documentopdracht"),
            ]
        ),
    ]
