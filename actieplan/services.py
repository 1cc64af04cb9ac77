"""Writes of action plans and their steps. Every write validates (full_clean) and saves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from basis.versies import versie_controleren
from meldingen.models import Soort
from meldingen.services import melden
from organisaties.models import Organisatie, Rol, User
from organisaties.selectors import leden_met_rol
from themes.models import Ambitieniveau, Thema

from .models import (
    Actieplan,
    ActieplanThema,
    Jaarafsluiting,
    MeetbaarDoel,
    NulmetingAntwoord,
    TekstDoel,
)
from .overname import overnames


def strategie_open(*, actieplan: Actieplan) -> None:
    """The plan's title and period and steps 1–3 (its strategy) wait while a version is
    under review or being frozen (ADR 0005): every write of them checks here, whichever
    way it comes (a page, a decision of the evaluation, the admin, a command). The pages
    read the status under the plan's row lock first (ActieplanMixin); this is the rule, and
    it takes the same lock (every caller writes inside a transaction)."""
    status = (
        Actieplan.objects.select_for_update()
        .order_by()
        .filter(pk=actieplan.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status in Actieplan.VERGRENDELD:
        raise ValidationError(
            _(
                "Stap 1 tot en met 3 en de titel en periode van het plan wachten op het besluit "
                "van het management over de ingediende versie."
            )
        )


@transaction.atomic
def actieplan_aanmaken(
    *, organisatie: Organisatie, titel: str, startjaar: int, eindjaar: int, samenhang: str = ""
) -> Actieplan:
    plan = Actieplan(
        organisatie=organisatie,
        titel=titel,
        startjaar=startjaar,
        eindjaar=eindjaar,
        samenhang=samenhang,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def actieplan_voortzetten(
    *,
    organisatie: Organisatie,
    vorig: Actieplan,
    delen: list[str],
    titel: str,
    startjaar: int,
    eindjaar: int,
    samenhang: str = "",
) -> tuple[Actieplan, dict[str, int]]:
    """A new plan period from the last one, in one transaction: the plan, then each chosen
    part copied by the app it belongs to (actieplan/overname.py), in the register's order
    (tenders before the actions that may be for them). The new plan says where it came
    from, and so does its history. Returns the plan and how many were copied per part."""
    if vorig.organisatie_id != organisatie.pk:
        raise ValidationError(_("Kies een actieplan van uw eigen organisatie."))
    plan = Actieplan(
        organisatie=organisatie,
        titel=titel,
        startjaar=startjaar,
        eindjaar=eindjaar,
        samenhang=samenhang,
        voortgezet_uit=vorig,
    )
    plan.full_clean()
    plan._change_reason = _("Aangemaakt uit %(vorig)s") % {"vorig": vorig}
    plan.save()
    aantallen = {
        deel.sleutel: deel.overnemen(vorig=vorig, nieuw=plan)
        for deel in overnames
        if deel.sleutel in delen
    }
    return plan, aantallen


@transaction.atomic
def actieplan_wijzigen(
    *,
    actieplan: Actieplan,
    titel: str,
    startjaar: int,
    eindjaar: int,
    samenhang: str = "",
    versie: str | None = None,
) -> None:
    """`versie`: the version the form was loaded with (basis/versies.py); None: no check."""
    strategie_open(actieplan=actieplan)
    versie_controleren(rijen=Actieplan.objects.filter(pk=actieplan.pk), verwacht=versie)
    actieplan.samenhang = samenhang
    actieplan.titel = titel
    actieplan.startjaar = startjaar
    actieplan.eindjaar = eindjaar
    actieplan.full_clean()
    actieplan.save()


def herziening_markeren(*, actieplan: Actieplan, jaar: int) -> None:
    """Steps 1–3 are reviewed every year: marked when a new year is prepared (preparing an
    earlier year again does not move the mark back)."""
    actieplan.herziening_jaar = max(jaar, actieplan.herziening_jaar or jaar)
    actieplan.save(update_fields=["herziening_jaar", "updated_at"])


@transaction.atomic
def herziening_afronden(*, actieplan: Actieplan, versie: str | None = None) -> None:
    """The coördinator has reviewed steps 1–3 for the year; the plan's history shows when."""
    strategie_open(actieplan=actieplan)
    versie_controleren(rijen=Actieplan.objects.filter(pk=actieplan.pk), verwacht=versie)
    actieplan.herziening_jaar = None
    actieplan.save(update_fields=["herziening_jaar", "updated_at"])


def jaar_afsluiten(
    *, actieplan: Actieplan, jaar: int, resultaten: dict, door: User | None
) -> tuple[Jaarafsluiting, bool]:
    """Record the year's results as they stand now, once: a year closed before keeps what
    was recorded then (running the preparation again changes nothing). Returns the record
    and whether it is new. Call inside the transaction that then moves the year's work on."""
    afsluiting, nieuw = Jaarafsluiting.objects.get_or_create(
        actieplan=actieplan,
        jaar=jaar,
        defaults={"resultaten": resultaten, "vastgelegd_door": door},
    )
    return afsluiting, nieuw


# --- Step 1: nulmeting ------------------------------------------------------------------


def nulmeting_vragen(*, actieplan: Actieplan, door: User) -> int:
    """The coördinator asks the procurement advisors who have not answered every theme yet
    to fill in the nulmeting: an e-mail to each (unless they turned that kind off; their
    to-do list shows it anyway). Returns how many were asked."""
    totaal = Thema.objects.count()
    klaar = {
        rij["user"]
        for rij in NulmetingAntwoord.objects.filter(actieplan=actieplan, niveau__isnull=False)
        .exclude(onderbouwing="")
        .values("user")
        .annotate(n=Count("pk"))
        .filter(n__gte=totaal)
    }
    adviseurs = [
        u
        for u in leden_met_rol(organisatie=actieplan.organisatie, codes=[Rol.Code.INKOOPADVISEUR])
        if u.pk not in klaar
    ]
    melden(
        ontvangers=adviseurs,
        soort=Soort.NULMETING,
        onderwerp=_("Wilt u de nulmeting van %(plan)s invullen?") % {"plan": actieplan.titel},
        tekst=_(
            "%(door)s vraagt u de nulmeting van %(plan)s in te vullen: kies per thema het "
            "niveau waarop de organisatie nu volgens u staat, met een korte onderbouwing. Het "
            "MVOI-team legt daarna per thema het niveau vast."
        )
        % {"door": door, "plan": actieplan.titel},
        pad=reverse("actieplan:nulmeting_mijn", args=[actieplan.pk]),
        organisatie=actieplan.organisatie,
    )
    return len(adviseurs)


@transaction.atomic
def nulmeting_antwoord_opslaan(
    *, actieplan: Actieplan, user: User, thema: Thema, versie: str | None = None, **velden
) -> NulmetingAntwoord:
    """Save an advisor's answer for one theme as it is: a draft may be incomplete."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=NulmetingAntwoord.objects.filter(actieplan=actieplan, user=user, thema=thema),
        verwacht=versie,
        ouder=actieplan,
    )
    antwoord = NulmetingAntwoord.objects.filter(
        actieplan=actieplan, user=user, thema=thema
    ).first() or NulmetingAntwoord(actieplan=actieplan, user=user, thema=thema)
    for veld, waarde in velden.items():
        setattr(antwoord, veld, waarde)
    antwoord.full_clean()
    antwoord.save()
    return antwoord


@transaction.atomic
def nulmeting_vaststellen(
    *,
    actieplan: Actieplan,
    thema: Thema,
    huidig_niveau: Ambitieniveau | None,
    nulmeting_samenvatting: str,
    versie: str | None = None,
) -> ActieplanThema:
    """Record the team's agreed current level and summary for one theme."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=ActieplanThema.objects.filter(actieplan=actieplan, thema=thema),
        verwacht=versie,
        ouder=actieplan,
    )
    rij = _actieplan_thema(actieplan=actieplan, thema=thema)
    rij.huidig_niveau = huidig_niveau
    rij.nulmeting_samenvatting = nulmeting_samenvatting
    rij.full_clean()
    rij.save()
    return rij


def _actieplan_thema(*, actieplan: Actieplan, thema: Thema) -> ActieplanThema:
    rij, _ = ActieplanThema.objects.select_for_update().get_or_create(
        actieplan=actieplan, thema=thema
    )
    return rij


# --- Step 2: themes and ambitions -------------------------------------------------------


def themakeuze_valideren(*, keuzes: list[dict]) -> None:
    """The rule that spans the six themes: at least one focus theme."""
    if not any(keuze.get("focus") for keuze in keuzes):
        raise ValidationError(
            _("Kies ten minste één focusthema. Een actieplan zonder focus kan niet verder."),
            code="geen_focus",
        )


@transaction.atomic
def themakeuze_opslaan(
    *, actieplan: Actieplan, keuzes: dict[Thema, dict], versie: str | None = None
) -> None:
    """Save focus, rationale and what continues, for all themes at once. `versie`: the
    version of the plan's theme rows the page was loaded with."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=ActieplanThema.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    themakeuze_valideren(keuzes=list(keuzes.values()))
    for thema, keuze in keuzes.items():
        rij = _actieplan_thema(actieplan=actieplan, thema=thema)
        rij.focus = keuze["focus"]
        rij.onderbouwing = keuze["onderbouwing"]
        rij.doorlopend = keuze["doorlopend"]
        rij.full_clean()
        rij.save()


def ambitie_valideren(*, rij: ActieplanThema) -> None:
    if rij.ambitie_lager_zonder_toelichting:
        raise ValidationError(
            {
                "toelichting_ambitie": _(
                    "De ambitie ligt lager dan het huidige niveau. Licht toe waarom."
                )
            },
            code="ambitie_lager",
        )


@transaction.atomic
def ambities_opslaan(
    *, actieplan: Actieplan, ambities: dict[Thema, dict], versie: str | None = None
) -> None:
    """Save the ambition per theme. The current level comes from the nulmeting."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=ActieplanThema.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    for thema, ambitie in ambities.items():
        rij = _actieplan_thema(actieplan=actieplan, thema=thema)
        rij.ambitie_niveau = ambitie["ambitie_niveau"]
        rij.voorbehoud = ambitie["voorbehoud"]
        rij.toelichting_ambitie = ambitie["toelichting_ambitie"]
        ambitie_valideren(rij=rij)
        rij.full_clean()
        rij.save()


# --- Step 3: goals ----------------------------------------------------------------------


def meetbare_doelen_valideren(*, doelen: list[dict]) -> None:
    """One target per kind and year."""
    gezien = set()
    for doel in doelen:
        sleutel = (doel["soort"].pk, doel["jaar"])
        if sleutel in gezien:
            raise ValidationError(
                _("Voor %(jaar)s staat dit soort doel er twee keer in. Eén doel per jaar.")
                % {"jaar": doel["jaar"]},
                code="dubbel_jaar",
            )
        gezien.add(sleutel)


@transaction.atomic
def meetbare_doelen_opslaan(
    *, actieplan: Actieplan, doelen: list[dict], versie: str | None = None
) -> list[MeetbaarDoel]:
    """Replace the plan's measurable goals by these (kind, year, percentage) rows. `versie`:
    the version of the set the page was loaded with."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=MeetbaarDoel.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    meetbare_doelen_valideren(doelen=doelen)
    # The set is saved goal by goal, matched on kind and year, so the history shows which
    # goal changed from what to what; what the evaluation recorded for a kind and year
    # stays with it.
    bestaand = {
        (doel.soort_id, doel.jaar): doel
        for doel in MeetbaarDoel.objects.filter(actieplan=actieplan).select_related("soort")
    }
    opgeslagen = []
    for gegevens in doelen:
        doel = bestaand.pop((gegevens["soort"].pk, gegevens["jaar"]), None) or MeetbaarDoel(
            actieplan=actieplan
        )
        veranderd = doel.pk is None
        for veld, waarde in gegevens.items():
            if veranderd or getattr(doel, veld) != waarde:
                setattr(doel, veld, waarde)
                veranderd = True
        doel.full_clean(validate_constraints=False)
        if veranderd:
            doel.save()
        opgeslagen.append(doel)
    for doel in bestaand.values():
        doel.delete()
    return opgeslagen


@transaction.atomic
def tekstdoelen_opslaan(
    *, actieplan: Actieplan, doelen: list[dict], versie: str | None = None
) -> list[TekstDoel]:
    """Replace the plan's goals in words by these (theme or none, text) rows."""
    strategie_open(actieplan=actieplan)
    versie_controleren(
        rijen=TekstDoel.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    # Row by row in their order, so the history shows a text that changed as a change.
    bestaand = list(TekstDoel.objects.filter(actieplan=actieplan).order_by("pk"))
    opgeslagen = []
    for index, gegevens in enumerate(doelen):
        doel = bestaand[index] if index < len(bestaand) else TekstDoel(actieplan=actieplan)
        veranderd = doel.pk is None
        for veld, waarde in gegevens.items():
            if veranderd or getattr(doel, veld) != waarde:
                setattr(doel, veld, waarde)
                veranderd = True
        doel.full_clean()
        if veranderd:
            doel.save()
        opgeslagen.append(doel)
    for doel in bestaand[len(doelen) :]:
        doel.delete()
    return opgeslagen
