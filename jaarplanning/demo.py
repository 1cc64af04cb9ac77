"""The reference plan's borging and year planning (Q4 of the year before to Q4), moved to
the demo plan's current year 2026, with statuses as they stand late in that year."""

from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal
from organisaties.models import User

from . import services
from .models import Actie, Actorgroep

IN_ORGANISATIE = """SROI leeft binnen de organisatie en wordt waar toepasbaar meegenomen.
Het thema Milieu wordt standaard meegenomen, vooral in de openbare ruimte.
We hebben duidelijke acties op het thema Klimaat, mede dankzij de certificering op de \
CO₂-prestatieladder."""

IN_INKOOPPROCES = """MVOI is opgenomen in het startdocument.
MVOI is opgenomen bij het aanmaken van contracten.
We actualiseren ons inkoopbeleid en geven MVOI daarin een plek."""

STRUCT, EENM, INKOOP = (
    Actie.Borgingsgroep.STRUCTUREEL,
    Actie.Borgingsgroep.EENMALIG,
    Actie.Borgingsgroep.INKOOPPROCES,
)
G, B, K, U, V = (
    Actie.Status.GEPLAND,
    Actie.Status.BEZIG,
    Actie.Status.GEREED,
    Actie.Status.UITGESTELD,
    Actie.Status.VERVALLEN,
)

# actor group, title, from, to (quarters of the planning 2026), borging, status, reason,
# extra budget (€), extra hours
ACTIES = [
    (
        "MVOI-team",
        "MVOI-criteria vermelden in contracten",
        (2025, 4),
        (2025, 4),
        INKOOP,
        K,
        "",
        None,
        None,
    ),
    (
        "MVOI-team",
        "Voortgang aanbestedingskalender en acties uit de jaarplanning bespreken",
        (2026, 1),
        (2026, 4),
        STRUCT,
        B,
        "",
        None,
        None,
    ),
    (
        "MVOI-team",
        "Standaard evaluatie na elke kansrijke aanbesteding met MVOI",
        (2026, 1),
        (2026, 4),
        STRUCT,
        B,
        "",
        None,
        40,
    ),
    (
        "MVOI-team",
        "Evaluatie actieplan MVOI: doelen en ambities, kalender en jaarplanning",
        (2026, 4),
        (2026, 4),
        "",
        G,
        "",
        None,
        None,
    ),
    (
        "MVOI-team",
        "Regiobijeenkomst over duurzaam toepassen, met o.a. MVOI",
        (2026, 3),
        (2026, 3),
        EENM,
        U,
        "De regio heeft de bijeenkomst naar het voorjaar verschoven.",
        1500,
        16,
    ),
    (
        "Inkoop",
        "Startdocument uitbreiden met ‘Evaluatie’ en ‘Comply or explain’",
        (2025, 4),
        (2025, 4),
        INKOOP,
        K,
        "",
        None,
        None,
    ),
    (
        "Inkoop",
        "MVOI opnemen in het inkoopbeleid 2026/2027",
        (2026, 1),
        (2026, 1),
        "",
        K,
        "",
        None,
        None,
    ),
    (
        "Inkoop",
        "MVOI opnemen in inkoopaccountplannen van de aanbestedingen uit de kalender",
        (2026, 2),
        (2026, 3),
        INKOOP,
        K,
        "",
        None,
        None,
    ),
    ("Inkoop", "Aanbestedingskalender 2027 opstellen", (2026, 3), (2026, 4), "", B, "", None, None),
    (
        "Inkoop",
        "Teamsessie team Inkoop over de MVI-criteriatool",
        (2026, 1),
        (2026, 1),
        EENM,
        K,
        "",
        None,
        None,
    ),
    (
        "Inkoop",
        "Checklist duurzaamheid voor enkelvoudig onderhandse aanbestedingen",
        (2026, 4),
        (2026, 4),
        "",
        G,
        "",
        None,
        24,
    ),
    (
        "Projectleiders aanbesteding",
        "Onderzoek: Diversiteit en inclusie in aanbestedingen van facilitair en vastgoed",
        (2026, 1),
        (2026, 2),
        "",
        K,
        "",
        None,
        None,
    ),
    (
        "Projectleiders aanbesteding",
        "Kennissessie MVI-criteria aan de hand van de MVI-criteriatool",
        (2026, 2),
        (2026, 2),
        EENM,
        K,
        "",
        None,
        None,
    ),
    (
        "Projectleiders aanbesteding",
        "Kennissessie CO₂-prestatieladder",
        (2026, 3),
        (2026, 3),
        EENM,
        K,
        "",
        2500,
        None,
    ),
    (
        "GMT & DT",
        "Successensessie GMT/DT: wat doen we al en wat gaan we doen?",
        (2026, 1),
        (2026, 1),
        "",
        V,
        "Opgegaan in de voortgangsnotitie van Q2.",
        None,
        None,
    ),
    (
        "GMT & DT",
        "Voortgangsnotitie actieplan MVOI aan GMT/DT, gekoppeld aan de P&C-cyclus",
        (2026, 2),
        (2026, 2),
        STRUCT,
        K,
        "",
        None,
        None,
    ),
    (
        "GMT & DT",
        "Akkoord op het bijgestelde actieplan MVOI",
        (2026, 4),
        (2026, 4),
        "",
        G,
        "",
        None,
        None,
    ),
    (
        "Interne communicatie",
        "Praktijkvoorbeeld MVOI uit de aanbestedingen van Q2 delen met de organisatie",
        (2026, 3),
        (2026, 3),
        STRUCT,
        K,
        "",
        None,
        None,
    ),
    (
        "Interne communicatie",
        "Praktijkvoorbeeld MVOI uit de aanbestedingen van Q4 delen met de organisatie",
        (2026, 4),
        (2026, 4),
        STRUCT,
        G,
        "",
        None,
        None,
    ),
]


def planning_vullen(*, actieplan: Actieplan, verantwoordelijken: list[User]) -> None:
    services.borging_opslaan(
        actieplan=actieplan, in_organisatie=IN_ORGANISATIE, in_inkoopproces=IN_INKOOPPROCES
    )
    groepen = {
        naam: Actorgroep.objects.get_or_create(organisatie=actieplan.organisatie, naam=naam)[0]
        for naam in {groep for groep, *_rest in ACTIES}
    }
    for index, (groep, titel, van, tot, borging, status, reden, budget, uren) in enumerate(ACTIES):
        start, eind = Kwartaal(*van), Kwartaal(*tot)
        services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2026,
                "titel": titel,
                "actorgroep": groepen[groep],
                "startjaar": start.jaar,
                "startkwartaal": start.kwartaal,
                "eindjaar": eind.jaar,
                "eindkwartaal": eind.kwartaal,
                "verantwoordelijke": verantwoordelijken[index % len(verantwoordelijken)],
                "borging": borging,
                "status": status,
                "reden": reden,
                "extra_budget": budget,
                "extra_uren": uren,
            },
        )
