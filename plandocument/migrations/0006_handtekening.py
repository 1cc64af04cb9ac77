"""Frozen versions are signed (plandocument/ondertekening.py). The versions frozen before
this release are signed here, by the migration's database role: the immutability trigger
is set aside for this one statement per row (ALTER TABLE needs the table's owner, which
the application's runtime role is not, see docs/deploy.md)."""

from django.db import migrations, models


def ondertekenen(apps, schema_editor):
    if schema_editor is None:  # the test suite's replay of data migrations (conftest)
        return
    from plandocument import ondertekening

    Planversie = apps.get_model("plandocument", "Planversie")
    versies = list(Planversie.objects.filter(vastgelegd_op__isnull=False, handtekening=""))
    if not versies:
        return
    postgres = schema_editor.connection.vendor == "postgresql"
    with schema_editor.connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                "ALTER TABLE plandocument_planversie DISABLE TRIGGER planversie_onveranderlijk"
            )
        for versie in versies:
            cursor.execute(
                "UPDATE plandocument_planversie SET handtekening = %s WHERE id = %s",
                [ondertekening.handtekening(versie), versie.pk],
            )
        if postgres:
            cursor.execute(
                "ALTER TABLE plandocument_planversie ENABLE TRIGGER planversie_onveranderlijk"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("plandocument", "0005_toelichting"),
    ]

    operations = [
        migrations.AddField(
            model_name="planversie",
            name="handtekening",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="handtekening"
            ),
        ),
        migrations.RunPython(ondertekenen, migrations.RunPython.noop, elidable=False),
    ]
