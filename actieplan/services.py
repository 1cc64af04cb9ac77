"""Writes of action plans."""

from django.db import transaction

from organisaties.models import Organisatie

from .models import Actieplan


@transaction.atomic
def actieplan_create(
    *, organisatie: Organisatie, titel: str, startjaar: int, eindjaar: int
) -> Actieplan:
    plan = Actieplan(organisatie=organisatie, titel=titel, startjaar=startjaar, eindjaar=eindjaar)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def actieplan_update(*, actieplan: Actieplan, titel: str, startjaar: int, eindjaar: int) -> None:
    actieplan.titel = titel
    actieplan.startjaar = startjaar
    actieplan.eindjaar = eindjaar
    actieplan.full_clean()
    actieplan.save()
