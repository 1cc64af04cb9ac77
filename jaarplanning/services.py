"""The rules of steps 5 and 6. Every path in (form, import, demo) saves through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal
from basis.versies import versie_controleren
from organisaties.models import Lidmaatschap, Organisatie

from .models import STANDAARD_ACTORGROEPEN, Actie, Actorgroep, Borging

_ONGEWIJZIGD = object()


def planningskwartalen(jaar: int) -> list[Kwartaal]:
    """The quarters of a year's planning: the last quarter of the year before (a planning
    is made in Q4, as the reference's Q4 2024 – Q4 2025) and the year's four."""
    return [Kwartaal(jaar - 1, 4) + i for i in range(5)]


def actorgroepen_aanmaken(*, organisatie: Organisatie) -> list[Actorgroep]:
    """The reference's actor groups for an organisation that has none yet. Idempotent."""
    if Actorgroep.objects.filter(organisatie=organisatie).exists():
        return list(Actorgroep.objects.filter(organisatie=organisatie))
    return Actorgroep.objects.bulk_create(
        [
            Actorgroep(organisatie=organisatie, naam=naam, volgorde=volgorde)
            for volgorde, naam in enumerate(STANDAARD_ACTORGROEPEN, start=1)
        ]
    )


def actie_valideren(*, actie: Actie) -> None:
    """The planning's rules, each told at its field: the year is a plan year; the quarters
    lie in that year's planning (from Q4 of the year before) and run forward; a postponed or
    dropped action says why; the actor group and the responsible person belong to the
    plan's organisation."""
    plan = actie.actieplan
    fouten = {}
    if actie.jaar and not plan.startjaar <= actie.jaar <= plan.eindjaar:
        fouten["jaar"] = _("Kies een jaar van de planperiode (%(periode)s).") % {
            "periode": plan.periode
        }
    elif actie.jaar and actie.startjaar and actie.startkwartaal:
        toegestaan = planningskwartalen(actie.jaar)
        if actie.start not in toegestaan:
            fouten["startkwartaal"] = _(
                "Een actie van de jaarplanning %(jaar)s begint tussen %(van)s en %(tot)s."
            ) % {"jaar": actie.jaar, "van": toegestaan[0], "tot": toegestaan[-1]}
        elif actie.eindjaar and actie.eindkwartaal:
            if actie.eind < actie.start:
                fouten["eindkwartaal"] = _("Het laatste kwartaal ligt vóór het eerste.")
            elif actie.eind not in toegestaan:
                fouten["eindkwartaal"] = _(
                    "Een actie van de jaarplanning %(jaar)s loopt uiterlijk tot en met %(tot)s."
                ) % {"jaar": actie.jaar, "tot": toegestaan[-1]}
    if actie.status in Actie.MET_REDEN and not actie.reden.strip():
        fouten["reden"] = _("Schrijf op waarom de actie %(status)s is.") % {
            "status": actie.get_status_display().lower()
        }
    if actie.actorgroep_id and actie.actorgroep.organisatie_id != plan.organisatie_id:
        fouten["actorgroep"] = _("Kies een actorgroep van uw organisatie.")
    if (
        actie.verantwoordelijke_id
        and not Lidmaatschap.objects.filter(
            user_id=actie.verantwoordelijke_id, organisatie_id=plan.organisatie_id
        ).exists()
    ):
        fouten["verantwoordelijke"] = _("De verantwoordelijke moet lid zijn van de organisatie.")
    if actie.aanbesteding_id and actie.aanbesteding.actieplan_id != plan.pk:
        fouten["aanbesteding"] = _("Kies een aanbesteding uit de kalender van dit plan.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def actie_opslaan(
    *, actieplan: Actieplan, velden: dict, actie: Actie | None = None, versie: str | None = None
) -> Actie:
    """Create or change an action. `versie`: the version the form was loaded with."""
    actie = actie or Actie(actieplan=actieplan)
    if actie.pk:
        versie_controleren(rijen=Actie.objects.filter(pk=actie.pk), verwacht=versie)
    for veld, waarde in velden.items():
        setattr(actie, veld, waarde)
    actie_valideren(actie=actie)
    actie.full_clean()
    actie.save()
    return actie


def actie_voortzetten(
    *,
    actie: Actie,
    actieplan: Actieplan,
    jaar: int,
    startkwartaal: int,
    leden: set[int],
    aanbesteding=_ONGEWIJZIGD,
) -> Actie:
    """Continue an unfinished action in `jaar` of `actieplan` (the same plan when a year is
    prepared, a new one when a period starts from the last): as long as it was, from
    `startkwartaal`, within that year; linked to the action it continues, which stays as
    it was. `leden`: the organisation's members now (`organisaties.selectors.lid_ids`);
    `aanbesteding`: the tender it is for in the new place, when that differs."""
    duur = actie.eind - actie.start
    start = Kwartaal(jaar, startkwartaal)
    eind = min(start + duur, Kwartaal(jaar, 4))
    return actie_opslaan(
        actieplan=actieplan,
        velden={
            "jaar": jaar,
            "titel": actie.titel,
            "omschrijving": actie.omschrijving,
            "actorgroep": actie.actorgroep,
            "startjaar": start.jaar,
            "startkwartaal": start.kwartaal,
            "eindjaar": eind.jaar,
            "eindkwartaal": eind.kwartaal,
            "verantwoordelijke": actie.verantwoordelijke
            if actie.verantwoordelijke_id in leden
            else None,
            "hoe": actie.hoe,
            "extra_budget": actie.extra_budget,
            "extra_uren": actie.extra_uren,
            "borging": actie.borging,
            "aanbesteding": actie.aanbesteding if aanbesteding is _ONGEWIJZIGD else aanbesteding,
            "voortgezet_uit": actie,
        },
    )


@transaction.atomic
def status_afsluiten(*, actie: Actie, status: str, reden: str = "") -> Actie:
    """When a year is closed: an unfinished action was done after all, or is dropped (with
    its reason). Only its status and reason change; the rest stays as the year left it,
    also a person responsible who has left the organisation since."""
    if status in Actie.MET_REDEN and not reden.strip():
        raise ValidationError(
            _("%(titel)s: geef de reden waarom de actie vervalt.") % {"titel": actie.titel}
        )
    actie.status = status
    if status in Actie.MET_REDEN:
        actie.reden = reden.strip()
    actie.full_clean(validate_unique=False)
    actie.save(update_fields=["status", "reden", "updated_at"])
    return actie


@transaction.atomic
def actie_verwijderen(*, actie: Actie, versie: str | None = None) -> None:
    """`versie`: as the confirmation page showed it; someone's change since is not deleted
    unseen."""
    versie_controleren(rijen=Actie.objects.filter(pk=actie.pk), verwacht=versie)
    actie.delete()


@transaction.atomic
def borging_opslaan(*, actieplan: Actieplan, versie: str | None = None, **velden) -> Borging:
    """Step 5's two texts. `versie`: as the form was loaded ("-" when none was stored)."""
    versie_controleren(
        rijen=Borging.objects.filter(actieplan=actieplan), verwacht=versie, ouder=actieplan
    )
    borging, _nieuw = Borging.objects.get_or_create(actieplan=actieplan)
    for veld, waarde in velden.items():
        setattr(borging, veld, waarde)
    borging.full_clean()
    borging.save()
    return borging


@transaction.atomic
def actorgroepen_opslaan(
    *, organisatie: Organisatie, rijen: list[dict], versie: str | None = None
) -> None:
    """The organisation's actor groups as the page left them: each row {"groep": an
    existing group or None, "naam", "volgorde", "verwijderen"}. A group with actions is
    not removed (its actions would have no row in the grid): said, nothing changes."""
    versie_controleren(
        rijen=Actorgroep.objects.filter(organisatie=organisatie),
        verwacht=versie,
        ouder=organisatie,
    )
    fouten = []
    blijven = [rij for rij in rijen if not rij.get("verwijderen")]
    namen = [rij["naam"].strip() for rij in blijven]
    for naam in {n for n in namen if n and namen.count(n) > 1}:
        fouten.append(_("%(naam)s staat er meer dan eens in.") % {"naam": naam})
    if any(rij.get("groep") and not rij["naam"].strip() for rij in blijven):
        fouten.append(_("Vul bij elke actorgroep een naam in, of vink ‘Verwijderen’ aan."))
    for rij in rijen:
        groep = rij.get("groep")
        if groep is not None and groep.organisatie_id != organisatie.pk:
            raise ValidationError(_("Deze actorgroep hoort niet bij uw organisatie."))
        if rij.get("verwijderen") and groep is not None and groep.acties.exists():
            fouten.append(
                _(
                    "%(naam)s heeft acties en kan niet weg; geef die acties eerst een andere "
                    "actorgroep."
                )
                % {"naam": groep.naam}
            )
    if fouten:
        raise ValidationError(fouten)
    for rij in rijen:
        if rij.get("verwijderen") and rij.get("groep") is not None:
            rij["groep"].delete()
    # Names may be swapped: first every renamed group under a temporary name, then all
    # under their new one (the unique constraint holds after each save).
    opgeslagen = dict(Actorgroep.objects.filter(organisatie=organisatie).values_list("pk", "naam"))
    hernoemd = [
        rij["groep"].pk
        for rij in blijven
        if rij.get("groep") and opgeslagen.get(rij["groep"].pk) != rij["naam"].strip()
    ]
    for pk in hernoemd:
        Actorgroep.objects.filter(pk=pk).update(naam=f"~{pk}")
    volgende = max((rij.get("volgorde") or 0 for rij in blijven), default=0) + 1
    for rij in blijven:
        groep = rij.get("groep") or Actorgroep(organisatie=organisatie)
        groep.naam = rij["naam"].strip()
        if rij.get("volgorde") is None:
            groep.volgorde, volgende = volgende, volgende + 1
        else:
            groep.volgorde = rij["volgorde"]
        groep.full_clean()
        groep.save()
