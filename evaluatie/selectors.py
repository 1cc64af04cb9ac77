"""Reads of the evaluation, always within one plan (itself scoped to an organisation)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from aanbestedingskalender import selectors as kalender_selectors
from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
from actieplan import selectors as actieplan_selectors
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from jaarplanning import selectors as planning_selectors
from jaarplanning.models import Actie
from themes.models import Doelsoort, Thema

from .models import Besluit, Jaarevaluatie, Jaarovergang, TenderEvaluatie, ThemaEffect


def te_evalueren_list(*, actieplan: Actieplan, jaar: int | None = None) -> QuerySet[Aanbesteding]:
    """The plan's awarded kansrijke tenders with one or more themes applied – the ones the
    reference evaluates after award – with `geevalueerd` annotated. One query."""
    return te_evalueren_list_voor(plannen=[actieplan.pk], jaar=jaar)


def te_evalueren_list_voor(
    *, plannen: list[int], jaar: int | None = None
) -> QuerySet[Aanbesteding]:
    """As `te_evalueren_list`, for several plans of one organisation at once."""
    toegepast = ThemaToepassing.objects.filter(aanbesteding=OuterRef("pk"), toegepast=True)
    qs = (
        Aanbesteding.objects.filter(
            actieplan_id__in=plannen, kansrijk=True, status=Aanbesteding.Status.GEGUND
        )
        .filter(Exists(toegepast))
        .annotate(geevalueerd=Exists(TenderEvaluatie.objects.filter(aanbesteding=OuterRef("pk"))))
        .select_related("eigenaar")
        .order_by("startjaar", "startkwartaal", "naam", "pk")
    )
    if jaar:
        qs = qs.filter(startjaar=jaar)
    return qs


def tender_evaluaties_telling(*, actieplan: Actieplan, jaar: int | None) -> dict:
    """How many of the year's tenders (every year's: `jaar` None) to evaluate after award
    are evaluated now. One query."""
    return te_evalueren_list(actieplan=actieplan, jaar=jaar).aggregate(
        klaar=Count("pk", filter=Q(geevalueerd=True)), totaal=Count("pk")
    )


def tender_evaluatie_get(*, aanbesteding: Aanbesteding) -> TenderEvaluatie | None:
    return (
        TenderEvaluatie.objects.filter(aanbesteding=aanbesteding)
        .prefetch_related(
            Prefetch("effecten", queryset=ThemaEffect.objects.select_related("thema"))
        )
        .first()
    )


def toegepaste_themas(*, aanbesteding: Aanbesteding) -> list[ThemaToepassing]:
    return list(
        aanbesteding.toepassingen.filter(toegepast=True)
        .select_related("thema")
        .order_by("thema__volgorde")
    )


def jaarevaluatie_get(*, actieplan: Actieplan, jaar: int) -> Jaarevaluatie:
    """The plan year's evaluation, or an unsaved empty one."""
    return Jaarevaluatie.objects.filter(actieplan=actieplan, jaar=jaar).first() or Jaarevaluatie(
        actieplan=actieplan, jaar=jaar
    )


def niet_gemeten_doelen(*, actieplan: Actieplan, jaar: int) -> list:
    """The year's measurable goals of a kind the calendar cannot compute: their achieved
    figure is recorded at the evaluation."""
    return [
        doel
        for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
        if doel.jaar == jaar and not doel.soort.berekening
    ]


def besluit_list(*, actieplan: Actieplan, jaar: int) -> list:
    return list(
        Besluit.objects.filter(actieplan=actieplan, jaar=jaar).select_related(
            "thema", "ambitieniveau", "doelsoort", "vastgelegd_door", "toegepast_door"
        )
    )


def besluit_get(*, actieplan: Actieplan, pk: int):
    return get_object_or_404(
        Besluit.objects.select_related("thema", "ambitieniveau", "doelsoort"),
        actieplan=actieplan,
        pk=pk,
    )


def besluit_huidig(besluit) -> str:
    """What a decision would change, as it stands now in step 2b or 3."""
    if besluit.soort == Besluit.Soort.AMBITIE:
        rij = (
            ActieplanThema.objects.filter(actieplan_id=besluit.actieplan_id, thema=besluit.thema)
            .select_related("ambitie_niveau")
            .first()
        )
        return str(rij.ambitie_niveau) if rij and rij.ambitie_niveau else "–"
    doel = MeetbaarDoel.objects.filter(
        actieplan_id=besluit.actieplan_id, soort_id=besluit.doelsoort_id, jaar=besluit.doeljaar
    ).first()
    return doel.streefwaarde_tekst if doel else "–"


def jaarovergang_get(*, actieplan: Actieplan, naar: int) -> Jaarovergang | None:
    return Jaarovergang.objects.filter(actieplan=actieplan, naar_jaar=naar).first()


def aanbesteding_get(*, actieplan: Actieplan, pk: int) -> Aanbesteding:
    return get_object_or_404(
        Aanbesteding.objects.select_related("eigenaar"), actieplan=actieplan, pk=pk
    )


# --- Step 7: the year's figures, computed -----------------------------------------------


@dataclass(frozen=True)
class ThemaCijfers:
    thema: Thema
    toepasbaar: int
    toegepast: int
    per_vorm: dict  # vorm label -> count of applied
    co2_vermeden_ton: Decimal | None
    sroi_euro: Decimal | None
    evaluaties: int
    huidig: int | None
    ambitie: int | None


@dataclass(frozen=True)
class NietGedaan:
    """An action of the year not carried out, with its reason."""

    titel: str
    status: str  # the status's label
    reden: str


def _decimaal(waarde: str | None) -> Decimal | None:
    return None if waarde is None else Decimal(waarde)


def _tekst(waarde: Decimal | None) -> str | None:
    return None if waarde is None else str(waarde)


def _eigen_resultaten(*, actieplan: Actieplan, jaar: int) -> dict:
    """Step 7's own computed figures of the year as JSON (the calendar's are in
    kalender_selectors.jaarresultaten): per theme what was applicable, applied and in which
    form with the effects evaluated after award; the actions of the year planning; the
    evaluations after award. A fixed number of queries, whatever the number of tenders,
    actions or years."""
    vormen = ThemaToepassing.Vorm
    toepassingen = {
        rij["thema_id"]: rij
        for rij in ThemaToepassing.objects.filter(
            aanbesteding__actieplan=actieplan, aanbesteding__startjaar=jaar
        )
        .exclude(aanbesteding__status=Aanbesteding.Status.VERVALLEN)
        .values("thema_id")
        .annotate(
            # Aliases unlike the fields: an alias named "toegepast" would shadow the field in
            # the filters below.
            n_toepasbaar=Count("pk"),
            n_toegepast=Count("pk", filter=Q(toegepast=True)),
            **{
                f"vorm_{vorm.value}": Count("pk", filter=Q(toegepast=True, vorm=vorm.value))
                for vorm in vormen
            },
        )
        .order_by()
    }
    # Effect figures summed per theme, from the evaluations after award.
    effecten = {
        rij["thema_id"]: rij
        for rij in ThemaEffect.objects.filter(
            evaluatie__aanbesteding__actieplan=actieplan,
            evaluatie__aanbesteding__startjaar=jaar,
        )
        .exclude(evaluatie__aanbesteding__status=Aanbesteding.Status.VERVALLEN)
        # Only a theme the tender still applies: an effect of a theme set back to "not
        # applied" (or removed) afterwards does not count.
        .filter(
            Exists(
                ThemaToepassing.objects.filter(
                    aanbesteding=OuterRef("evaluatie__aanbesteding"),
                    thema=OuterRef("thema"),
                    toegepast=True,
                )
            )
        )
        .values("thema_id")
        .annotate(
            co2=Sum("co2_vermeden_ton"),
            sroi=Sum("sroi_euro"),
            evaluaties=Count("pk"),
        )
        .order_by()
    }
    niveaus = {
        rij.thema_id: rij for rij in actieplan_selectors.actieplan_thema_list(actieplan=actieplan)
    }
    themas = []
    for thema in Thema.objects.order_by("volgorde"):
        t, e, n = toepassingen.get(thema.pk, {}), effecten.get(thema.pk, {}), niveaus.get(thema.pk)
        themas.append(
            {
                "thema": thema.pk,
                "toepasbaar": t.get("n_toepasbaar", 0),
                "toegepast": t.get("n_toegepast", 0),
                "per_vorm": {
                    vorm.value: t[f"vorm_{vorm.value}"]
                    for vorm in vormen
                    if t.get(f"vorm_{vorm.value}", 0)
                },
                "co2_vermeden_ton": _tekst(e.get("co2")),
                "sroi_euro": _tekst(e.get("sroi")),
                "evaluaties": e.get("evaluaties", 0),
                "huidig": n.huidig_niveau_id if n else None,
                "ambitie": n.ambitie_niveau_id if n else None,
            }
        )
    # Actions of the year planning: done and not done (with their reasons), extra needs.
    acties = planning_selectors.actie_list(actieplan=actieplan, filters={"jaar": jaar})
    per_status = dict(
        acties.order_by()
        .values_list("status")
        .annotate(aantal=Count("pk"))
        .values_list("status", "aantal")
    )
    totalen = planning_selectors.totalen(acties=acties)
    telling = tender_evaluaties_telling(actieplan=actieplan, jaar=jaar)  # counted in SQL
    return {
        "themas": themas,
        "acties": {
            "per_status": per_status,
            "niet_gedaan": [
                {"titel": actie.titel, "status": actie.status, "reden": actie.reden}
                for actie in acties.filter(
                    status__in=[Actie.Status.UITGESTELD, Actie.Status.VERVALLEN]
                )
            ],
            "totalen": {
                "aantal": totalen.aantal,
                "extra_budget": str(totalen.extra_budget),
                "extra_uren": str(totalen.extra_uren),
                "met_budget_of_uren": totalen.met_budget_of_uren,
            },
        },
        "tenders": {
            "geevalueerd": telling["klaar"],
            "te_evalueren": telling["totaal"],
        },
    }


def jaarresultaten(*, actieplan: Actieplan, jaar: int) -> dict:
    """What closing the year records (actieplan.Jaarafsluiting): every computed figure of
    step 7 and of the goals' progress, and the calendar as the document prints it; as the
    data holds them now."""
    return kalender_selectors.jaarresultaten(actieplan=actieplan, jaar=jaar) | _eigen_resultaten(
        actieplan=actieplan, jaar=jaar
    )


def jaarcijfers(*, actieplan: Actieplan, jaar: int) -> dict:
    """Everything step 7 shows next to the team's answers, computed from steps 2–6 and the
    evaluations after award, never typed in; for a closed year as recorded when it was
    closed (with `afsluiting`), so moving its tenders on afterwards changes nothing. The
    same path for both: the figures are read from their recorded form either way. A fixed
    number of queries, whatever the number of tenders, actions or years."""
    afsluiting = actieplan_selectors.jaarafsluiting_get(actieplan=actieplan, jaar=jaar)
    if afsluiting and "themas" in afsluiting.resultaten:
        eigen = afsluiting.resultaten
    else:
        eigen = _eigen_resultaten(actieplan=actieplan, jaar=jaar)
    # The kansrijke share and the other goals: the calendar's selectors show a closed year
    # as recorded themselves (step 4 shows the same figures).
    doelen = [
        doel
        for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
        if doel.jaar == jaar
        and doel.soort.berekening != Doelsoort.Berekening.KANSRIJK_MET_FOCUSTHEMA
    ]
    themas = {thema.pk: thema for thema in Thema.objects.all()}
    vormen = dict(ThemaToepassing.Vorm.choices)
    statussen = dict(Actie.Status.choices)
    acties, totalen = eigen["acties"], eigen["acties"]["totalen"]
    return {
        "afsluiting": afsluiting,
        "voortgang": kalender_selectors.voortgang(actieplan=actieplan, jaar=jaar),
        "andere_doelen": kalender_selectors.doelrealisatie(actieplan=actieplan, doelen=doelen),
        "themas": [
            ThemaCijfers(
                thema=themas[rij["thema"]],
                toepasbaar=rij["toepasbaar"],
                toegepast=rij["toegepast"],
                # In the forms' own order: PostgreSQL's jsonb does not keep a dict's order.
                per_vorm={
                    label: rij["per_vorm"][vorm]
                    for vorm, label in vormen.items()
                    if vorm in rij["per_vorm"]
                },
                co2_vermeden_ton=_decimaal(rij["co2_vermeden_ton"]),
                sroi_euro=_decimaal(rij["sroi_euro"]),
                evaluaties=rij["evaluaties"],
                huidig=rij["huidig"],
                ambitie=rij["ambitie"],
            )
            for rij in eigen["themas"]
        ],
        "acties_per_status": [
            (label, acties["per_status"].get(code, 0)) for code, label in Actie.Status.choices
        ],
        "acties_niet_gedaan": [
            NietGedaan(titel=rij["titel"], status=statussen[rij["status"]], reden=rij["reden"])
            for rij in acties["niet_gedaan"]
        ],
        "actietotalen": planning_selectors.Totalen(
            aantal=totalen["aantal"],
            extra_budget=Decimal(totalen["extra_budget"]),
            extra_uren=Decimal(totalen["extra_uren"]),
            met_budget_of_uren=totalen["met_budget_of_uren"],
        ),
        "tenders_geevalueerd": eigen["tenders"]["geevalueerd"],
        "tenders_te_evalueren": eigen["tenders"]["te_evalueren"],
        "voortgang_per_jaar": kalender_selectors.voortgang_per_jaar(
            actieplan=actieplan, jaren=actieplan.jaren
        ),
    }
