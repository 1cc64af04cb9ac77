"""Reads of action plans, always within one organisation."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from organisaties.models import Organisatie

from .models import Actieplan


def actieplan_list(*, organisatie: Organisatie) -> QuerySet[Actieplan]:
    return Actieplan.objects.filter(organisatie=organisatie).order_by("-startjaar", "titel")


def actieplan_get(*, organisatie: Organisatie, pk: int) -> Actieplan:
    """One plan of the organisation; another organisation's plan answers 404."""
    return get_object_or_404(actieplan_list(organisatie=organisatie), pk=pk)
