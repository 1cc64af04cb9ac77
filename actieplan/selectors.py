"""Reads of action plans, always within one organisation."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from organisaties.models import Organisatie, User
from themes.models import Thema

from .models import (
    Actieplan,
    ActieplanThema,
    Jaarafsluiting,
    MeetbaarDoel,
    NulmetingAntwoord,
    TekstDoel,
)


def actieplan_list(*, organisatie: Organisatie) -> QuerySet[Actieplan]:
    return Actieplan.objects.filter(organisatie=organisatie).order_by("-startjaar", "titel")


def actieplan_get(*, organisatie: Organisatie, pk: int) -> Actieplan:
    """One plan of the organisation; another organisation's plan answers 404."""
    return get_object_or_404(actieplan_list(organisatie=organisatie), pk=pk)


# --- Steps 1–3 --------------------------------------------------------------------------


def _een_per_thema(bestaand: QuerySet, nieuw: Callable[[], object]) -> list:
    """One row per theme in the themes' order: the saved row, or an unsaved empty one, so a
    theme an administrator adds later simply appears. Two queries."""
    per_thema = {rij.thema_id: rij for rij in bestaand}
    rijen = []
    for thema in Thema.objects.order_by("volgorde"):
        rij = per_thema.get(thema.pk) or nieuw()
        rij.thema = thema
        rijen.append(rij)
    return rijen


def actieplan_thema_list(*, actieplan: Actieplan) -> list[ActieplanThema]:
    return _een_per_thema(
        ActieplanThema.objects.filter(actieplan=actieplan).select_related(
            "huidig_niveau", "ambitie_niveau"
        ),
        lambda: ActieplanThema(actieplan=actieplan),
    )


def actieplan_thema_get(*, actieplan: Actieplan, thema: Thema) -> ActieplanThema:
    """The plan's row for one theme (an unsaved empty one when none is saved yet)."""
    rij = ActieplanThema.objects.filter(actieplan=actieplan, thema=thema).select_related(
        "huidig_niveau"
    ).first() or ActieplanThema(actieplan=actieplan)
    rij.thema = thema
    return rij


def thema_get(*, slug: str) -> Thema:
    return get_object_or_404(Thema, slug=slug)


def nulmeting_antwoorden_van(*, actieplan: Actieplan, user: User) -> list[NulmetingAntwoord]:
    """The advisor's own answers, one per theme (unsaved empty ones where none exists)."""
    return _een_per_thema(
        NulmetingAntwoord.objects.filter(actieplan=actieplan, user=user).select_related("niveau"),
        lambda: NulmetingAntwoord(actieplan=actieplan, user=user),
    )


def nulmeting_antwoord_get(*, actieplan: Actieplan, user: User, thema: Thema) -> NulmetingAntwoord:
    antwoord = NulmetingAntwoord.objects.filter(
        actieplan=actieplan, user=user, thema=thema
    ).first() or NulmetingAntwoord(actieplan=actieplan, user=user)
    antwoord.thema = thema
    return antwoord


@dataclass(frozen=True)
class Spreiding:
    """How the advisors' levels for one theme are spread over the five levels."""

    per_niveau: tuple[int, int, int, int, int]
    laagste: int | None
    hoogste: int | None

    @property
    def aantal(self) -> int:
        return sum(self.per_niveau)


def _spreiding(niveaus: list[int]) -> Spreiding:
    per_niveau = tuple(niveaus.count(n) for n in range(1, 6))
    return Spreiding(per_niveau, min(niveaus, default=None), max(niveaus, default=None))


def nulmeting_vergelijking(
    *, actieplan: Actieplan, thema: Thema
) -> tuple[list[NulmetingAntwoord], Spreiding]:
    """All advisors' answers for one theme side by side, and the spread of their levels."""
    antwoorden = list(
        NulmetingAntwoord.objects.filter(actieplan=actieplan, thema=thema)
        .select_related("user", "niveau")
        .order_by("user__last_name", "user__first_name")
    )
    return antwoorden, _spreiding([a.niveau_id for a in antwoorden if a.niveau_id])


def nulmeting_spreiding_per_thema(*, actieplan: Actieplan) -> dict[int, Spreiding]:
    """Per theme id the spread of the advisors' levels. One query."""
    niveaus: dict[int, list[int]] = {}
    for thema_id, niveau in NulmetingAntwoord.objects.filter(
        actieplan=actieplan, niveau__isnull=False
    ).values_list("thema_id", "niveau_id"):
        niveaus.setdefault(thema_id, []).append(niveau)
    return {thema_id: _spreiding(lijst) for thema_id, lijst in niveaus.items()}


def meetbare_doelen(*, actieplan: Actieplan) -> list[MeetbaarDoel]:
    return list(
        MeetbaarDoel.objects.filter(actieplan=actieplan)
        .select_related("soort", "actieplan")
        .order_by("soort__volgorde", "soort__naam", "jaar")
    )


def per_soort(rijen) -> list[dict]:
    """Goals (or anything with a `.soort`, or a `.doel` with one) grouped by their kind, in
    the order given: [{"soort": …, "rijen": […]}, …]."""
    groepen: dict = {}
    for rij in rijen:
        soort = rij.soort if hasattr(rij, "soort") else rij.doel.soort
        groepen.setdefault(soort, []).append(rij)
    return [{"soort": soort, "rijen": lijst} for soort, lijst in groepen.items()]


def tekstdoelen(*, actieplan: Actieplan) -> list[TekstDoel]:
    """In the order the team wrote them (the form saves row i into the i-th goal)."""
    return list(
        TekstDoel.objects.filter(actieplan=actieplan).select_related("thema").order_by("pk")
    )


def jaarafsluitingen(*, actieplan: Actieplan) -> dict[int, Jaarafsluiting]:
    """The plan's closed years: year → its recorded results. One query."""
    return {a.jaar: a for a in Jaarafsluiting.objects.filter(actieplan=actieplan)}


def jaarafsluiting_get(*, actieplan: Actieplan, jaar: int) -> Jaarafsluiting | None:
    return Jaarafsluiting.objects.filter(actieplan=actieplan, jaar=jaar).first()


def status_voor_wijziging(*, actieplan: Actieplan) -> str:
    """The plan's status, its row locked until the transaction ends: every change inside
    a plan reads it so, and a submission (which locks the same row) takes turns with them.
    Changes to one plan take turns too; each is short, an import the longest (seconds)."""
    return (
        Actieplan.objects.select_for_update()
        .order_by()
        .filter(pk=actieplan.pk)
        .values_list("status", flat=True)
        .get()
    )


def leden_van(*, organisatie: Organisatie) -> list[User]:
    """The organisation's members, by name (for choosing a person)."""
    return list(
        User.objects.filter(lidmaatschappen__organisatie=organisatie).order_by(
            "first_name", "last_name", "username"
        )
    )
