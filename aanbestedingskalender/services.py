"""Writes of the tender calendar. Every write validates (full_clean) and saves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actieplan.models import Actieplan
from mvoi.kwartalen import Kwartaal
from organisaties.models import Lidmaatschap, User
from themes.models import Thema

from .models import Aanbesteding, Kwartaaloverleg, ThemaToepassing, Verplaatsing


def toepassingen_valideren(*, status: str, toepassingen: dict[Thema, dict]) -> None:
    """Pas toe of leg uit: once a tender is published or awarded, each applicable theme
    that is not applied needs an explanation. Before that, a missing explanation is an open
    point for the quarterly meeting, not an error."""
    if status not in Aanbesteding.BESLIST:
        return
    zonder_uitleg = [
        thema.korte_naam
        for thema, toepassing in toepassingen.items()
        if not toepassing["toegepast"] and not toepassing.get("uitleg", "").strip()
    ]
    if zonder_uitleg:
        raise ValidationError(
            _(
                "Pas toe of leg uit: leg uit waarom %(themas)s niet is toegepast. Dat is "
                "verplicht zodra de aanbesteding gepubliceerd of gegund is."
            )
            % {"themas": ", ".join(zonder_uitleg)},
            code="pas_toe_of_leg_uit",
        )


def _controleer_eigenaar(*, actieplan: Actieplan, eigenaar: User | None) -> None:
    if (
        eigenaar
        and not Lidmaatschap.objects.filter(
            user=eigenaar, organisatie_id=actieplan.organisatie_id
        ).exists()
    ):
        raise ValidationError({"eigenaar": _("De eigenaar moet lid zijn van de organisatie.")})


@transaction.atomic
def aanbesteding_opslaan(
    *,
    actieplan: Actieplan,
    aanbesteding: Aanbesteding | None = None,
    velden: dict,
    toepassingen: dict[Thema, dict],
) -> Aanbesteding:
    """Create or change a tender with its applicable themes. `toepassingen` holds only the
    applicable themes: {thema: {toegepast, vorm, criteria_niveau, uitleg}}; a theme left out
    is not applicable (its row is removed)."""
    aanbesteding = aanbesteding or Aanbesteding(actieplan=actieplan)
    for veld, waarde in velden.items():
        setattr(aanbesteding, veld, waarde)
    _controleer_eigenaar(actieplan=actieplan, eigenaar=aanbesteding.eigenaar)
    toepassingen_valideren(status=aanbesteding.status, toepassingen=toepassingen)
    aanbesteding.full_clean()
    aanbesteding.save()
    bestaand = {t.thema_id: t for t in aanbesteding.toepassingen.all()}
    for thema, gegevens in toepassingen.items():
        toepassing = bestaand.pop(thema.pk, None) or ThemaToepassing(
            aanbesteding=aanbesteding, thema=thema
        )
        toepassing.toegepast = gegevens["toegepast"]
        toepassing.vorm = gegevens.get("vorm", "") if gegevens["toegepast"] else ""
        toepassing.criteria_niveau = (
            gegevens.get("criteria_niveau", "") if gegevens["toegepast"] else ""
        )
        toepassing.uitleg = "" if gegevens["toegepast"] else gegevens.get("uitleg", "")
        toepassing.full_clean()
        toepassing.save()
    ThemaToepassing.objects.filter(pk__in=[t.pk for t in bestaand.values()]).delete()
    return aanbesteding


@transaction.atomic
def aanbesteding_verplaatsen(
    *, aanbesteding: Aanbesteding, naar: Kwartaal, reden: str, door: User
) -> Verplaatsing:
    """Postpone a tender to a later quarter; the move is kept in its history."""
    van = aanbesteding.start
    if naar <= van:
        raise ValidationError(
            {"naar": _("Uitstellen kan alleen naar een later kwartaal dan %(van)s.") % {"van": van}}
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van het uitstel.")})
    verplaatsing = Verplaatsing(
        aanbesteding=aanbesteding,
        van_jaar=van.jaar,
        van_kwartaal=van.kwartaal,
        naar_jaar=naar.jaar,
        naar_kwartaal=naar.kwartaal,
        reden=reden,
        door=door,
    )
    verplaatsing.full_clean()
    verplaatsing.save()
    aanbesteding.startjaar, aanbesteding.startkwartaal = naar.jaar, naar.kwartaal
    aanbesteding.status = Aanbesteding.Status.UITGESTELD
    aanbesteding.full_clean()
    aanbesteding.save()
    return verplaatsing


@transaction.atomic
def aanbesteding_verwijderen(*, aanbesteding: Aanbesteding) -> None:
    aanbesteding.delete()


@transaction.atomic
def kwartaaloverleg_opslaan(
    *, actieplan: Actieplan, kwartaal: Kwartaal, **velden
) -> Kwartaaloverleg:
    overleg, _ = Kwartaaloverleg.objects.get_or_create(
        actieplan=actieplan, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    )
    for veld, waarde in velden.items():
        setattr(overleg, veld, waarde)
    overleg.full_clean()
    overleg.save()
    return overleg
