"""Every existing organisation gets the reference plan's actor groups (a new organisation
gets them from the signal in JaarplanningConfig.ready). Organisations with groups are left
alone."""

from django.db import migrations

STANDAARD_ACTORGROEPEN = [
    "MVOI-team",
    "Inkoop",
    "Projectleiders aanbesteding",
    "GMT & DT",
    "Interne communicatie",
]


def laden(apps, schema_editor):
    Organisatie = apps.get_model("organisaties", "Organisatie")
    Actorgroep = apps.get_model("jaarplanning", "Actorgroep")
    for organisatie in Organisatie.objects.exclude(actorgroepen__isnull=False):
        Actorgroep.objects.bulk_create(
            [
                Actorgroep(organisatie=organisatie, naam=naam, volgorde=volgorde)
                for volgorde, naam in enumerate(STANDAARD_ACTORGROEPEN, start=1)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("jaarplanning", "0001_acties_en_borging")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
