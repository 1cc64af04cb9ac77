"""The evaluation after each kansrijke tender. Every path in saves through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbestedingskalender import selectors as kalender_selectors
from aanbestedingskalender import services as kalender_services
from aanbestedingskalender.models import Aanbesteding
from actieplan import selectors as actieplan_selectors
from actieplan import services as plan_services
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from basis.kwartalen import Kwartaal
from basis.versies import versie_controleren
from jaarplanning import services as planning_services
from jaarplanning.models import Actie
from organisaties.models import Lidmaatschap, User
from themes.models import Thema

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


def mee_te_nemen(*, actieplan: Actieplan, jaar: int) -> dict:
    """What preparing the year after `jaar` would carry over: the tenders of `jaar` not yet
    started (planned, in preparation, postponed) whose start quarter is over – one still
    to come this quarter keeps its chance, a later run takes it – and the unfinished
    actions of its planning not carried over before. Two queries."""
    nu = Kwartaal.van_datum(timezone.localdate())
    voorbij = Q(startjaar__lt=nu.jaar) | Q(startjaar=nu.jaar, startkwartaal__lt=nu.kwartaal)
    return {
        "aanbestedingen": list(
            Aanbesteding.objects.filter(
                actieplan=actieplan, startjaar=jaar, status__in=MEE_TE_NEMEN_AANBESTEDINGEN
            )
            .filter(voorbij)
            .order_by("startkwartaal", "naam")
        ),
        "acties": list(
            Actie.objects.filter(actieplan=actieplan, jaar=jaar, status__in=MEE_TE_NEMEN_ACTIES)
            .filter(voortgezet_in__isnull=True)
            .select_related("actorgroep")
            .order_by("startjaar", "startkwartaal", "titel")
        ),
    }


@transaction.atomic
def volgend_jaar_voorbereiden(*, actieplan: Actieplan, jaar: int, door: User) -> Jaarovergang:
    """Prepare the year after `jaar` from it, in one transaction: tenders not yet started
    move to the first quarter of the next year (a recorded postponement, so the old year's
    history shows them), unfinished actions are continued in the next year's planning (the
    old action stays as it was, linked to its continuation), and steps 1–3 are marked for
    their yearly review. Nothing is deleted. Running it again carries over only what is new
    since – nothing, if nothing changed."""
    # One preparation at a time per plan: the second waits, then finds nothing left.
    Actieplan.objects.select_for_update().filter(pk=actieplan.pk).first()
    naar = jaar + 1
    if naar > actieplan.eindjaar:
        raise ValidationError(
            _(
                "%(naar)s valt buiten de planperiode %(periode)s. Verleng eerst de planperiode "
                "(titel en periode wijzigen)."
            )
            % {"naar": naar, "periode": actieplan.periode}
        )
    lijst = mee_te_nemen(actieplan=actieplan, jaar=jaar)
    voortgang = kalender_selectors.voortgang(actieplan=actieplan, jaar=jaar)
    cijfers_vooraf = {
        "toegepast": voortgang.toegepast,
        "kansrijk": voortgang.kansrijk,
        "percentage": None if voortgang.percentage is None else int(voortgang.percentage),
        "doel": None if voortgang.doel is None else str(voortgang.doel),
        "doel_gehaald": voortgang.doel_gehaald,
    }
    reden = _("Meegenomen naar %(naar)s bij het voorbereiden van het nieuwe jaar.") % {"naar": naar}
    for aanbesteding in lijst["aanbestedingen"]:
        kalender_services.aanbesteding_verplaatsen(
            aanbesteding=aanbesteding, naar=Kwartaal(naar, 1), reden=reden, door=door
        )
    leden = set(
        Lidmaatschap.objects.filter(organisatie_id=actieplan.organisatie_id).values_list(
            "user_id", flat=True
        )
    )
    for actie in lijst["acties"]:
        duur = actie.eind - actie.start
        start = Kwartaal(naar, 1)
        eind = min(start + duur, Kwartaal(naar, 4))
        planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": naar,
                "titel": actie.titel,
                "omschrijving": actie.omschrijving,
                "actorgroep": actie.actorgroep,
                "startjaar": start.jaar,
                "startkwartaal": start.kwartaal,
                "eindjaar": eind.jaar,
                "eindkwartaal": eind.kwartaal,
                # Someone who left the organisation is not carried into the new year.
                "verantwoordelijke": actie.verantwoordelijke
                if actie.verantwoordelijke_id in leden
                else None,
                "hoe": actie.hoe,
                "extra_budget": actie.extra_budget,
                "extra_uren": actie.extra_uren,
                "borging": actie.borging,
                "aanbesteding": actie.aanbesteding,
                "voortgezet_uit": actie,
            },
        )
    overgang, _nieuw = Jaarovergang.objects.get_or_create(
        actieplan=actieplan,
        naar_jaar=naar,
        defaults={"door": door, "cijfers_vooraf": cijfers_vooraf},
    )
    if lijst["aanbestedingen"] or lijst["acties"] or _nieuw:
        overgang.door = door
        overgang.aanbestedingen += len(lijst["aanbestedingen"])
        overgang.acties += len(lijst["acties"])
        overgang.save()
        plan_services.herziening_markeren(actieplan=actieplan, jaar=naar)
    return overgang


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
