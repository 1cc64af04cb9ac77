"""Management approval of a plan, and its frozen versions.

The coördinator submits the plan: a new `Planversie` with a snapshot of the plan's data
(the register's per-step snapshots) and the plan is locked. Management approves or
rejects it with a comment; the coördinator may withdraw it. Approval freezes the version
in a background task (`tasks.versie_vastleggen`): both variants of the PDF, with the
approval block printed in them, and their SHA-256. Until then the plan stays locked, so
the PDF shows exactly what was approved. Every download checks the hash again.
"""

import hashlib
import json
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.models import User

from . import document, pdf
from .models import Actieplan, Planversie

logger = logging.getLogger(__name__)


def canoniek(gegevens: dict) -> bytes:
    """The snapshot as bytes that do not depend on key order or spacing (its hash is
    printed in the document and can be recomputed from the stored JSON)."""
    return json.dumps(gegevens, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def _plan_vergrendelen(actieplan: Actieplan) -> Actieplan:
    """The plan's row, locked until the transaction ends: two submissions (or a submission
    and an approval) take turns."""
    return Actieplan.objects.select_for_update().get(pk=actieplan.pk)


def _versie_vergrendelen(versie: Planversie) -> Planversie:
    _plan_vergrendelen(versie.actieplan)
    return Planversie.objects.select_for_update().get(pk=versie.pk)


@transaction.atomic
def indienen(*, actieplan: Actieplan, door: User, toelichting: str = "") -> Planversie:
    """The coördinator puts the plan to management: a new version, under review."""
    plan = _plan_vergrendelen(actieplan)
    if plan.vergrendeld:
        raise ValidationError(_("Dit plan ligt al ter goedkeuring."))
    gegevens = document.momentopname(actieplan=plan)
    nummer = (plan.versies.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + 1
    versie = Planversie.objects.create(
        actieplan=plan,
        nummer=nummer,
        jaar=plan.lopend_jaar,
        ingediend_door=door,
        toelichting=toelichting.strip(),
        momentopname=gegevens,
        momentopname_sha256=sha256(canoniek(gegevens)),
    )
    plan.status = Actieplan.Status.TER_GOEDKEURING
    plan.save(update_fields=["status", "updated_at"])
    actieplan.status = plan.status
    return versie


def _ter_goedkeuring(versie: Planversie) -> Planversie:
    versie = _versie_vergrendelen(versie)
    if versie.status != Planversie.Status.TER_GOEDKEURING:
        raise ValidationError(
            _("Versie %(nummer)s ligt niet meer ter goedkeuring: zij is %(status)s.")
            % {"nummer": versie.nummer, "status": versie.get_status_display().lower()}
        )
    return versie


@transaction.atomic
def intrekken(*, versie: Planversie, door: User) -> Planversie:
    """The coördinator takes the plan back before management decided: editable again."""
    versie = _ter_goedkeuring(versie)
    versie.status = Planversie.Status.INGETROKKEN
    versie.beoordeeld_door, versie.beoordeeld_op = door, timezone.now()
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=Actieplan.Status.CONCEPT, updated_at=timezone.now()
    )
    return versie


@transaction.atomic
def afwijzen(*, versie: Planversie, door: User, opmerking: str) -> Planversie:
    """Management sends the plan back, saying why; it is a concept again."""
    if not opmerking.strip():
        raise ValidationError(
            {
                "opmerking": _(
                    "Schrijf waarom u het plan afwijst: het MVOI-team gaat ermee aan de slag."
                )
            }
        )
    versie = _ter_goedkeuring(versie)
    versie.status = Planversie.Status.AFGEWEZEN
    versie.beoordeeld_door, versie.beoordeeld_op = door, timezone.now()
    versie.opmerking = opmerking.strip()
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=Actieplan.Status.CONCEPT, updated_at=timezone.now()
    )
    return versie


@transaction.atomic
def goedkeuren(*, versie: Planversie, door: User, opmerking: str = "") -> Planversie:
    """Management approves: the version is frozen in the background (the plan stays locked
    until its PDF is stored). The task is enqueued in the same transaction: an approval
    without its task, or a task without its approval, cannot happen."""
    from .tasks import versie_vastleggen  # the task module imports this one

    versie = _ter_goedkeuring(versie)
    versie.status = Planversie.Status.GOEDGEKEURD
    versie.beoordeeld_door, versie.beoordeeld_op = door, timezone.now()
    versie.opmerking = opmerking.strip()
    versie.pdf_status = Planversie.Pdf.WACHT
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=Actieplan.Status.VASTLEGGEN, updated_at=timezone.now()
    )
    versie_vastleggen.enqueue(versie_id=versie.pk)
    return versie


@transaction.atomic
def opnieuw_vastleggen(*, versie: Planversie) -> Planversie:
    """After a failed attempt (the worker stopped, a rendering error): try again."""
    from .tasks import versie_vastleggen

    versie = _versie_vergrendelen(versie)
    if versie.status != Planversie.Status.GOEDGEKEURD or versie.vastgelegd:
        raise ValidationError(_("Deze versie hoeft niet (opnieuw) vastgelegd te worden."))
    versie.pdf_status, versie.pdf_fout = Planversie.Pdf.WACHT, ""
    versie.save()
    versie_vastleggen.enqueue(versie_id=versie.pk)
    return versie


def versie_document_html(*, versie: Planversie, variant: str) -> str:
    return document.document_html(
        actieplan=versie.actieplan, jaar=versie.jaar, variant=variant, versie=versie
    )


def vastleggen(*, versie_id: int) -> None:
    """Render both variants with the approval block and store them with their hashes; then
    the version never changes and the plan is editable again (a new concept)."""
    with transaction.atomic():
        versie = (
            Planversie.objects.select_for_update().select_related("actieplan").get(pk=versie_id)
        )
        if versie.vastgelegd or versie.status != Planversie.Status.GOEDGEKEURD:
            return
        versie.pdf_status = Planversie.Pdf.BEZIG
        versie.save(update_fields=["pdf_status"])
    try:
        bestanden = {
            variant: pdf.render_to_pdf(versie_document_html(versie=versie, variant=variant))
            for variant in document.VARIANTEN
        }
    except Exception as fout:
        logger.exception(
            "De PDF van versie %s (plan %s) mislukte", versie.nummer, versie.actieplan_id
        )
        Planversie.objects.filter(pk=versie.pk).update(
            pdf_status=Planversie.Pdf.MISLUKT, pdf_fout=str(fout)[:1000]
        )
        raise
    with transaction.atomic():
        versie = Planversie.objects.select_for_update().get(pk=versie_id)
        if versie.vastgelegd:  # a second attempt (a retry) finished first
            return
        versie.pdf_intern = bestanden[document.INTERN]
        versie.pdf_intern_sha256 = sha256(bestanden[document.INTERN])
        versie.pdf_publicatie = bestanden[document.PUBLICATIE]
        versie.pdf_publicatie_sha256 = sha256(bestanden[document.PUBLICATIE])
        versie.pdf_status = Planversie.Pdf.KLAAR
        versie.vastgelegd_op = timezone.now()
        versie.save()
        Actieplan.objects.filter(pk=versie.actieplan_id).update(
            status=Actieplan.Status.GOEDGEKEURD, updated_at=timezone.now()
        )


class VersieBeschadigd(Exception):
    """The stored bytes of a frozen version no longer match their hash."""


def vastgelegde_pdf(*, versie: Planversie, variant: str) -> bytes:
    """The stored PDF of a frozen version, after checking its hash (and the snapshot's)
    again. A mismatch is logged and refused: nobody receives a document that differs from
    what management approved."""
    inhoud = bytes(getattr(versie, f"pdf_{variant}") or b"")
    verwacht = getattr(versie, f"pdf_{variant}_sha256")
    if sha256(inhoud) != verwacht or sha256(canoniek(versie.momentopname)) != (
        versie.momentopname_sha256
    ):
        logger.error(
            "Vingerafdruk klopt niet: versie %s (id %s) van plan %s, variant %s; download "
            "geweigerd",
            versie.nummer,
            versie.pk,
            versie.actieplan_id,
            variant,
        )
        raise VersieBeschadigd
    return inhoud
