"""Reads of the document and approval app, each within a plan already scoped to the
user's organisation (actieplan.selectors.actieplan_get)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from actieplan.models import Actieplan
from organisaties.models import User

from .models import Documentopdracht, Planversie

# The stored PDFs stay in the database until one is downloaded, and the snapshots (which
# grow with the plan) until a version's own page or the change summary needs one.
_ZONDER_PDF = ("pdf_intern", "pdf_publicatie", "romp")
_LICHT = (*_ZONDER_PDF, "momentopname")


def _versies(*, actieplan: Actieplan, uitstellen: tuple[str, ...]) -> QuerySet[Planversie]:
    return (
        Planversie.objects.filter(actieplan=actieplan)
        .select_related("ingediend_door", "beoordeeld_door")
        .defer(*uitstellen)
        .order_by("-nummer")
    )


def versie_list(*, actieplan: Actieplan) -> QuerySet[Planversie]:
    """The plan's versions, newest first, without their PDFs and snapshots."""
    return _versies(actieplan=actieplan, uitstellen=_LICHT)


def versie_get(*, actieplan: Actieplan, nummer: int, met_pdf: bool = False) -> Planversie:
    """One version of the plan (the plan is already scoped to the organisation), with its
    snapshot and PDFs when asked (`met_pdf`), else without either."""
    versies = _versies(actieplan=actieplan, uitstellen=() if met_pdf else _LICHT)
    versie = get_object_or_404(versies, nummer=nummer)
    versie.actieplan = actieplan
    return versie


def versie_ter_goedkeuring(*, actieplan: Actieplan) -> Planversie | None:
    """The version under review or being frozen, if any."""
    versie = (
        versie_list(actieplan=actieplan)
        .filter(status__in=[Planversie.Status.TER_GOEDKEURING, Planversie.Status.GOEDGEKEURD])
        .first()
    )
    if versie is not None and versie.status == Planversie.Status.GOEDGEKEURD and versie.vastgelegd:
        return None
    return versie


def _uitstellen(met_momentopname: bool) -> tuple[str, ...]:
    return _ZONDER_PDF if met_momentopname else _LICHT


def vorige_vastgestelde(*, versie: Planversie) -> Planversie | None:
    """The adopted version before this one: what the change summary compares with (without
    its snapshot: `vergelijken.tussen` keeps the comparison)."""
    return (
        _versies(actieplan=versie.actieplan, uitstellen=_LICHT)
        .filter(
            status=Planversie.Status.GOEDGEKEURD,
            vastgelegd_op__isnull=False,
            nummer__lt=versie.nummer,
        )
        .first()
    )


def laatste_vastgestelde(
    *, actieplan: Actieplan, met_momentopname: bool = False
) -> Planversie | None:
    """The adopted version: the newest approved one whose PDFs are frozen (its snapshot
    only when asked: the plan's pages name it, the change summary compares with it)."""
    return (
        _versies(actieplan=actieplan, uitstellen=_uitstellen(met_momentopname))
        .filter(status=Planversie.Status.GOEDGEKEURD, vastgelegd_op__isnull=False)
        .first()
    )


def documentopdracht_get(*, actieplan: Actieplan, door: User, pk: int) -> Documentopdracht:
    """A member's own request for a concept PDF of this plan; anyone else's answers 404."""
    return get_object_or_404(
        Documentopdracht.objects.defer("pdf"), actieplan=actieplan, aangevraagd_door=door, pk=pk
    )


def vorige_versie(*, versie: Planversie) -> Planversie | None:
    """The version submitted before this one, whatever became of it (rejected, withdrawn,
    approved), without its snapshot: what changed since management last saw the plan."""
    return (
        _versies(actieplan=versie.actieplan, uitstellen=_LICHT)
        .filter(nummer__lt=versie.nummer)
        .first()
    )


def laatste_versie(*, actieplan: Actieplan, met_momentopname: bool = False) -> Planversie | None:
    return _versies(actieplan=actieplan, uitstellen=_uitstellen(met_momentopname)).first()


def versie_document(*, versie: Planversie) -> dict[str, str]:
    """The document's body per variant as kept at the submission ({} for a version from
    before bodies were kept)."""
    return Planversie.objects.filter(pk=versie.pk).values_list("romp", flat=True).get()


def versie_voor_wijziging(*, versie_id: int) -> Planversie:
    """A version to change, with the plan's row locked first and then the version's, until
    the transaction ends: the order every write of a version takes, so two never wait on
    each other (a submission, a decision, the freezing in the background)."""
    actieplan_id = Planversie.objects.values_list("actieplan_id", flat=True).get(pk=versie_id)
    Actieplan.objects.select_for_update().filter(pk=actieplan_id).order_by().first()
    return Planversie.objects.select_for_update().select_related("actieplan").get(pk=versie_id)
