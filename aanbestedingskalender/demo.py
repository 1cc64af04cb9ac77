"""A realistic demo calendar: a few dozen kansrijke tenders across the reference's product
groups and the quarters of 2025–2027, with their applicable and applied themes."""

from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal
from organisaties.models import User
from themes.models import Productgroep, Thema

from . import services
from .models import Aanbesteding

AANBESTEDINGEN = [
    # product group, name, procedure, kind, value
    ("Energie", "Levering groene stroom en gas", "europees_openbaar", "leveringen", 2_400_000),
    ("Vervoer", "Lease elektrische dienstauto's", "europees_openbaar", "diensten", 850_000),
    (
        "ICT",
        "Werkplekhardware (laptops en monitoren)",
        "europees_openbaar",
        "leveringen",
        1_200_000,
    ),
    ("GWW", "Groot onderhoud wegen noord", "europees_niet_openbaar", "werken", 3_500_000),
    (
        "Klimaatinstallaties",
        "Onderhoud klimaatinstallaties vastgoed",
        "europees_openbaar",
        "diensten",
        640_000,
    ),
    (
        "Bedrijfskleding",
        "Bedrijfskleding buitendienst",
        "nationaal_openbaar",
        "leveringen",
        180_000,
    ),
    ("Meubilair", "Kantoormeubilair stadhuis", "meervoudig_onderhands", "leveringen", 150_000),
    ("Gebouwde omgeving", "Renovatie sporthal De Vaart", "europees_openbaar", "werken", 2_900_000),
    ("Catering", "Catering en automaten", "europees_openbaar", "diensten", 420_000),
    ("Schoonmaak", "Schoonmaak gemeentelijke gebouwen", "europees_openbaar", "diensten", 1_100_000),
]

# Expected CO₂ reduction (tonnes) of the product groups where the tender states one.
CO2_REDUCTIE = {"Energie": 120, "Vervoer": 35, "GWW": 60}

VORMEN = ["gunningscriterium", "minimumeis", "contractbepaling"]
NIVEAUS = ["basis", "significant", "ambitieus"]


def kalender_vullen(*, actieplan: Actieplan, eigenaren: list[User]) -> None:
    """34 tenders over 2025–2027, owned in turn by the demo advisors; in 2025 the published
    and awarded ones explain every theme not applied, and one tender still in preparation
    is an open point for the quarterly meeting."""
    groepen = {g.naam: g for g in Productgroep.objects.prefetch_related("kansrijke_themas")}
    focus = set(actieplan.themas.filter(focus=True).values_list("thema__slug", flat=True))
    teller = 0
    for jaar, aantal, deel_toegepast in ((2025, 12, 0.75), (2026, 12, 0.8), (2027, 10, 0.85)):
        for index in range(aantal):
            groep_naam, naam, procedure, soort, waarde = AANBESTEDINGEN[(index + jaar) % 10]
            groep = groepen[groep_naam]
            kwartaal = Kwartaal(jaar, index % 4 + 1)
            toepasbaar: list[Thema] = list(groep.kansrijke_themas.all())
            toepassen = index < round(aantal * deel_toegepast)
            status = _status(kwartaal)
            if (jaar, index) == (2025, aantal - 1):  # the year's one open point
                status = Aanbesteding.Status.IN_VOORBEREIDING
            toepassingen = {}
            for positie, thema in enumerate(toepasbaar):
                if toepassen and (thema.slug in focus or positie == 0):
                    toepassingen[thema] = {
                        "toegepast": True,
                        "vorm": VORMEN[(index + positie) % 3],
                        "criteria_niveau": NIVEAUS[(index + positie) % 3],
                    }
                else:
                    toepassingen[thema] = {
                        "toegepast": False,
                        "uitleg": (
                            "Geen passende criteria in de MVI-criteriatool voor deze opdracht."
                            if status in Aanbesteding.BESLIST or index % 3 == 0
                            else ""
                        ),
                    }
            teller += 1
            services.aanbesteding_opslaan(
                actieplan=actieplan,
                velden={
                    "kenmerk": f"{jaar}-{index + 1:03d}",
                    "naam": f"{naam} {jaar}"
                    + (f" (perceel {index // 10 + 1})" if index >= 10 else ""),
                    "afdeling": "Inkoop & Facilitair" if soort != "werken" else "Openbare ruimte",
                    "eigenaar": eigenaren[index % len(eigenaren)],
                    "productgroep": groep,
                    "geraamde_waarde": waarde,
                    "procedure": procedure,
                    "soort": soort,
                    "startjaar": kwartaal.jaar,
                    "startkwartaal": kwartaal.kwartaal,
                    "kansrijk": True,
                    "status": status,
                    "sroi_percentage": 5
                    if groep_naam in ("Schoonmaak", "GWW", "Catering")
                    else None,
                    "co2_reductie_ton": CO2_REDUCTIE.get(groep_naam),
                },
                toepassingen=toepassingen,
            )


def _status(kwartaal: Kwartaal) -> str:
    if kwartaal < Kwartaal(2025, 3):
        return Aanbesteding.Status.GEGUND
    if kwartaal < Kwartaal(2026, 1):
        return Aanbesteding.Status.GEPUBLICEERD
    if kwartaal < Kwartaal(2026, 3):
        return Aanbesteding.Status.IN_VOORBEREIDING
    return Aanbesteding.Status.GEPLAND
