"""The seven steps of the Manifest MVOI, in order. Steps 1–3 are done once and evaluated
yearly; steps 4–7 are done again every year.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stap:
    nummer: int
    slug: str
    titel: Promise
    doel: Promise
    jaarlijks: bool


STAPPEN: tuple[Stap, ...] = (
    Stap(
        1,
        "nulmeting",
        _("Nulmeting"),
        _(
            "Breng per thema in kaart welke ambities, doelen en activiteiten er al zijn "
            "(uit beleidsdocumenten, interviews en een werksessie) en op welk van de vijf "
            "ambitieniveaus de organisatie nu staat."
        ),
        False,
    ),
    Stap(
        2,
        "themas",
        _("Thema's"),
        _(
            "Kies uit de zes thema's van het Manifest MVOI de focusthema's, elk met een "
            "onderbouwing, en leg per thema vast welk ambitieniveau u aan het eind van de "
            "planperiode wilt bereiken (de themamatrix)."
        ),
        False,
    ),
    Stap(
        3,
        "ambities-doelen",
        _("Ambities & doelen"),
        _(
            "Formuleer meetbare, stapsgewijze doelen: in welk deel van de kansrijke "
            "aanbestedingen past u per jaar een of meer gekozen thema's toe, en wat wilt u "
            "per thema bereikt hebben?"
        ),
        False,
    ),
    Stap(
        4,
        "aanbestedingskalender",
        _("Aanbestedingskalender"),
        _(
            "Houd de kansrijke aanbestedingen bij: per aanbesteding de toepasbare thema's en "
            "het kwartaal waarin het traject start. Bespreek afwijkingen (pas toe of leg uit) "
            "in het kwartaaloverleg van het MVOI-team."
        ),
        True,
    ),
    Stap(
        5,
        "borging",
        _("Borging"),
        _(
            "Leg vast wat de organisatie al doet om MVOI te borgen in de organisatie, het "
            "inkoopproces en het contractmanagement, en welke acties volgend jaar volgen."
        ),
        True,
    ),
    Stap(
        6,
        "jaarplanning",
        _("Jaarplanning"),
        _(
            "Plan de acties per kwartaal en per actorgroep: wie is verantwoordelijk, wanneer, "
            "hoe, en is er extra budget of capaciteit nodig?"
        ),
        True,
    ),
    Stap(
        7,
        "evaluatie",
        _("Evaluatie"),
        _(
            "Evalueer jaarlijks in het vierde kwartaal met het MVOI-team op strategisch, "
            "inhoudelijk en procesgericht niveau: wat ging goed, wat kon beter en waar letten "
            "we komend jaar op?"
        ),
        True,
    ),
)

STAPPEN_OP_SLUG: dict[str, Stap] = {stap.slug: stap for stap in STAPPEN}


def vorige_en_volgende(stap: Stap) -> tuple[Stap | None, Stap | None]:
    index = STAPPEN.index(stap)
    vorige = STAPPEN[index - 1] if index > 0 else None
    volgende = STAPPEN[index + 1] if index + 1 < len(STAPPEN) else None
    return vorige, volgende
