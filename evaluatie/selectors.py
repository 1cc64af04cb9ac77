"""Reads of the evaluation, always within one plan (itself scoped to an organisation)."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
from actieplan.models import Actieplan

from .models import TenderEvaluatie, ThemaEffect


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


def aanbesteding_get(*, actieplan: Actieplan, pk: int) -> Aanbesteding:
    return get_object_or_404(
        Aanbesteding.objects.select_related("eigenaar"), actieplan=actieplan, pk=pk
    )
