"""The explanations in the plan document: how the plan came about and how each step was
done, as the reference plan has them (issue 23). Each has a default text filled in from the
plan's own data (the nulmeting's number of interviews and work sessions, the focus themes,
the year); the coördinator may rewrite any of them for this plan (`Toelichting`). A text
left equal to its default is not stored, so its figures keep following the data."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actieplan import selectors as plan_selectors
from actieplan.models import Actieplan, NulmetingAntwoord
from actieplan.services import strategie_open
from basis.versies import versie_controleren

from .models import Toelichting


@dataclass(frozen=True)
class Tekstsoort:
    sleutel: str  # "inleiding" or a step's slug
    kop: str
    standaard: str  # str.format with the values of `waarden`


INLEIDING = "inleiding"

SOORTEN = [
    Tekstsoort(
        INLEIDING,
        gettext_lazy("Inleiding: wat is MVOI?"),
        gettext_lazy(
            "Maatschappelijk verantwoord opdrachtgeven en inkopen (MVOI) betekent dat "
            "{organisatie} naast de prijs van producten, diensten en werken ook rekening "
            "houdt met hun milieueffecten en sociale gevolgen. De ‘O’ van opdrachtgeven "
            "benadrukt dat MVOI niet alleen een zaak van inkoop is: wie een opdracht geeft, "
            "bepaalt "
            "mee wat er wordt gevraagd. {manifest}\n\n"
            "Dit actieplan is een levend document: met focus, kleine stappen en een "
            "groeimodel passen we MVOI toe. Het volgt de zeven stappen hieronder. Stap 1 tot "
            "en met 3 doen we één keer en evalueren we elk jaar; stap 4 tot en met 7 doen we "
            "elk jaar opnieuw."
        ),
    ),
    Tekstsoort(
        "nulmeting",
        gettext_lazy("Stap 1. Nulmeting: hoe is de nulmeting uitgevoerd?"),
        gettext_lazy(
            "Met de nulmeting is in kaart gebracht waar {organisatie} nu staat op het gebied "
            "van MVOI. Per thema uit het Manifest MVOI zijn de ambities, doelstellingen en "
            "activiteiten geïnventariseerd, en is bepaald op welk van de vijf ambitieniveaus "
            "de organisatie staat; bijlage 1 en 2 lichten de thema's en niveaus toe. "
            "{methode}"
        ),
    ),
    Tekstsoort(
        "themas",
        gettext_lazy("Stap 2. Thema's kiezen: waarom deze focus?"),
        gettext_lazy(
            "Het Manifest MVOI kent zes thema's. Om focus aan te brengen is in overleg met "
            "het MVOI-team en het management gekozen voor {focus}. Dat betekent niet dat de "
            "andere thema's onbelangrijk zijn: we kiezen bewust waar de prioriteit ligt, en "
            "zetten voort wat we op de andere thema's al doen. Per thema staat hieronder de "
            "onderbouwing, en in de themamatrix waar we staan en waar we naartoe willen."
        ),
    ),
    Tekstsoort(
        "ambities-doelen",
        gettext_lazy("Stap 3. Ambities en doelen: waarom stap voor stap?"),
        gettext_lazy(
            "De doelen zijn bewust realistisch en stapsgewijs opgesteld, zodat ze haalbaar "
            "en eenvoudig meetbaar zijn: elk jaar een stap verder. De aanbestedingskalender "
            "(stap 4) is het uitgangspunt. Omdat die alleen de kansrijke aanbestedingen "
            "bevat, en aanbestedingen in de praktijk wijzigen, bijkomen of schuiven, kiezen "
            "we voor relatieve doelen: een deel van de kansrijke aanbestedingen per jaar. "
            "We vragen de MVOI-thema's uit in de opdracht zelf, zodat de impact in onze "
            "eigen organisatie zit."
        ),
    ),
    Tekstsoort(
        "aanbestedingskalender",
        gettext_lazy("Stap 4. Aanbestedingskalender: hoe wordt hij beheerd?"),
        gettext_lazy(
            "De aanbestedingskalender helpt bij het structureren en plannen van "
            "aanbestedingen. Hij is geen volledig overzicht van alle aanbestedingen van "
            "{organisatie}: hij bevat de kansrijke, waarin het MVOI-team kansen ziet om MVOI "
            "toe te passen. Per aanbesteding staat welke thema's toepasbaar zijn en in welk "
            "kwartaal het traject start. Het MVOI-team bespreekt de kalender elk kwartaal: "
            "afwijkingen worden daar toegelicht (pas toe of leg uit) en verschuivingen "
            "vastgelegd. Bij de jaarlijkse evaluatie rapporteren we over MVOI in de "
            "gekozen aanbestedingen."
        ),
    ),
    Tekstsoort(
        "borging",
        gettext_lazy("Stap 5. Borging: wat is het doel?"),
        gettext_lazy(
            "Borging van MVOI betekent dat MVOI geen losse inspanning is, maar een vast "
            "onderdeel van het werk en de cultuur van de organisatie. We hebben in kaart "
            "gebracht wat we al doen in de organisatie en in het inkoopproces en "
            "contractmanagement, en welke acties we in {jaar} uitvoeren om MVOI verder te "
            "borgen."
        ),
    ),
    Tekstsoort(
        "jaarplanning",
        gettext_lazy("Stap 6. Jaarplanning: hoe is zij opgesteld?"),
        gettext_lazy(
            "In de jaarplanning staan de concrete acties voor {jaar} en het laatste kwartaal "
            "van {vorig_jaar}: voor de kansrijke aanbestedingen, het inkoopproces en de "
            "borging van MVOI. Per actie staat wie verantwoordelijk is, wanneer zij loopt, "
            "hoe zij wordt uitgevoerd en of er extra budget of capaciteit nodig is. In stap 7 "
            "kijken we elk jaar of we binnen budget en capaciteit bleven."
        ),
    ),
    Tekstsoort(
        "evaluatie",
        gettext_lazy("Stap 7. Evaluatie: hoe evalueren we?"),
        gettext_lazy(
            "Deze stap voeren we elk jaar in het vierde kwartaal uit met het MVOI-team. We "
            "kijken terug op de aanbestedingskalender en de jaarplanning, op drie niveaus: "
            "strategisch, inhoudelijk en procesgericht. Daarna doorlopen we stap 4 tot en "
            "met 6 voor het komende jaar. De cijfers hieronder komen uit de kalender, de "
            "jaarplanning en de evaluaties na gunning; ze zijn niet met de hand ingevuld."
        ),
    ),
]
SOORTEN_OP_SLEUTEL = {soort.sleutel: soort for soort in SOORTEN}


def _methode(actieplan: Actieplan) -> str:
    """The nulmeting's method in figures, from the advisors' answers (one query); counts
    nobody recorded are left out rather than printed as none."""
    cijfers = NulmetingAntwoord.objects.filter(actieplan=actieplan).aggregate(
        adviseurs=Count("user", distinct=True),
        interviews=Sum("aantal_interviews"),
        werksessies=Sum("aantal_werksessies"),
    )
    if not cijfers["adviseurs"]:
        return _(
            "De inkoopadviseurs vullen de nulmeting per thema in, op basis van "
            "beleidsdocumenten, interviews en werksessies; daarna stelt het MVOI-team per "
            "thema het niveau vast. Er zijn nog geen antwoorden."
        )
    bronnen = [_("beleidsdocumenten")]
    if cijfers["interviews"]:
        bronnen.append(
            ngettext("%(aantal)s interview", "%(aantal)s interviews", cijfers["interviews"])
            % {"aantal": cijfers["interviews"]}
        )
    if cijfers["werksessies"]:
        bronnen.append(
            ngettext(
                "%(aantal)s werksessie met het MVOI-team",
                "%(aantal)s werksessies met het MVOI-team",
                cijfers["werksessies"],
            )
            % {"aantal": cijfers["werksessies"]}
        )
    return (
        ngettext(
            "Daarvoor gaf %(aantal)s inkoopadviseur per thema een beeld, op basis van %(bronnen)s.",
            "Daarvoor gaven %(aantal)s inkoopadviseurs per thema hun beeld, op basis van "
            "%(bronnen)s.",
            cijfers["adviseurs"],
        )
        % {"aantal": cijfers["adviseurs"], "bronnen": get_text_list(bronnen, _("en"))}
        + " "
        + _(
            "Het MVOI-team stelde daarna per thema het niveau vast. Hieronder per thema de "
            "samenvatting, met het niveau."
        )
    )


def waarden(*, actieplan: Actieplan, jaar: int) -> dict[str, str]:
    """The values the default texts are filled in with."""
    organisatie = actieplan.organisatie
    focus = [
        rij.thema.naam
        for rij in plan_selectors.actieplan_thema_list(actieplan=actieplan)
        if rij.focus
    ]
    if organisatie.manifest_ondertekend_op:
        manifest = _(
            "%(naam)s ondertekende het Manifest MVOI op %(datum)s en beschrijft in dit "
            "actieplan hoe zij die handtekening omzet in concrete actie."
        ) % {
            "naam": organisatie.gedrukte_naam,
            "datum": date_format(organisatie.manifest_ondertekend_op, "j F Y"),
        }
    else:
        manifest = _("In dit actieplan beschrijft %(naam)s hoe zij MVOI in de praktijk brengt.") % {
            "naam": organisatie.gedrukte_naam
        }
    return {
        "organisatie": organisatie.gedrukte_naam,
        "manifest": manifest,
        "methode": _methode(actieplan),
        "focus": (
            _("%(aantal)s focusthema's: %(namen)s")
            % {"aantal": len(focus), "namen": get_text_list(focus, _("en"))}
            if len(focus) != 1
            else _("één focusthema: %(naam)s") % {"naam": focus[0]}
        )
        if focus
        else _("focusthema's; welke, staat hieronder zodra het MVOI-team ze kiest"),
        "jaar": str(jaar),
        "vorig_jaar": str(jaar - 1),
    }


def standaardteksten(*, actieplan: Actieplan, jaar: int) -> dict[str, str]:
    gegevens = waarden(actieplan=actieplan, jaar=jaar)
    return {soort.sleutel: str(soort.standaard).format(**gegevens) for soort in SOORTEN}


def eigen_teksten(*, actieplan: Actieplan) -> dict[str, str]:
    """The texts the coördinator wrote for this plan (one query)."""
    return dict(Toelichting.objects.filter(actieplan=actieplan).values_list("sleutel", "tekst"))


def teksten(*, actieplan: Actieplan, jaar: int) -> dict[str, str]:
    """Per key the text the document prints: the plan's own, else the default."""
    return standaardteksten(actieplan=actieplan, jaar=jaar) | eigen_teksten(actieplan=actieplan)


def kenmerk(tekst: str) -> str:
    """A text's fingerprint, as the form carries the defaults it showed."""
    return hashlib.sha256(_gewoon(tekst).encode()).hexdigest()


def _gewoon(tekst: str) -> str:
    return (tekst or "").replace("\r\n", "\n").strip()


@transaction.atomic
def toelichtingen_opslaan(
    *,
    actieplan: Actieplan,
    teksten: dict[str, str],
    jaar: int,
    versie: str | None = None,
    getoond: dict[str, str] | None = None,
) -> int:
    """Store the coördinator's texts: a text left empty or equal to its default is not
    stored (its stored version, if any, goes), so the default's figures keep following the
    data. Equal to its default means: to the default now, or to the one the form showed
    (`getoond`: key → `kenmerk`), so a field left alone stays the default when an adviser's
    answer changed the figures meanwhile. Part of the plan's strategy: waits while a version
    is under review. Returns the number of texts the plan now has of its own."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=Toelichting.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    standaard = standaardteksten(actieplan=actieplan, jaar=jaar)
    bestaand = {t.sleutel: t for t in Toelichting.objects.filter(actieplan=actieplan)}
    getoond = getoond or {}
    for sleutel, tekst in teksten.items():
        if sleutel not in SOORTEN_OP_SLEUTEL:
            continue
        tekst = _gewoon(tekst)
        oud = bestaand.get(sleutel)
        if (
            not tekst
            or tekst == _gewoon(standaard[sleutel])
            or kenmerk(tekst) == getoond.get(sleutel)
        ):
            if oud is not None:
                oud.delete()
        elif oud is None:
            Toelichting.objects.create(actieplan=actieplan, sleutel=sleutel, tekst=tekst)
        elif oud.tekst != tekst:
            oud.tekst = tekst
            oud.save()
    return Toelichting.objects.filter(actieplan=actieplan).count()
