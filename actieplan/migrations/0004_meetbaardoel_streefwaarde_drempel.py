"""A measurable goal of any kind: `percentage` becomes `streefwaarde` (a decimal in the
kind's unit, existing percentages kept as they were) and a threshold is added."""

import django.core.validators
from django.db import migrations, models


def terug_alleen_percentages(apps, schema_editor):
    """Back to whole percentages only when every goal still is one: refuse, in words, rather
    than fail on the old check constraint or round 50,5 to 51."""
    MeetbaarDoel = apps.get_model("actieplan", "MeetbaarDoel")
    anders = [
        doel
        for doel in MeetbaarDoel.objects.select_related("soort")
        if doel.soort.eenheid != "procent"
        or doel.drempel is not None
        or doel.streefwaarde != int(doel.streefwaarde)
    ]
    if anders:
        raise RuntimeError(
            f"Terugdraaien kan niet: {len(anders)} meetbare doelen zijn geen heel percentage "
            "(een aantal, tonnen CO₂, een drempelwaarde of decimalen). Verwijder of wijzig "
            "die doelen eerst."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actieplan", "0003_versie"),
        ("themes", "0006_doelsoorten_van_elke_soort"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="meetbaardoel", name="doel_percentage_max_100"),
        migrations.RenameField(
            model_name="meetbaardoel", old_name="percentage", new_name="streefwaarde"
        ),
        migrations.AlterField(
            model_name="meetbaardoel",
            name="streefwaarde",
            field=models.DecimalField(
                decimal_places=2,
                help_text="Een percentage, een aantal of tonnen CO₂: de eenheid van de soort doel.",
                max_digits=12,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="streefwaarde",
            ),
        ),
        migrations.AddField(
            model_name="meetbaardoel",
            name="drempel",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Geraamde opdrachtwaarde in euro's vanaf welke het doel geldt.",
                max_digits=14,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="drempelwaarde",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetbaardoel",
            constraint=models.CheckConstraint(
                condition=models.Q(streefwaarde__gte=0), name="doel_streefwaarde_niet_negatief"
            ),
        ),
        # Runs first when migrating back.
        migrations.RunPython(migrations.RunPython.noop, terug_alleen_percentages),
    ]
