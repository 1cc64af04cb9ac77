"""The headline figure a preparation kept (`Jaarovergang.cijfers_vooraf`) becomes the closed
year's recorded figure (actieplan.Jaarafsluiting, key "voortgang"): step 7 and the
document then show it for that year instead of what the calendar holds after the move.
The other figures of such a year were never kept: they stay computed from the data."""

from django.db import migrations


def naar_afsluiting(apps, schema_editor):
    Jaarovergang = apps.get_model("evaluatie", "Jaarovergang")
    Jaarafsluiting = apps.get_model("actieplan", "Jaarafsluiting")
    ActieplanThema = apps.get_model("actieplan", "ActieplanThema")
    for overgang in Jaarovergang.objects.all():
        cijfers = overgang.cijfers_vooraf or {}
        if cijfers.get("kansrijk") is None:
            continue
        Jaarafsluiting.objects.get_or_create(
            actieplan_id=overgang.actieplan_id,
            jaar=overgang.naar_jaar - 1,
            defaults={
                "resultaten": {
                    "voortgang": {
                        "toegepast": cijfers["toegepast"],
                        "kansrijk": cijfers["kansrijk"],
                        "doel": cijfers.get("doel"),
                        # Not kept then; only says whether focus themes were chosen.
                        "focusthemas": ActieplanThema.objects.filter(
                            actieplan_id=overgang.actieplan_id, focus=True
                        ).count(),
                    }
                },
                "vastgelegd_op": overgang.created_at,
                "vastgelegd_door_id": overgang.door_id,
            },
        )


def terug(apps, schema_editor):
    Jaarovergang = apps.get_model("evaluatie", "Jaarovergang")
    Jaarafsluiting = apps.get_model("actieplan", "Jaarafsluiting")
    for overgang in Jaarovergang.objects.all():
        afsluiting = Jaarafsluiting.objects.filter(
            actieplan_id=overgang.actieplan_id, jaar=overgang.naar_jaar - 1
        ).first()
        voortgang = afsluiting.resultaten.get("voortgang") if afsluiting else None
        if voortgang:
            kansrijk, toegepast = voortgang["kansrijk"], voortgang["toegepast"]
            overgang.cijfers_vooraf = {
                "toegepast": toegepast,
                "kansrijk": kansrijk,
                "percentage": round(100 * toegepast / kansrijk) if kansrijk else None,
                "doel": voortgang["doel"],
                "doel_gehaald": None,
            }
            overgang.save(update_fields=["cijfers_vooraf"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluatie", "0005_besluit"),
        ("actieplan", "0013_jaarafsluiting"),
    ]

    # The column stays for now: code of the release before still writes it during a
    # rolling deploy. A later release drops it.
    operations = [migrations.RunPython(naar_afsluiting, terug)]
