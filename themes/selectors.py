"""Reads of reference data. Not organisation data: shared by every organisation."""

from django.db.models import Prefetch, QuerySet

from .models import Ambitieniveau, Doelsoort, Productgroep, Sdg, Thema


def thema_list() -> QuerySet[Thema]:
    return Thema.objects.prefetch_related(
        Prefetch("sdgs", queryset=Sdg.objects.order_by("nummer")),
        Prefetch("productgroepen", queryset=Productgroep.objects.order_by("naam")),
    ).order_by("volgorde")


def ambitieniveau_list() -> QuerySet[Ambitieniveau]:
    return Ambitieniveau.objects.order_by("nummer")


def volgend_thema(*, thema: Thema) -> Thema | None:
    return Thema.objects.filter(volgorde__gt=thema.volgorde).order_by("volgorde").first()


def standaard_doelsoort() -> Doelsoort | None:
    """The kind of goal a new row starts with (today there is one kind)."""
    return Doelsoort.objects.order_by("volgorde", "naam").first()
