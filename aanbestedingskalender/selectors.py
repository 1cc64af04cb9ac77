"""Reads of the tender calendar, always within one plan (itself scoped to an organisation)."""

import copy
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Length
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from actieplan import selectors as actieplan_selectors
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from basis.kwartalen import Kwartaal
from organisaties.models import User
from themes.models import Doelsoort, Thema

from .models import Aanbesteding, Importbestand, Kwartaaloverleg, ThemaToepassing, Verplaatsing

# The calendar's sort orders: code, label, the fields (a "-" code sorts the other way).
SORTERINGEN = [
    ("start", _("Start")),
    ("naam", _("Naam (A–Z)")),
    ("-naam", _("Naam (Z–A)")),
    ("kenmerk", _("Kenmerk")),
    ("eigenaar", _("Eigenaar (A–Z)")),
    ("-eigenaar", _("Eigenaar (Z–A)")),
    ("-waarde", _("Geraamde waarde, hoogste eerst")),
    ("waarde", _("Geraamde waarde, laagste eerst")),
    ("status", _("Status")),
    ("-status", _("Status, omgekeerd")),
]
_SORTEERVELDEN = {
    "start": [F("startjaar").asc(), F("startkwartaal").asc()],
    "naam": [F("naam").asc()],
    "kenmerk": [F("kenmerk").asc()],
    "eigenaar": [F("eigenaar__first_name").asc(nulls_last=True), F("eigenaar__last_name").asc()],
    "waarde": [F("geraamde_waarde").asc(nulls_last=True)],
    "status": [F("status").asc()],
}


def sortering(code: str) -> list:
    """The calendar's order for a sort code ("start", "-waarde", …), ties by name and key."""
    omgekeerd = code.startswith("-")
    velden = _SORTEERVELDEN.get(code.lstrip("-"), _SORTEERVELDEN["start"])
    if omgekeerd:
        velden = [
            F(v.expression.name).desc(nulls_last=True) if hasattr(v, "expression") else v
            for v in velden
        ]
    return [*velden, F("naam").asc(), F("pk").asc()]


def aanbesteding_list(*, actieplan: Actieplan, filters: dict | None = None) -> QuerySet:
    """The plan's tenders with owner, product group and theme applications loaded
    (three queries whatever the number of tenders). `filters` comes from the filter form."""
    filters = filters or {}
    qs = (
        Aanbesteding.objects.filter(actieplan=actieplan)
        .select_related("eigenaar", "productgroep")
        .prefetch_related(
            Prefetch(
                "toepassingen",
                queryset=ThemaToepassing.objects.select_related("thema").order_by(
                    "thema__volgorde"
                ),
            )
        )
        .annotate(evaluatie_ontbreekt=_evaluatie_ontbreekt())
        .order_by(*sortering(filters.get("sorteer") or "start"))
    )
    if filters.get("zoek"):
        qs = qs.filter(Q(naam__icontains=filters["zoek"]) | Q(kenmerk__icontains=filters["zoek"]))
    if filters.get("jaar"):
        qs = qs.filter(startjaar=filters["jaar"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("thema"):
        qs = qs.filter(toepassingen__thema=filters["thema"])
    if filters.get("eigenaar"):
        qs = qs.filter(eigenaar=filters["eigenaar"])
    if filters.get("kansrijk") in (True, False):
        qs = qs.filter(kansrijk=filters["kansrijk"])
    return qs


def _evaluatie_ontbreekt() -> Case:
    """An awarded kansrijke tender with a theme applied still lacks the evaluation after
    award (the evaluatie app's `TenderEvaluatie`, reached by its reverse relation: the
    calendar shows the gap without importing the app that sits on top of it)."""
    toegepast = ThemaToepassing.objects.filter(aanbesteding=OuterRef("pk"), toegepast=True)
    return Case(
        When(
            Q(status=Aanbesteding.Status.GEGUND, kansrijk=True, evaluatie__isnull=True)
            & Exists(toegepast),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def aanbesteding_get(*, actieplan: Actieplan, pk: int) -> Aanbesteding:
    return get_object_or_404(aanbesteding_list(actieplan=actieplan), pk=pk)


def verplaatsingen(*, aanbesteding: Aanbesteding) -> list[Verplaatsing]:
    return list(aanbesteding.verplaatsingen.select_related("door").order_by("created_at"))


def eigenaren(*, actieplan: Actieplan) -> QuerySet[User]:
    """Who can own a tender: the members of the plan's organisation."""
    return User.objects.filter(lidmaatschappen__organisatie_id=actieplan.organisatie_id).order_by(
        "first_name", "last_name"
    )


def standaardjaar(*, actieplan: Actieplan) -> int:
    """The year the calendar opens on: the current plan year; once the period is over,
    the last plan year that has tenders (a plan whose last year stayed empty opens where
    its work was). One query, and only then."""
    if not actieplan.periode_voorbij:
        return actieplan.lopend_jaar
    laatste = (
        Aanbesteding.objects.filter(actieplan=actieplan, startjaar__lte=actieplan.eindjaar)
        .order_by("-startjaar")
        .values_list("startjaar", flat=True)
        .first()
    )
    return laatste or actieplan.eindjaar


def kalenderjaren(*, actieplan: Actieplan) -> list[int]:
    """The plan's years and any other year a tender starts in (the database gives each
    year once, not a row per tender)."""
    jaren = set(
        Aanbesteding.objects.filter(actieplan=actieplan)
        .order_by()
        .values_list("startjaar", flat=True)
        .distinct()
    )
    return sorted(jaren | set(actieplan.jaren))


@dataclass(frozen=True)
class Voortgang:
    """The share of kansrijke tenders of a year with one or more chosen themes applied."""

    jaar: int
    toegepast: int
    kansrijk: int
    doel: Decimal | None
    focusthemas: int
    # Set for a closed year: the figure as recorded then (actieplan.Jaarafsluiting).
    vastgelegd_op: datetime.datetime | None = None

    def als_json(self) -> dict:
        return {
            "toegepast": self.toegepast,
            "kansrijk": self.kansrijk,
            "doel": None if self.doel is None else str(self.doel),
            "focusthemas": self.focusthemas,
        }

    @classmethod
    def uit_json(cls, *, jaar: int, gegevens: dict, vastgelegd_op) -> "Voortgang":
        return cls(
            jaar=jaar,
            toegepast=gegevens["toegepast"],
            kansrijk=gegevens["kansrijk"],
            doel=None if gegevens["doel"] is None else Decimal(gegevens["doel"]),
            focusthemas=gegevens["focusthemas"],
            vastgelegd_op=vastgelegd_op,
        )

    @property
    def percentage(self) -> Decimal | None:
        """Shown as a whole percentage, a half rounded up (149 of 200: 75)."""
        if not self.kansrijk:
            return None
        return procent(self.toegepast, self.kansrijk)

    @property
    def doel_gehaald(self) -> bool | None:
        """Decided on the exact share, not the rounded one: 2 of 3 misses 66,67%."""
        if self.doel is None or not self.kansrijk:
            return None
        return 100 * self.toegepast >= self.doel * self.kansrijk


def procent(teller: int, noemer: int) -> Decimal:
    """A share as a whole percentage, a half rounded up (not Python's round-half-even)."""
    return (Decimal(100 * teller) / noemer).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def voortgang_per_jaar(*, actieplan: Actieplan, jaren, vastgelegd: bool = True) -> list[Voortgang]:
    """Computed, never typed in: per year the kansrijke tenders starting in it (not vervallen)
    and how many of them apply at least one of the plan's focus themes, with the year's goal
    from step 3. A closed year shows its figure as recorded when it was closed (unless
    `vastgelegd` is False: what the calendar holds now). Four queries, whatever the number
    of years or tenders."""
    jaren = list(jaren)
    afgesloten = (
        {
            jaar: afsluiting
            for jaar, afsluiting in actieplan_selectors.jaarafsluitingen(
                actieplan=actieplan
            ).items()
            if "voortgang" in afsluiting.resultaten
        }
        if vastgelegd
        else {}
    )
    tellingen = {
        rij["startjaar"]: rij
        for rij in Aanbesteding.objects.filter(
            actieplan=actieplan, startjaar__in=jaren, kansrijk=True
        )
        .exclude(status=Aanbesteding.Status.VERVALLEN)
        .annotate(met_focus=_met_focusthema(actieplan))
        .values("startjaar")
        .annotate(kansrijk=Count("pk"), toegepast=Count("pk", filter=Q(met_focus=True)))
        .order_by()
    }
    doelen = dict(
        MeetbaarDoel.objects.filter(
            actieplan=actieplan, soort_id=Doelsoort.KANSRIJKE_AANBESTEDINGEN, jaar__in=jaren
        ).values_list("jaar", "streefwaarde")
    )
    aantal_focus = ActieplanThema.objects.filter(actieplan=actieplan, focus=True).count()
    return [
        Voortgang.uit_json(
            jaar=jaar,
            gegevens=afgesloten[jaar].resultaten["voortgang"],
            vastgelegd_op=afgesloten[jaar].vastgelegd_op,
        )
        if jaar in afgesloten
        else Voortgang(
            jaar=jaar,
            toegepast=tellingen.get(jaar, {}).get("toegepast", 0),
            kansrijk=tellingen.get(jaar, {}).get("kansrijk", 0),
            doel=doelen.get(jaar),
            focusthemas=aantal_focus,
        )
        for jaar in jaren
    ]


def _met_focusthema(actieplan: Actieplan) -> Exists:
    """Per tender: is one or more of the plan's focus themes applied?"""
    focus = ActieplanThema.objects.filter(actieplan=actieplan, focus=True).values("thema_id")
    return Exists(
        ThemaToepassing.objects.filter(
            aanbesteding=OuterRef("pk"), toegepast=True, thema_id__in=focus
        )
    )


@dataclass(frozen=True)
class Realisatie:
    """What the calendar says of one measurable goal: the realised figure in the goal's unit,
    with the count behind a percentage. `berekend` False: the calendar holds no such figure;
    `waarde` is then what the evaluation (step 7) recorded, or None."""

    doel: MeetbaarDoel
    waarde: Decimal | None = None
    teller: int | None = None
    noemer: int | None = None
    berekend: bool = True
    # Set for a goal of a closed year: as recorded then, the target as it stood included.
    vastgelegd_op: datetime.datetime | None = None

    def als_json(self) -> dict:
        return {
            "soort": self.doel.soort_id,
            "jaar": self.doel.jaar,
            "streefwaarde": str(self.doel.streefwaarde),
            "drempel": None if self.doel.drempel is None else str(self.doel.drempel),
            "waarde": None if self.waarde is None else str(self.waarde),
            "teller": self.teller,
            "noemer": self.noemer,
        }

    @property
    def waarde_tekst(self) -> str:
        return self.doel.soort.waarde_tonen(self.waarde)

    @property
    def gehaald(self) -> bool | None:
        if self.waarde is None:
            return None
        if self.noemer:  # a share: decided on the exact fraction, not the rounded figure
            return 100 * self.teller >= self.doel.streefwaarde * self.noemer
        return self.waarde >= self.doel.streefwaarde


def doelrealisatie(
    *, actieplan: Actieplan, doelen: list[MeetbaarDoel], vastgelegd: bool = True
) -> list[Realisatie]:
    """Progress of each goal as far as the calendar can tell (tenders not vervallen, counted
    in the year they start). A computed goal of a closed year shows what was recorded when
    the year was closed (unless `vastgelegd` is False); a goal the evaluation fills in by
    hand stays as typed. Two queries for all goals, whatever their number or kinds: every
    goal adds its own filtered counts or sums to a single aggregate."""
    if vastgelegd:
        afgesloten = {
            (rij["soort"], rij["jaar"]): (rij, afsluiting.vastgelegd_op)
            for afsluiting in actieplan_selectors.jaarafsluitingen(actieplan=actieplan).values()
            for rij in afsluiting.resultaten.get("doelen", [])
        }
        vast = {
            i: afgesloten[(doel.soort_id, doel.jaar)]
            for i, doel in enumerate(doelen)
            if doel.soort.berekening and (doel.soort_id, doel.jaar) in afgesloten
        }
        if vast:
            berekend = iter(
                doelrealisatie(
                    actieplan=actieplan,
                    doelen=[d for i, d in enumerate(doelen) if i not in vast],
                    vastgelegd=False,
                )
            )
            return [
                _vastgelegde_realisatie(doel, *vast[i]) if i in vast else next(berekend)
                for i, doel in enumerate(doelen)
            ]
    B = Doelsoort.Berekening
    kansrijk = Q(kansrijk=True)
    uitdrukkingen, themas = {}, set()
    for i, doel in enumerate(doelen):
        jaar, soort = Q(startjaar=doel.jaar), doel.soort
        if soort.berekening == B.KANSRIJK_MET_FOCUSTHEMA:
            noemer, teller = jaar & kansrijk, jaar & kansrijk & Q(met_focus=True)
        elif soort.berekening == B.SROI_BOVEN_DREMPEL:
            if doel.drempel is None:  # a kind that got a threshold after this goal was set
                continue
            noemer = jaar & kansrijk & Q(geraamde_waarde__gte=doel.drempel)
            teller = noemer & Q(sroi_percentage__gt=0)
        elif soort.berekening == B.AANTAL_MET_THEMA:
            themas.add(soort.thema_id)
            noemer, teller = None, jaar & Q(**{f"thema_{soort.thema_id}": True})
        elif soort.berekening == B.CO2_REDUCTIE:
            uitdrukkingen[f"som_{i}"] = Sum("co2_reductie_ton", filter=jaar)
            # How many tenders state a figure: none is "not known yet", not 0 tonnes.
            uitdrukkingen[f"met_cijfer_{i}"] = Count("co2_reductie_ton", filter=jaar)
            continue
        else:
            continue
        uitdrukkingen[f"teller_{i}"] = Count("pk", filter=teller)
        if noemer is not None:
            uitdrukkingen[f"noemer_{i}"] = Count("pk", filter=noemer)
    uitkomst = {}
    if uitdrukkingen:
        rijen = Aanbesteding.objects.filter(actieplan=actieplan).exclude(
            status=Aanbesteding.Status.VERVALLEN
        )
        rijen = rijen.annotate(
            met_focus=_met_focusthema(actieplan),
            **{
                f"thema_{thema_id}": Exists(
                    ThemaToepassing.objects.filter(
                        aanbesteding=OuterRef("pk"), toegepast=True, thema_id=thema_id
                    )
                )
                for thema_id in themas
            },
        )
        uitkomst = rijen.aggregate(**uitdrukkingen)
    realisaties = []
    for i, doel in enumerate(doelen):
        if f"som_{i}" in uitkomst:
            som = uitkomst[f"som_{i}"] if uitkomst[f"met_cijfer_{i}"] else None
            realisaties.append(Realisatie(doel=doel, waarde=som))
        elif f"noemer_{i}" in uitkomst:
            teller, noemer = uitkomst[f"teller_{i}"], uitkomst[f"noemer_{i}"]
            waarde = procent(teller, noemer) if noemer else None
            realisaties.append(Realisatie(doel=doel, waarde=waarde, teller=teller, noemer=noemer))
        elif f"teller_{i}" in uitkomst:
            teller = uitkomst[f"teller_{i}"]
            realisaties.append(Realisatie(doel=doel, waarde=Decimal(teller), teller=teller))
        elif doel.soort.berekening:  # a threshold missing: nothing to count yet
            realisaties.append(Realisatie(doel=doel))
        else:  # the calendar holds no such figure: what the evaluation recorded, if any
            realisaties.append(Realisatie(doel=doel, waarde=doel.gerealiseerd, berekend=False))
    return realisaties


def _vastgelegde_realisatie(doel: MeetbaarDoel, rij: dict, vastgelegd_op) -> Realisatie:
    """A goal of a closed year as recorded: its target and threshold as they stood then."""
    doel = copy.copy(doel)
    doel.streefwaarde = Decimal(rij["streefwaarde"])
    doel.drempel = None if rij["drempel"] is None else Decimal(rij["drempel"])
    return Realisatie(
        doel=doel,
        waarde=None if rij["waarde"] is None else Decimal(rij["waarde"]),
        teller=rij["teller"],
        noemer=rij["noemer"],
        vastgelegd_op=vastgelegd_op,
    )


def jaarresultaten(*, actieplan: Actieplan, jaar: int) -> dict:
    """What closing the year records of the calendar (actieplan.Jaarafsluiting): the share
    of kansrijke tenders with a focus theme, every computed goal of the year, and the year's
    kansrijke tenders per start quarter as the document prints them. As the data holds them
    now, never what an earlier closing recorded."""
    doelen = [
        doel
        for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
        if doel.jaar == jaar and doel.soort.berekening
    ]
    return {
        "voortgang": voortgang_per_jaar(actieplan=actieplan, jaren=[jaar], vastgelegd=False)[
            0
        ].als_json(),
        "doelen": [
            realisatie.als_json()
            for realisatie in doelrealisatie(actieplan=actieplan, doelen=doelen, vastgelegd=False)
        ],
        "kalender": documentkalender(actieplan=actieplan, jaar=jaar, vastgelegd=False),
    }


def documentkalender(*, actieplan: Actieplan, jaar: int, vastgelegd: bool = True) -> list[dict]:
    """The year's kansrijke tenders (not vervallen) as the plan document lists them: name,
    start quarter and the applicable themes (applied or not). For a closed year the list
    recorded when it was closed, so tenders moved on to the next year stay where they were
    in the year's document. Two queries."""
    if vastgelegd:
        afsluiting = actieplan_selectors.jaarafsluiting_get(actieplan=actieplan, jaar=jaar)
        if afsluiting and "kalender" in afsluiting.resultaten:
            return afsluiting.resultaten["kalender"]
    aanbestedingen = aanbesteding_list(
        actieplan=actieplan, filters={"jaar": jaar, "kansrijk": True}
    ).exclude(status=Aanbesteding.Status.VERVALLEN)
    return [
        {
            "kwartaal": a.startkwartaal,
            "naam": a.naam,
            "themas": [[t.thema.korte_naam, t.toegepast] for t in a.toepassingen.all()],
        }
        for a in aanbestedingen
    ]


def voortgang(*, actieplan: Actieplan, jaar: int) -> Voortgang:
    return voortgang_per_jaar(actieplan=actieplan, jaren=[jaar])[0]


def afwijkingen(*, actieplan: Actieplan, tot_en_met: Kwartaal) -> QuerySet[ThemaToepassing]:
    """The deviations the quarterly meeting discusses: applicable themes not applied, in
    tenders (not vervallen) that start this year up to and including the quarter, explained
    or not; from earlier years only those still without an explanation, so an open point
    never drops off the list while settled ones from past years do. Not yet read: the
    page shows them 50 at a time (a large organisation has thousands)."""
    return (
        ThemaToepassing.objects.filter(aanbesteding__actieplan=actieplan, toegepast=False)
        .filter(
            Q(
                aanbesteding__startjaar=tot_en_met.jaar,
                aanbesteding__startkwartaal__lte=tot_en_met.kwartaal,
            )
            | Q(aanbesteding__startjaar__lt=tot_en_met.jaar, uitleg="")
        )
        .exclude(aanbesteding__status=Aanbesteding.Status.VERVALLEN)
        .select_related("aanbesteding", "aanbesteding__eigenaar", "thema")
        .order_by(
            "aanbesteding__startjaar",
            "aanbesteding__startkwartaal",
            "aanbesteding__naam",
            "aanbesteding_id",
            "thema__volgorde",
        )
    )


@dataclass(frozen=True)
class Verschuivingen:
    """What moved into or out of a quarter, for its meeting."""

    erin: list[Verplaatsing]
    eruit: list[Verplaatsing]
    vervallen: list[Aanbesteding]  # dropped with a reason, that were to start in it


def verschuivingen(*, actieplan: Actieplan, kwartaal: Kwartaal) -> Verschuivingen:
    """Every move of a tender's start into or out of the quarter (by hand, by an import or
    by preparing the next year) with where from or to, why, by whom; and the tenders of the
    quarter dropped with a reason. Two queries."""
    hier = {"jaar": kwartaal.jaar, "kwartaal": kwartaal.kwartaal}
    rijen = list(
        Verplaatsing.objects.filter(aanbesteding__actieplan=actieplan)
        .filter(
            Q(naar_jaar=hier["jaar"], naar_kwartaal=hier["kwartaal"])
            | Q(van_jaar=hier["jaar"], van_kwartaal=hier["kwartaal"])
        )
        .select_related("aanbesteding", "door")
        .order_by("created_at", "pk")
    )
    return Verschuivingen(
        erin=[v for v in rijen if v.naar == kwartaal],
        eruit=[v for v in rijen if v.van == kwartaal],
        vervallen=list(
            Aanbesteding.objects.filter(
                actieplan=actieplan,
                startjaar=kwartaal.jaar,
                startkwartaal=kwartaal.kwartaal,
                status=Aanbesteding.Status.VERVALLEN,
            )
            .exclude(reden_vervallen="")
            .order_by("naam", "pk")
        ),
    )


def kwartaaloverleg_get(*, actieplan: Actieplan, kwartaal: Kwartaal) -> Kwartaaloverleg:
    return Kwartaaloverleg.objects.filter(
        actieplan=actieplan, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    ).first() or Kwartaaloverleg(
        actieplan=actieplan, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    )


def importbestand_get(
    *, actieplan: Actieplan, user: User, pk: int, soort: str = Importbestand.Soort.KALENDER
) -> Importbestand:
    """One's own upload for this plan, of this kind (a planning upload is not a calendar's)."""
    return get_object_or_404(Importbestand, actieplan=actieplan, door=user, pk=pk, soort=soort)


@dataclass(frozen=True)
class Waardetotalen:
    """The estimated value of the listed tenders: per quarter, for the year, and per theme
    applied (a tender counts for every theme it applies)."""

    per_kwartaal: dict[Kwartaal, Decimal | None]
    jaar: Decimal | None  # the total of what is listed (a year, or the whole period)
    per_thema: list[tuple[str, Decimal]]  # (theme's short name, total)


def waardetotalen(*, actieplan: Actieplan, aanbestedingen: QuerySet[Aanbesteding]) -> Waardetotalen:
    """Summed in the database: three queries, whatever the number of tenders. `aanbestedingen`
    are the plan's (filtered) tenders; the plan is named again so that PostgreSQL reaches
    the theme rows' tenders through the plan's index (3,000 tenders among 122,700: 31 ms
    with a scan of every tender, 9 ms with it)."""
    rijen = aanbestedingen.order_by()
    per_kwartaal = {
        Kwartaal(jaar, kwartaal): som
        for jaar, kwartaal, som in rijen.values("startjaar", "startkwartaal")
        .annotate(som=Sum("geraamde_waarde"))
        .values_list("startjaar", "startkwartaal", "som")
    }
    bedragen = [som for som in per_kwartaal.values() if som is not None]
    # Grouped by the theme's key (a hash of six groups, not a sort of every theme row);
    # the names come from the six themes.
    totaal_per_thema = dict(
        ThemaToepassing.objects.filter(
            aanbesteding__in=rijen.values("pk"), aanbesteding__actieplan=actieplan, toegepast=True
        )
        .values("thema_id")
        .annotate(totaal=Sum("aanbesteding__geraamde_waarde"))
        .order_by()
        .values_list("thema_id", "totaal")
    )
    per_thema = [
        (thema.korte_naam, totaal_per_thema[thema.pk])
        for thema in Thema.objects.all()  # in the themes' own order
        if totaal_per_thema.get(thema.pk)
    ]
    return Waardetotalen(
        per_kwartaal=per_kwartaal,
        jaar=sum(bedragen) if bedragen else None,
        per_thema=per_thema,
    )


def kwartaaloverleg_list(*, actieplan: Actieplan, behalve: Kwartaal | None = None) -> list:
    """The plan's recorded quarterly meetings, newest first (one query)."""
    qs = Kwartaaloverleg.objects.filter(actieplan=actieplan).order_by("-jaar", "-kwartaal")
    if behalve is not None:
        qs = qs.exclude(jaar=behalve.jaar, kwartaal=behalve.kwartaal)
    return list(qs)


ZOEKRESULTATEN = 20


def aanbesteding_zoeken(
    *, actieplan: Actieplan, tekst: str, aantal: int = ZOEKRESULTATEN
) -> list[Aanbesteding]:
    """The plan's tenders whose reference is `tekst` (exactly, any case), or else whose
    reference starts with it or whose name contains it: at most `aantal`, in calendar
    order. For a field that picks one tender among thousands: a search, not a list of
    all of them. One or two queries (an index on the plan's tenders)."""
    tekst = tekst.strip()
    if not tekst:
        return []
    rijen = Aanbesteding.objects.filter(actieplan=actieplan).order_by(
        "startjaar", "startkwartaal", "naam", "pk"
    )
    precies = list(rijen.filter(kenmerk__iexact=tekst)[:1])
    if precies:
        return precies
    return list(rijen.filter(Q(kenmerk__istartswith=tekst) | Q(naam__icontains=tekst))[:aantal])


# The export's text columns whose width follows the longest value: the resource's field
# (its attribute) and what the database measures. Other columns: their header's width.
_GEMETEN_KOLOMMEN = {
    "kenmerk": "kenmerk",
    "naam": "naam",
    "omschrijving": "omschrijving",
    "afdeling": "afdeling",
    "eigenaar": "eigenaar__email",
    "productgroep": "productgroep__naam",
}
THEMAKOLOM_BREEDTE = 38  # "toegepast: gunningscriterium, significant" and the like


def kolombreedtes(*, rijen: QuerySet[Aanbesteding], velden: list) -> list[int]:
    """The export's column widths (characters, at most 60) before its rows are written:
    the longest value of each text column measured in the database (one query); a theme's
    column as wide as its longest wording. `velden`: the resource's export fields."""
    gemeten = {
        veld.attribute: _GEMETEN_KOLOMMEN[veld.attribute]
        for veld in velden
        if veld.attribute in _GEMETEN_KOLOMMEN
    }
    langste = rijen.order_by().aggregate(
        **{naam: Max(Length(pad)) for naam, pad in gemeten.items()}
    )
    breedtes = []
    for veld in velden:
        waarde = langste.get(veld.attribute) or 0
        if veld.attribute.startswith("_thema_"):
            waarde = THEMAKOLOM_BREEDTE
        breedtes.append(min(max(len(veld.column_name), waarde) + 3, 60))
    return breedtes
