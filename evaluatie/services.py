"""The evaluation after each kansrijke tender. Every path in saves through here."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from aanbestedingskalender import services as kalender_services
from aanbestedingskalender.models import Aanbesteding
from actieplan import selectors as actieplan_selectors
from actieplan import services as plan_services
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from basis.kwartalen import Kwartaal
from basis.versies import versie_controleren
from jaarplanning import services as planning_services
from jaarplanning.models import Actie
from organisaties.models import User
from organisaties.selectors import lid_ids
from themes.models import Thema

from . import selectors
from .models import Besluit, Jaarevaluatie, Jaarovergang, TenderEvaluatie, ThemaEffect

EFFECTVELDEN = (
    "markt",
    "gewerkt",
    "lessen",
    "co2_vermeden_ton",
    "sroi_euro",
    "sroi_percentage",
    "circulair_percentage",
    "overig_waarde",
    "overig_eenheid",
)


def te_evalueren(aanbesteding: Aanbesteding) -> bool:
    """An awarded kansrijke tender is evaluated (the reference's standard evaluation)."""
    return aanbesteding.kansrijk and aanbesteding.status == Aanbesteding.Status.GEGUND


@transaction.atomic
def tender_evaluatie_opslaan(
    *,
    aanbesteding: Aanbesteding,
    effecten: dict[Thema, dict],
    door: User | None = None,
    versie: str | None = None,
) -> TenderEvaluatie:
    """Record the evaluation of an awarded kansrijke tender: per applied theme what the
    market offered, whether it worked, lessons and effect figures. `effecten` holds the
    tender's applied themes only. `versie`: of the evaluation as the form was loaded."""
    versie_controleren(
        rijen=TenderEvaluatie.objects.filter(aanbesteding=aanbesteding),
        verwacht=versie,
        ouder=aanbesteding,
    )
    if not te_evalueren(aanbesteding):
        raise ValidationError(
            _("Een kansrijke aanbesteding evalueert u zodra ze gegund is."), code="niet_gegund"
        )
    toegepast = set(
        aanbesteding.toepassingen.filter(toegepast=True).values_list("thema_id", flat=True)
    )
    vreemd = [thema for thema in effecten if thema.pk not in toegepast]
    if vreemd:
        raise ValidationError(
            _("%(thema)s is in deze aanbesteding niet toegepast.") % {"thema": vreemd[0]},
            code="niet_toegepast",
        )
    evaluatie, _nieuw = TenderEvaluatie.objects.get_or_create(aanbesteding=aanbesteding)
    evaluatie.door = door
    evaluatie.save()
    bestaand = {effect.thema_id: effect for effect in evaluatie.effecten.all()}
    for thema, velden in effecten.items():
        effect = bestaand.get(thema.pk) or ThemaEffect(evaluatie=evaluatie, thema=thema)
        for veld in EFFECTVELDEN:
            if veld in velden:
                setattr(effect, veld, velden[veld])
        effect.full_clean()
        effect.save()
    return evaluatie


@transaction.atomic
def jaarevaluatie_opslaan(
    *,
    actieplan: Actieplan,
    jaar: int,
    versie: str | None = None,
    gerealiseerd: dict | None = None,
    **velden,
) -> Jaarevaluatie:
    """Step 7's answers and decisions for a plan year. `versie`: as the form was loaded.
    `gerealiseerd`: {goal: figure or None} for the year's goals the calendar cannot measure
    (only those of this plan and year, of a kind without a calculation, are changed)."""
    if jaar not in actieplan.jaren:
        raise ValidationError(
            _("Kies een jaar van de planperiode (%(periode)s).") % {"periode": actieplan.periode}
        )
    versie_controleren(
        rijen=Jaarevaluatie.objects.filter(actieplan=actieplan, jaar=jaar),
        verwacht=versie,
        ouder=actieplan,
    )
    evaluatie, _nieuw = Jaarevaluatie.objects.get_or_create(actieplan=actieplan, jaar=jaar)
    for veld, waarde in velden.items():
        setattr(evaluatie, veld, waarde)
    evaluatie.full_clean()
    evaluatie.save()
    if gerealiseerd:
        te_meten = {
            doel.pk: doel
            for doel in MeetbaarDoel.objects.filter(
                actieplan=actieplan, jaar=jaar, soort__berekening=""
            )
        }
        for doel, waarde in gerealiseerd.items():
            if doel.pk not in te_meten:
                raise ValidationError(
                    _(
                        "Dit doel meet de aanbestedingskalender zelf, of het hoort niet "
                        "bij %(jaar)s."
                    )
                    % {"jaar": jaar}
                )
            opgeslagen = te_meten[doel.pk]
            opgeslagen.gerealiseerd = waarde
            opgeslagen.full_clean()
            opgeslagen.save()
    return evaluatie


# --- The next year -----------------------------------------------------------------------

MEE_TE_NEMEN_AANBESTEDINGEN = (
    Aanbesteding.Status.GEPLAND,
    Aanbesteding.Status.IN_VOORBEREIDING,
    Aanbesteding.Status.UITGESTELD,
)
MEE_TE_NEMEN_ACTIES = (Actie.Status.GEPLAND, Actie.Status.BEZIG, Actie.Status.UITGESTELD)


class AanbestedingKeuze(models.TextChoices):
    """What becomes of a tender of the closing year that has not started."""

    VERPLAATSEN = "verplaatsen", _l("Gaat naar het nieuwe jaar")
    GESTART = "gestart", _l("Is toch gestart (gepubliceerd)")
    GEGUND = "gegund", _l("Is al gegund")
    VERVALT = "vervalt", _l("Gaat niet door (vervalt)")


class ActieKeuze(models.TextChoices):
    """What becomes of an unfinished action of the closing year."""

    VOORTZETTEN = "voortzetten", _l("Gaat door in het nieuwe jaar")
    GEREED = "gereed", _l("Is toch gereed")
    VERVALT = "vervalt", _l("Vervalt")


@dataclass(frozen=True)
class Keuze:
    """The coordinator's choice for one tender or action; `kwartaal`: its start quarter in
    the new year when it moves; `reden`: why (needed when it is dropped)."""

    keuze: str
    kwartaal: int = 1
    reden: str = ""


@dataclass
class Voorbereiding:
    """What preparing the next year did (or, tried, would do)."""

    overgang: Jaarovergang
    afsluiting: object  # actieplan.Jaarafsluiting of the closing year
    afsluiting_nieuw: bool
    aanbestedingen: dict = field(default_factory=dict)  # keuze → [(aanbesteding, Keuze)]
    acties: dict = field(default_factory=dict)  # keuze → [(actie, Keuze)]

    @property
    def gestart_of_gegund(self) -> list:
        return (
            self.aanbestedingen[AanbestedingKeuze.GESTART]
            + self.aanbestedingen[AanbestedingKeuze.GEGUND]
        )

    @property
    def veranderd(self) -> bool:
        return (
            self.afsluiting_nieuw or any(self.aanbestedingen.values()) or any(self.acties.values())
        )


class _Proef(Exception):
    """Undoes a trial run (the preview) after it has run."""


def mee_te_nemen_rijen(*, actieplan: Actieplan, jaar: int) -> dict[str, QuerySet]:
    """What preparing the year after `jaar` asks a choice for, not yet read: the tenders of
    `jaar` not yet started (planned, in preparation, postponed) whose start quarter is
    over – one still to come this quarter keeps its chance, a later run takes it – and
    the unfinished actions of its planning not carried over before."""
    nu = Kwartaal.van_datum(timezone.localdate())
    voorbij = Q(startjaar__lt=nu.jaar) | Q(startjaar=nu.jaar, startkwartaal__lt=nu.kwartaal)
    return {
        "aanbestedingen": Aanbesteding.objects.filter(
            actieplan=actieplan, startjaar=jaar, status__in=MEE_TE_NEMEN_AANBESTEDINGEN
        )
        .filter(voorbij)
        .select_related("eigenaar")
        .order_by("startkwartaal", "naam", "pk"),
        "acties": Actie.objects.filter(
            actieplan=actieplan, jaar=jaar, status__in=MEE_TE_NEMEN_ACTIES
        )
        .filter(voortgezet_in__isnull=True)
        .select_related("actorgroep")
        .order_by("startjaar", "startkwartaal", "titel", "pk"),
    }


def mee_te_nemen(*, actieplan: Actieplan, jaar: int) -> dict:
    """The same, read: two queries."""
    return {
        soort: list(rijen)
        for soort, rijen in mee_te_nemen_rijen(actieplan=actieplan, jaar=jaar).items()
    }


def volgend_jaar_voorbereiden(
    *,
    actieplan: Actieplan,
    jaar: int,
    door: User,
    aanbestedingen: dict[int, Keuze] | None = None,
    acties: dict[int, Keuze] | None = None,
    standaard_kwartaal: int = 1,
    proef: bool = False,
) -> Voorbereiding:
    """Close `jaar` and prepare the next year from it, in one transaction
    (docs/adr/0006-een-jaar-blijft-zoals-het-was.md):

    1. what the coordinator says happened in `jaar` is set there: tenders that did start
       or were awarded, actions that were done after all or are dropped (with the reason);
    2. the year's results are recorded as they now stand (once: a year closed before keeps
       what was recorded then);
    3. then the rest moves on: tenders to their quarter of the next year (a recorded
       postponement, so both quarters' meetings show it) or dropped with their reason;
       unfinished actions continued in the next year's planning (the old one stays as it
       was, linked to its continuation); steps 1–3 are marked for their yearly review.

    `aanbestedingen`/`acties`: choices by primary key; a tender without a choice moves to
    `standaard_kwartaal` of the next year, an action without one continues. Only what is
    still open is touched, so running it again (or a form sent twice) changes nothing that
    was done. `proef`: run it all and undo it (the preview shows exactly what confirming
    will do)."""
    try:
        with transaction.atomic():
            uitkomst = _voorbereiden(
                actieplan=actieplan,
                jaar=jaar,
                door=door,
                aanbestedingen=aanbestedingen or {},
                acties=acties or {},
                standaard_kwartaal=standaard_kwartaal,
            )
            if proef:
                raise _Proef
    except _Proef:
        pass
    return uitkomst


def afsluitbaar(jaar: int) -> bool:
    """A year can be closed from its fourth quarter on: a record made earlier would freeze
    figures of a year still being worked in (ADR 0006)."""
    return Kwartaal.van_datum(timezone.localdate()) >= Kwartaal(jaar, 4)


def _voorbereiden(
    *, actieplan, jaar, door, aanbestedingen, acties, standaard_kwartaal
) -> Voorbereiding:
    naar = jaar + 1
    if naar > actieplan.eindjaar:
        raise ValidationError(
            _(
                "%(naar)s valt buiten de planperiode %(periode)s. Verleng eerst de planperiode "
                "in stap 1 (titel en periode)."
            )
            % {"naar": naar, "periode": actieplan.periode}
        )
    if not afsluitbaar(jaar):
        raise ValidationError(
            _(
                "%(jaar)s kan pas worden afgesloten vanaf het vierde kwartaal: de cijfers "
                "worden dan vastgelegd en veranderen daarna niet meer."
            )
            % {"jaar": jaar}
        )
    lijst = mee_te_nemen(actieplan=actieplan, jaar=jaar)
    standaard_a = Keuze(AanbestedingKeuze.VERPLAATSEN, kwartaal=standaard_kwartaal)
    standaard_b = Keuze(ActieKeuze.VOORTZETTEN)
    per_aanbesteding = {
        keuze: [
            (a, aanbestedingen.get(a.pk, standaard_a))
            for a in lijst["aanbestedingen"]
            if aanbestedingen.get(a.pk, standaard_a).keuze == keuze
        ]
        for keuze in AanbestedingKeuze.values
    }
    per_actie = {
        keuze: [
            (a, acties.get(a.pk, standaard_b))
            for a in lijst["acties"]
            if acties.get(a.pk, standaard_b).keuze == keuze
        ]
        for keuze in ActieKeuze.values
    }

    # A drop needs its reason: checked first, so nothing is touched when one lacks it.
    for aanbesteding, k in per_aanbesteding[AanbestedingKeuze.VERVALT]:
        if not k.reden.strip():
            raise ValidationError(
                _("%(naam)s: geef de reden waarom de aanbesteding vervalt.")
                % {"naam": aanbesteding.naam}
            )
    for actie, k in per_actie[ActieKeuze.VERVALT]:
        if not k.reden.strip():
            raise ValidationError(
                _("%(titel)s: geef de reden waarom de actie vervalt.") % {"titel": actie.titel}
            )

    # 1. What happened in the closing year.
    for keuze, status in (
        (AanbestedingKeuze.GESTART, Aanbesteding.Status.GEPUBLICEERD),
        (AanbestedingKeuze.GEGUND, Aanbesteding.Status.GEGUND),
    ):
        for aanbesteding, _k in per_aanbesteding[keuze]:
            try:
                kalender_services.status_wijzigen(aanbesteding=aanbesteding, status=status)
            except ValidationError as e:
                raise ValidationError(f"{aanbesteding.naam}: {' '.join(e.messages)}") from None
    for keuze, status in (
        (ActieKeuze.GEREED, Actie.Status.GEREED),
        (ActieKeuze.VERVALT, Actie.Status.VERVALLEN),
    ):
        for actie, k in per_actie[keuze]:
            planning_services.status_afsluiten(actie=actie, status=status, reden=k.reden)

    # 2. The year's results as they now stand, before anything leaves the year.
    afsluiting, afsluiting_nieuw = plan_services.jaar_afsluiten(
        actieplan=actieplan,
        jaar=jaar,
        resultaten=selectors.jaarresultaten(actieplan=actieplan, jaar=jaar),
        door=door,
    )

    # 3. The rest moves on.
    standaardreden = _("Meegenomen naar %(naar)s bij het voorbereiden van het nieuwe jaar.") % {
        "naar": naar
    }
    for aanbesteding, k in per_aanbesteding[AanbestedingKeuze.VERPLAATSEN]:
        kalender_services.aanbesteding_verplaatsen(
            aanbesteding=aanbesteding,
            naar=Kwartaal(naar, k.kwartaal),
            reden=k.reden.strip() or standaardreden,
            door=door,
        )
    for aanbesteding, k in per_aanbesteding[AanbestedingKeuze.VERVALT]:
        kalender_services.status_wijzigen(
            aanbesteding=aanbesteding,
            status=Aanbesteding.Status.VERVALLEN,
            reden_vervallen=k.reden,
        )
    leden = lid_ids(organisatie_id=actieplan.organisatie_id)
    for actie, k in per_actie[ActieKeuze.VOORTZETTEN]:
        planning_services.actie_voortzetten(
            actie=actie, actieplan=actieplan, jaar=naar, startkwartaal=k.kwartaal, leden=leden
        )
    overgang, nieuw = Jaarovergang.objects.get_or_create(
        actieplan=actieplan, naar_jaar=naar, defaults={"door": door}
    )
    verplaatst = len(per_aanbesteding[AanbestedingKeuze.VERPLAATSEN])
    voortgezet = len(per_actie[ActieKeuze.VOORTZETTEN])
    uitkomst = Voorbereiding(
        overgang=overgang,
        afsluiting=afsluiting,
        afsluiting_nieuw=afsluiting_nieuw,
        aanbestedingen=per_aanbesteding,
        acties=per_actie,
    )
    if uitkomst.veranderd or nieuw:
        overgang.door = door
        overgang.aanbestedingen += verplaatst
        overgang.acties += voortgezet
        overgang.save()
        # On a copy: a preview (undone) must not leave the mark on the caller's plan.
        plan_services.herziening_markeren(
            actieplan=Actieplan.objects.get(pk=actieplan.pk), jaar=naar
        )
    return uitkomst


# --- Decisions of the evaluation ----------------------------------------------------------


def besluit_vastleggen(*, actieplan: Actieplan, jaar: int, door: User, **velden) -> Besluit:
    """Record a decision to change an ambition or a goal. Changes neither yet."""
    besluit = Besluit(actieplan=actieplan, jaar=jaar, vastgelegd_door=door, **velden)
    besluit.full_clean()
    if besluit.soort == Besluit.Soort.DOEL:
        doel = _doel_van(besluit)
        if doel is None:
            raise ValidationError({"doelsoort": _("Kies een doel van dit plan.")})
        # The new target must be one step 3 accepts (no 150%, no half a pilot): else the
        # decision could never be applied.
        doel.streefwaarde = besluit.streefwaarde
        try:
            doel.clean()
        except ValidationError as fout:
            raise ValidationError(
                {"streefwaarde": fout.message_dict.get("streefwaarde", fout.messages)}
            ) from None
    besluit.save()
    return besluit


@transaction.atomic
def besluit_toepassen(*, besluit: Besluit, door: User) -> Besluit:
    """The coördinator applies a recorded decision to step 2b or 3, through those steps'
    own services (their rules and their history); once."""
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    if besluit.toegepast_op:
        raise ValidationError(_("Dit besluit is al toegepast."))
    try:
        besluit.clean()  # one made outside the form (the admin, an old row) may lack a field
    except ValidationError:
        raise ValidationError(
            _(
                "Dit besluit is onvolledig (het noemt geen thema, niveau of doel) en kan niet "
                "worden toegepast."
            )
        ) from None
    actieplan = besluit.actieplan
    if besluit.soort == Besluit.Soort.AMBITIE:
        rij = ActieplanThema.objects.filter(actieplan=actieplan, thema=besluit.thema).first()
        plan_services.ambities_opslaan(
            actieplan=actieplan,
            ambities={
                besluit.thema: {
                    "ambitie_niveau": besluit.ambitieniveau,
                    "voorbehoud": rij.voorbehoud if rij else "",
                    "toelichting_ambitie": besluit.toelichting,
                }
            },
        )
    else:
        bijgesteld = _doel_van(besluit)
        if bijgesteld is None:
            raise ValidationError(_("Het doel van dit besluit staat niet meer in stap 3."))
        doelen = [
            {
                "soort": doel.soort,
                "jaar": doel.jaar,
                "streefwaarde": besluit.streefwaarde if doel == bijgesteld else doel.streefwaarde,
                "drempel": doel.drempel,
            }
            for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
        ]
        plan_services.meetbare_doelen_opslaan(actieplan=actieplan, doelen=doelen)
    besluit.toegepast_door = door
    besluit.toegepast_op = timezone.now()
    besluit.save()
    return besluit


def _doel_van(besluit: Besluit):
    """The plan's goal of the decision's kind and year, if step 3 still has it."""
    return MeetbaarDoel.objects.filter(
        actieplan_id=besluit.actieplan_id, soort_id=besluit.doelsoort_id, jaar=besluit.doeljaar
    ).first()
