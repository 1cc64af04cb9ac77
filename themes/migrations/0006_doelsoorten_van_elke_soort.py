"""Goals of every kind (reference data): besides the percentage of kansrijke tenders with a
focus theme, social return above a contract value, a number of tenders with circular
criteria, a number of circular pilots and a CO₂ reduction in tonnes. The existing kind keeps
its code, so existing goals keep working; its sentence now reads {waarde}."""

from django.db import migrations

DOELSOORTEN = [
    {
        "code": "kansrijke-aanbestedingen-met-thema",
        "naam": "Kansrijke aanbestedingen met een gekozen thema toegepast",
        "sjabloon": "In {waarde}% van de kansrijke aanbestedingen uit de aanbestedingskalender "
        "van {jaar} passen we één of meer van de gekozen MVOI-thema's toe door MVOI-criteria "
        "voor de opdracht uit te vragen.",
        "eenheid": "procent",
        "berekening": "kansrijk-met-focusthema",
    },
    {
        "code": "social-return-vanaf-drempel",
        "naam": "Social return in kansrijke opdrachten vanaf een drempelwaarde",
        "sjabloon": "In {waarde}% van de kansrijke opdrachten met een geraamde waarde vanaf "
        "{drempel} die in {jaar} starten, vragen we social return.",
        "eenheid": "procent",
        "met_drempel": True,
        "berekening": "sroi-boven-drempel",
    },
    {
        "code": "aanbestedingen-met-circulaire-criteria",
        "naam": "Aanbestedingen met circulaire criteria (aantal)",
        "sjabloon": "In {jaar} passen we in {waarde} aanbestedingen circulaire criteria toe.",
        "eenheid": "aantal",
        "berekening": "aantal-met-thema",
        "thema": "circulair",
    },
    {
        "code": "circulaire-pilots",
        "naam": "Circulaire pilots (aantal)",
        "sjabloon": "In {jaar} starten we {waarde} circulaire pilots.",
        "eenheid": "aantal",
        "berekening": "",
    },
    {
        "code": "co2-reductie",
        "naam": "CO₂-reductie door aanbestedingen (ton)",
        "sjabloon": "Met de aanbestedingen die in {jaar} starten, verminderen we de uitstoot "
        "met {waarde} ton CO₂.",
        "eenheid": "ton-co2",
        "berekening": "co2-reductie",
    },
]


def laden(apps, schema_editor):
    Doelsoort = apps.get_model("themes", "Doelsoort")
    Thema = apps.get_model("themes", "Thema")
    for volgorde, gegevens in enumerate(DOELSOORTEN, start=1):
        gegevens = dict(gegevens, volgorde=volgorde)
        code = gegevens.pop("code")
        thema = gegevens.pop("thema", None)
        gegevens["thema"] = Thema.objects.get(slug=thema) if thema else None
        Doelsoort.objects.update_or_create(code=code, defaults=gegevens)


def terug(apps, schema_editor):
    Doelsoort = apps.get_model("themes", "Doelsoort")
    Doelsoort.objects.filter(code__in=[soort["code"] for soort in DOELSOORTEN[1:]]).delete()
    Doelsoort.objects.filter(code="kansrijke-aanbestedingen-met-thema").update(
        sjabloon=DOELSOORTEN[0]["sjabloon"].replace("{waarde}", "{percentage}")
    )


class Migration(migrations.Migration):
    dependencies = [("themes", "0005_doelsoort_eenheid_berekening")]

    operations = [migrations.RunPython(laden, terug)]
