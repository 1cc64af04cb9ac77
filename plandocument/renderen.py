"""The PDFs made in the background (`tasks.py` runs these; the services that ask for them
are in `goedkeuring.py` and `conceptpdf.py`): freezing an approved version, and the
concept a member asked for. Rendering a large plan takes longer than a request may."""

import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Actieplan

from . import document, ondertekening, pdf, selectors
from .models import Documentopdracht, Planversie

logger = logging.getLogger(__name__)


def versie_document_html(*, versie: Planversie, variant: str) -> str:
    """The frozen document: the approval's cover before the body as it was submitted (a
    version from before bodies were kept: the body from the data)."""
    return document.document_html(
        actieplan=versie.actieplan,
        jaar=versie.jaar,
        variant=variant,
        versie=versie,
        romp=versie.romp.get(variant) if versie.romp else None,
    )


def _ingediend_document_controleren(versie: Planversie) -> None:
    """The body kept at the submission is what was submitted (its hash); a version from
    before bodies were kept is printed from the data, which must then still be what was
    submitted."""
    if versie.romp:
        if document.sha256(document.canoniek(versie.romp)) != versie.romp_sha256:
            raise RuntimeError(_("Het bewaarde document van deze versie is beschadigd."))
        return
    nu = document.momentopname(actieplan=versie.actieplan)
    if document.sha256(document.canoniek(nu)) != versie.momentopname_sha256:
        raise RuntimeError(
            _(
                "De gegevens van het plan zijn na het indienen veranderd; de PDF zou iets "
                "anders tonen dan het management goedkeurde."
            )
        )


HARTSLAG = 5  # seconds between two signs of life while rendering


@contextmanager
def hartslag(*, versie_id: int, poging):
    """While the body runs, a thread writes the attempt's heartbeat every HARTSLAG
    seconds (its own database connection, outside the render's transaction): a worker
    killed mid-render stops it, and `goedkeuring.mag_opnieuw` sees that within seconds
    instead of after a quarter of an hour."""
    klaar = threading.Event()

    def kloppen():
        try:
            while True:
                Planversie.objects.filter(
                    pk=versie_id, vastgelegd_op__isnull=True, pdf_gestart_op=poging
                ).update(pdf_hartslag=timezone.now())
                if klaar.wait(HARTSLAG):
                    return
        except DatabaseError:
            # No heartbeat (e.g. a database a second connection cannot reach, as SQLite's
            # in-memory test database): the attempt then counts as lost only after
            # VERLOREN_NA, as before heartbeats existed; the rendering goes on.
            logger.warning("Geen hartslag voor versie %s", versie_id, exc_info=True)
        finally:
            connection.close()

    draad = threading.Thread(target=kloppen, name=f"hartslag-versie-{versie_id}", daemon=True)
    draad.start()
    try:
        yield
    finally:
        klaar.set()
        draad.join(timeout=HARTSLAG * 2)


def versie_vastleggen(*, versie_id: int) -> None:
    """Render both variants, the approval's cover before the body kept at the submission,
    and store them with their hashes; then the version never changes. What the team did
    after the submission is not in it: the document shows what management approved."""
    with transaction.atomic():
        versie = selectors.versie_voor_wijziging(versie_id=versie_id)
        if versie.vastgelegd or versie.status != Planversie.Status.GOEDGEKEURD:
            return
        poging = timezone.now()
        versie.pdf_status, versie.pdf_gestart_op = Planversie.Pdf.BEZIG, poging
        versie.save(update_fields=["pdf_status", "pdf_gestart_op"])
    try:
        _ingediend_document_controleren(versie)
        with hartslag(versie_id=versie.pk, poging=poging):
            bestanden = {
                variant: pdf.render_to_pdf(versie_document_html(versie=versie, variant=variant))
                for variant in document.VARIANTEN
            }
    except Exception as fout:
        logger.exception(
            "De PDF van versie %s (plan %s) mislukte", versie.nummer, versie.actieplan_id
        )
        # Only this attempt's own status: a newer attempt (a retry) may be running.
        Planversie.objects.filter(
            pk=versie.pk, vastgelegd_op__isnull=True, pdf_gestart_op=poging
        ).update(pdf_status=Planversie.Pdf.MISLUKT, pdf_fout=str(fout)[:1000])
        raise
    with transaction.atomic():
        versie = selectors.versie_voor_wijziging(versie_id=versie_id)
        if versie.vastgelegd or versie.status != Planversie.Status.GOEDGEKEURD:
            return  # another attempt finished first, or the approval was taken back
        versie.pdf_intern = bestanden[document.INTERN]
        versie.pdf_intern_sha256 = document.sha256(bestanden[document.INTERN])
        versie.pdf_publicatie = bestanden[document.PUBLICATIE]
        versie.pdf_publicatie_sha256 = document.sha256(bestanden[document.PUBLICATIE])
        versie.pdf_status, versie.pdf_fout = Planversie.Pdf.KLAAR, ""
        versie.vastgelegd_op = timezone.now()
        versie.handtekening = ondertekening.handtekening(versie)
        versie.save()
        Actieplan.objects.filter(pk=versie.actieplan_id).update(
            status=Actieplan.Status.GOEDGEKEURD, updated_at=timezone.now()
        )


def concept_maken(*, opdracht_id: int) -> None:
    """The PDF of the plan as it is now, for the member who asked (`conceptpdf.py`)."""
    opdracht = (
        Documentopdracht.objects.select_related("actieplan", "versie")
        .filter(pk=opdracht_id)
        .first()
    )
    if opdracht is None or opdracht.status != Documentopdracht.Status.WACHT:
        return  # asked again meanwhile (this request was replaced), or already made
    Documentopdracht.objects.filter(pk=opdracht.pk).update(status=Documentopdracht.Status.BEZIG)
    plan = opdracht.actieplan
    try:
        versie = opdracht.versie
        if versie is not None and versie.romp:
            # The version's document as it was submitted: its kept body, hash checked.
            _ingediend_document_controleren(versie)
            html = document.document_html(
                actieplan=plan,
                jaar=versie.jaar,
                variant=opdracht.variant,
                romp=versie.romp[opdracht.variant],
                ingediend=versie,
            )
        else:
            html = document.document_html(
                actieplan=plan, jaar=opdracht.jaar or plan.lopend_jaar, variant=opdracht.variant
            )
        inhoud = pdf.render_to_pdf(html)
    except Exception:
        logger.exception("Concept-PDF %s van plan %s mislukte", opdracht.pk, plan.pk)
        Documentopdracht.objects.filter(pk=opdracht.pk).update(
            status=Documentopdracht.Status.MISLUKT
        )
        raise
    Documentopdracht.objects.filter(pk=opdracht.pk).update(
        status=Documentopdracht.Status.KLAAR, pdf=inhoud, klaar_op=timezone.now()
    )
