"""Demo evaluations after award: every awarded kansrijke tender with a theme applied but the
last one (so the calendar shows one gap), with effect figures per theme."""

import datetime
from decimal import Decimal

from django.utils import timezone

from actieplan import services as plan_services
from actieplan.models import Actieplan, Jaarafsluiting
from organisaties.models import User
from themes.models import Doelsoort

from . import selectors, services
from .models import Jaarovergang

# Per theme: what the market offered, whether it worked, the lesson and the figures.
PER_THEMA = {
    "klimaat": (
        "Drie van de vier inschrijvers rijden elektrisch of op HVO.",
        "ja",
        "Vraag de CO₂-berekening al bij de inschrijving op.",
        {"co2_vermeden_ton": Decimal("12.5")},
    ),
    "social-return": (
        "Inschrijvers boden werkplekken via het werkbedrijf aan.",
        "ja",
        "Spreek de invulling per kwartaal door met het werkbedrijf.",
        {"sroi_percentage": Decimal("5")},
    ),
    "circulair": (
        "Twee inschrijvers boden gerecycled materiaal aan, één een terugnamegarantie.",
        "deels",
        "Maak het aandeel gerecycled materiaal meetbaar in de gunningscriteria.",
        {"circulair_percentage": Decimal("30")},
    ),
    "milieu": (
        "Ecolabels waren breed beschikbaar.",
        "ja",
        "De minimumeis kan volgend jaar scherper.",
        {"overig_waarde": Decimal("250"), "overig_eenheid": "kg afval voorkomen"},
    ),
}
ANDERS = ("De markt kon aan de eisen voldoen.", "deels", "Eerder met de markt in gesprek.", {})


def evaluaties_vullen(*, actieplan: Actieplan) -> None:
    aanbestedingen = list(selectors.te_evalueren_list(actieplan=actieplan))
    for aanbesteding in aanbestedingen[:-1]:
        effecten = {}
        for toepassing in selectors.toegepaste_themas(aanbesteding=aanbesteding):
            markt, gewerkt, lessen, cijfers = PER_THEMA.get(toepassing.thema.slug, ANDERS)
            if "sroi_percentage" in cijfers and aanbesteding.geraamde_waarde:
                cijfers = cijfers | {
                    "sroi_euro": aanbesteding.geraamde_waarde * cijfers["sroi_percentage"] / 100
                }
            effecten[toepassing.thema] = {
                "markt": markt,
                "gewerkt": gewerkt,
                "lessen": lessen,
                **cijfers,
            }
        services.tender_evaluatie_opslaan(
            aanbesteding=aanbesteding, effecten=effecten, door=aanbesteding.eigenaar
        )


JAAREVALUATIE_2025 = {
    "strategisch_goed": "Het MVOI-team komt elk kwartaal bij elkaar en de opkomst is goed.\n"
    "Het eerste actieplan is door GMT/DT vastgesteld.",
    "strategisch_beter": "Projectleiders buiten Inkoop weten het team nog te weinig te vinden.\n"
    "Het team is klein: bij ziekte ligt het overleg stil.",
    "strategisch_letten": "Een tweede lid vanuit Openbare ruimte toevoegen.",
    "inhoudelijk_goed": "Het jaardoel van 75% is gehaald.\n"
    "Klimaat en Circulair worden vaak toegepast.",
    "inhoudelijk_beter": "Ketenverantwoordelijkheid en Social return zijn in 2025 nergens "
    "toegepast; de effecten meten we nog niet overal.",
    "inhoudelijk_letten": "Per kansrijke aanbesteding vooraf afspreken welk effect we meten.",
    "procesgericht_goed": "9 van de 12 kansrijke aanbestedingen pasten een focusthema toe.\n"
    "De eerste jaarplanning (voor 2026) is in het vierde kwartaal opgesteld.",
    "procesgericht_beter": "De evaluatie na gunning ontbreekt nog bij één aanbesteding.",
    "procesgericht_letten": "De evaluatie na gunning opnemen in het startdocument.\n"
    "2025 had nog geen jaarplanning met acties; vanaf 2026 wel.",
    "besluiten": "Het doel voor Social return vanaf € 250.000 in 2027 gaat van 75% naar 60%: "
    "in 2025 vroeg 38% van die opdrachten social return. De coördinator past het toe in "
    "stap 3.",
}


def jaarevaluatie_vullen(*, actieplan: Actieplan) -> None:
    """The 2025 evaluation; of the two circular pilots planned, one was started. One
    decision recorded and not yet applied: the coördinator sees it on step 7."""
    services.jaarevaluatie_opslaan(
        actieplan=actieplan,
        jaar=2025,
        gerealiseerd={
            doel: Decimal(1)
            for doel in selectors.niet_gemeten_doelen(actieplan=actieplan, jaar=2025)
        },
        **JAAREVALUATIE_2025,
    )
    services.besluit_vastleggen(
        actieplan=actieplan,
        jaar=2025,
        door=actieplan.organisatie.lidmaatschappen.filter(rollen__code="mvoi_teamlid").first().user,
        soort="doel",
        doelsoort=Doelsoort.objects.get(code="social-return-vanaf-drempel"),
        doeljaar=2027,
        streefwaarde=Decimal(60),
        toelichting="In 2025 vroeg 38% van de opdrachten vanaf € 250.000 social return; "
        "75% in 2027 is niet haalbaar.",
    )


def jaar_2025_afsluiten(*, actieplan: Actieplan, door: User) -> None:
    """The coördinator closed 2025 in January 2026: its one tender not started (the second
    lot of the office furniture) was dropped, so 2025 keeps its recorded 9 of 12; then the
    yearly review of steps 1–3 was done. Dated as then."""
    open_punten = services.mee_te_nemen(actieplan=actieplan, jaar=2025)["aanbestedingen"]
    services.volgend_jaar_voorbereiden(
        actieplan=actieplan,
        jaar=2025,
        door=door,
        aanbestedingen={
            a.pk: services.Keuze(
                "vervalt", reden="Samengevoegd met perceel 1 in de aanbesteding van 2026."
            )
            for a in open_punten
        },
    )
    toen = timezone.make_aware(datetime.datetime(2026, 1, 15, 10, 0))
    Jaarafsluiting.objects.filter(actieplan=actieplan, jaar=2025).update(vastgelegd_op=toen)
    Jaarovergang.objects.filter(actieplan=actieplan, naar_jaar=2026).update(created_at=toen)
    plan_services.herziening_afronden(actieplan=Actieplan.objects.get(pk=actieplan.pk))
