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
    toegepast = ThemaToepassing.objects.filter(aanbesteding=OuterRef("pk"), toegepast=True)
    qs = (
        Aanbesteding.objects.filter(
            actieplan=actieplan, kansrijk=True, status=Aanbesteding.Status.GEGUND
        )
        .filter(Exists(toegepast))
        .annotate(geevalueerd=Exists(TenderEvaluatie.objects.filter(aanbesteding=OuterRef("pk"))))
        .select_related("eigenaar")
        .order_by("startjaar", "startkwartaal", "naam")
    )
    if jaar:
        qs = qs.filter(startjaar=jaar)
    return qs


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


def jaarcijfers(*, actieplan: Actieplan, jaar: int) -> dict:
    """Everything step 7 shows next to the team's answers, computed from steps 2–6 and the
    evaluations after award; never typed in. A fixed number of queries, whatever the
    number of tenders, actions or years."""
    # Goals: the kansrijke share against the year's goal, and every other kind's progress.
    doelen = [
        doel
        for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
        if doel.jaar == jaar
    ]
    andere = [
        doel
        for doel in doelen
        if doel.soort.berekening != Doelsoort.Berekening.KANSRIJK_MET_FOCUSTHEMA
    ]
    # Per theme: applicable, applied, in which form (tenders of the year, not vervallen).
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
            ThemaCijfers(
                thema=thema,
                toepasbaar=t.get("n_toepasbaar", 0),
                toegepast=t.get("n_toegepast", 0),
                per_vorm={
                    vorm.label: t.get(f"vorm_{vorm.value}", 0)
                    for vorm in vormen
                    if t.get(f"vorm_{vorm.value}", 0)
                },
                co2_vermeden_ton=e.get("co2"),
                sroi_euro=e.get("sroi"),
                evaluaties=e.get("evaluaties", 0),
                huidig=n.huidig_niveau_id if n else None,
                ambitie=n.ambitie_niveau_id if n else None,
            )
        )
    # Actions of the year planning: done and not done (with their reasons), extra needs.
    acties = planning_selectors.actie_list(actieplan=actieplan, filters={"jaar": jaar})
    per_status = dict(
        acties.order_by()
        .values_list("status")
        .annotate(aantal=Count("pk"))
        .values_list("status", "aantal")
    )
    niet_gedaan = list(acties.filter(status__in=[Actie.Status.UITGESTELD, Actie.Status.VERVALLEN]))
    te_evalueren = list(te_evalueren_list(actieplan=actieplan, jaar=jaar))
    return {
        "voortgang": kalender_selectors.voortgang(actieplan=actieplan, jaar=jaar),
        "andere_doelen": kalender_selectors.doelrealisatie(actieplan=actieplan, doelen=andere),
        "themas": themas,
        "acties_per_status": [
            (label, per_status.get(code, 0)) for code, label in Actie.Status.choices
        ],
        "acties_niet_gedaan": niet_gedaan,
        "actietotalen": planning_selectors.totalen(acties=acties),
        "tenders_geevalueerd": sum(1 for a in te_evalueren if a.geevalueerd),
        "tenders_te_evalueren": len(te_evalueren),
        "voortgang_per_jaar": kalender_selectors.voortgang_per_jaar(
            actieplan=actieplan, jaren=actieplan.jaren
        ),
    }
