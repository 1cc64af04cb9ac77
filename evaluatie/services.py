"""The evaluation after each kansrijke tender. Every path in saves through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan
from mvoi.versies import versie_controleren
from organisaties.models import User
from themes.models import Thema

from .models import Jaarevaluatie, TenderEvaluatie, ThemaEffect

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
    *, actieplan: Actieplan, jaar: int, versie: str | None = None, **velden
) -> Jaarevaluatie:
    """Step 7's answers and decisions for a plan year. `versie`: as the form was loaded."""
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
    return evaluatie
