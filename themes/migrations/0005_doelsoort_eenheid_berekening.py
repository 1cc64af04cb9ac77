import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("themes", "0004_doelsoorten")]

    operations = [
        migrations.AlterModelOptions(
            name="doelsoort",
            options={
                "ordering": ["volgorde", "naam"],
                "verbose_name": "soort doel",
                "verbose_name_plural": "soorten doelen",
            },
        ),
        migrations.AddField(
            model_name="doelsoort",
            name="volgorde",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="volgorde"),
        ),
        migrations.AddField(
            model_name="doelsoort",
            name="eenheid",
            field=models.CharField(
                choices=[("procent", "procent"), ("aantal", "aantal"), ("ton-co2", "ton CO₂")],
                default="procent",
                max_length=20,
                verbose_name="eenheid",
            ),
        ),
        migrations.AddField(
            model_name="doelsoort",
            name="met_drempel",
            field=models.BooleanField(
                default=False,
                help_text="Het doel geldt voor opdrachten vanaf een geraamde waarde in euro's.",
                verbose_name="met drempelwaarde",
            ),
        ),
        migrations.AddField(
            model_name="doelsoort",
            name="berekening",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Niet uit de kalender: in te vullen bij de evaluatie"),
                    (
                        "kansrijk-met-focusthema",
                        "Deel van de kansrijke aanbestedingen met een focusthema toegepast",
                    ),
                    (
                        "sroi-boven-drempel",
                        "Deel van de kansrijke aanbestedingen vanaf de drempelwaarde met "
                        "social return",
                    ),
                    (
                        "aantal-met-thema",
                        "Aantal aanbestedingen waarin het thema van deze soort is toegepast",
                    ),
                    ("co2-reductie", "Som van de verwachte CO₂-reductie van de aanbestedingen"),
                ],
                max_length=40,
                verbose_name="berekening uit de aanbestedingskalender",
            ),
        ),
        migrations.AddField(
            model_name="doelsoort",
            name="thema",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Alleen bij de berekening 'aantal aanbestedingen met het thema toegepast'."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="themes.thema",
                verbose_name="thema",
            ),
        ),
        migrations.AlterField(
            model_name="doelsoort",
            name="sjabloon",
            field=models.CharField(
                help_text=(
                    "Met {waarde} en {jaar} (en {drempel} bij een drempelwaarde), bijvoorbeeld: "
                    "In {waarde}% van … in {jaar}."
                ),
                max_length=300,
                verbose_name="zin",
            ),
        ),
        migrations.AddConstraint(
            model_name="doelsoort",
            constraint=models.CheckConstraint(
                condition=models.Q(("berekening", "aantal-met-thema"), _negated=True)
                | models.Q(("thema__isnull", False)),
                name="doelsoort_thema_bij_aantal_met_thema",
                violation_error_message="Kies het thema dat geteld wordt.",
            ),
        ),
    ]
