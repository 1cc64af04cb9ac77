"""Reads of steps 5 and 6, always within one plan (itself scoped to an organisation)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal
from organisaties.models import Organisatie, User

from .models import Actie, Actorgroep, Borging
from .services import planningskwartalen


def actorgroep_list(*, organisatie: Organisatie) -> QuerySet[Actorgroep]:
    return Actorgroep.objects.filter(organisatie=organisatie)


def verantwoordelijken(*, actieplan: Actieplan, ook: int | None = None) -> QuerySet[User]:
    """Who can be responsible for an action: the members of the plan's organisation, and
    `ook` (the one responsible now, who may have left)."""
    leden = Q(lidmaatschappen__organisatie_id=actieplan.organisatie_id)
    return (
        User.objects.filter(leden | Q(pk=ook) if ook else leden)
        .distinct()
        .order_by("first_name", "last_name")
    )


def actie_list(*, actieplan: Actieplan, filters: dict | None = None) -> QuerySet[Actie]:
    """The plan's actions; filters: jaar, status, actorgroep (id), kwartaal (a Kwartaal the
    action runs in), borging (a group, or True for every embedding action)."""
    filters = filters or {}
    acties = Actie.objects.filter(actieplan=actieplan).select_related(
        "actorgroep", "verantwoordelijke", "aanbesteding"
    )
    if filters.get("jaar"):
        acties = acties.filter(jaar=filters["jaar"])
    if filters.get("status"):
        acties = acties.filter(status=filters["status"])
    if filters.get("actorgroep"):
        acties = acties.filter(actorgroep_id=filters["actorgroep"])
    if filters.get("borging") is True:
        acties = acties.exclude(borging="")
    elif filters.get("borging"):
        acties = acties.filter(borging=filters["borging"])
    kwartaal: Kwartaal | None = filters.get("kwartaal")
    if kwartaal:
        index = kwartaal.jaar * 4 + kwartaal.kwartaal
        # start <= kwartaal <= eind, on the quarters counted from year 0
        acties = acties.alias(
            start_index=F("startjaar") * 4 + F("startkwartaal"),
            eind_index=F("eindjaar") * 4 + F("eindkwartaal"),
        ).filter(start_index__lte=index, eind_index__gte=index)
    return acties.order_by("startjaar", "startkwartaal", "actorgroep__volgorde", "titel")


def actie_get(*, actieplan: Actieplan, pk: int) -> Actie:
    return get_object_or_404(actie_list(actieplan=actieplan), pk=pk)


@dataclass(frozen=True)
class Totalen:
    aantal: int
    extra_budget: Decimal
    extra_uren: Decimal
    met_budget_of_uren: int


def totalen(*, acties: QuerySet[Actie]) -> Totalen:
    """Number of actions and the sums of extra budget and hours of those still going ahead
    (a dropped action needs nothing): one query."""
    doorgaand = ~Q(status=Actie.Status.VERVALLEN)
    uitkomst = acties.order_by().aggregate(
        aantal=Count("pk"),
        budget=Sum("extra_budget", filter=doorgaand),
        uren=Sum("extra_uren", filter=doorgaand),
        met=Count("pk", filter=doorgaand & (Q(extra_budget__gt=0) | Q(extra_uren__gt=0))),
    )
    return Totalen(
        aantal=uitkomst["aantal"],
        extra_budget=uitkomst["budget"] or Decimal(0),
        extra_uren=uitkomst["uren"] or Decimal(0),
        met_budget_of_uren=uitkomst["met"],
    )


@dataclass(frozen=True)
class Rasterrij:
    actorgroep: Actorgroep
    cellen: list[list[Actie]]  # one list of actions per quarter column


def planning_raster(*, actieplan: Actieplan, jaar: int) -> tuple[list[Kwartaal], list[Rasterrij]]:
    """The reference's planning grid for a year: the organisation's actor groups as rows,
    the planning's quarters as columns (Q4 of the year before, then the year's four), each
    action in every quarter it runs. Two queries, whatever the number of actions."""
    kwartalen = planningskwartalen(jaar)
    per_groep: dict[int, list[list[Actie]]] = {}
    for actie in actie_list(actieplan=actieplan, filters={"jaar": jaar}):
        cellen = per_groep.setdefault(actie.actorgroep_id, [[] for _ in kwartalen])
        for kwartaal in actie.kwartalen:
            if kwartaal in kwartalen:
                cellen[kwartalen.index(kwartaal)].append(actie)
    rijen = [
        Rasterrij(actorgroep=groep, cellen=per_groep.get(groep.pk, [[] for _ in kwartalen]))
        for groep in Actorgroep.objects.filter(organisatie_id=actieplan.organisatie_id)
    ]
    return kwartalen, rijen


def borging_get(*, actieplan: Actieplan) -> Borging:
    """The plan's step 5 texts, or an unsaved empty record."""
    return Borging.objects.filter(actieplan=actieplan).first() or Borging(actieplan=actieplan)
