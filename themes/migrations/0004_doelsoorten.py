from django.db import migrations

DOELSOORTEN = [
    (
        "kansrijke-aanbestedingen-met-thema",
        "Kansrijke aanbestedingen met een gekozen thema toegepast",
        "In {percentage}% van de kansrijke aanbestedingen uit de aanbestedingskalender van "
        "{jaar} passen we één of meer van de gekozen MVOI-thema's toe door MVOI-criteria voor "
        "de opdracht uit te vragen.",
    ),
]


def laden(apps, schema_editor):
    Doelsoort = apps.get_model("themes", "Doelsoort")
    for code, naam, sjabloon in DOELSOORTEN:
        Doelsoort.objects.update_or_create(code=code, defaults={"naam": naam, "sjabloon": sjabloon})


class Migration(migrations.Migration):
    dependencies = [("themes", "0003_doelsoort")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
