from django.db import migrations

ROLLEN = ["inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder"]


def rollen_laden(apps, schema_editor):
    Rol = apps.get_model("organisaties", "Rol")
    for volgorde, code in enumerate(ROLLEN, start=1):
        Rol.objects.update_or_create(code=code, defaults={"volgorde": volgorde})


def rollen_verwijderen(apps, schema_editor):
    apps.get_model("organisaties", "Rol").objects.filter(code__in=ROLLEN).delete()


class Migration(migrations.Migration):
    dependencies = [("organisaties", "0001_initial")]

    operations = [migrations.RunPython(rollen_laden, rollen_verwijderen)]
