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
        slug = gegevens.pop("thema", None)
        gegevens["thema"] = Thema.objects.filter(slug=slug).first() if slug else None
        if slug and gegevens["thema"] is None:  # the theme was renamed: count nothing
            gegevens["berekening"] = ""
        Doelsoort.objects.update_or_create(code=code, defaults=gegevens)


def terug(apps, schema_editor):
    """The new kinds go (their goals first: PROTECT), the first kind's sentence back."""
    Doelsoort = apps.get_model("themes", "Doelsoort")
    nieuw = [soort["code"] for soort in DOELSOORTEN[1:]]
    try:
        MeetbaarDoel = apps.get_model("actieplan", "MeetbaarDoel")
    except LookupError:  # actieplan not in this migration state: PROTECT still guards
        MeetbaarDoel = None
    if MeetbaarDoel and MeetbaarDoel.objects.filter(soort_id__in=nieuw).exists():
        raise RuntimeError(
            "Terugdraaien kan niet: er zijn meetbare doelen van de nieuwe soorten. "
            "Verwijder die doelen eerst."
        )
    Doelsoort.objects.filter(code__in=nieuw).delete()
    Doelsoort.objects.filter(code="kansrijke-aanbestedingen-met-thema").update(
        sjabloon=DOELSOORTEN[0]["sjabloon"].replace("{waarde}", "{percentage}")
    )


class Migration(migrations.Migration):
    dependencies = [("themes", "0005_doelsoort_eenheid_berekening")]

    operations = [migrations.RunPython(laden, terug)]
