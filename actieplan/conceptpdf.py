"""The PDF of the plan as it is now (a concept), made in the background: the demo plan
takes two seconds, a plan with thousands of tenders half a minute, longer than a request
may take (bench/pdf_renderen.py). A member asks for it, the page shows a status that
refreshes, and the PDF is downloaded once it is there. Each member keeps only their latest
request per plan: it is a copy of a moment, not a version (those are `Planversie`)."""

import logging

from django.db import transaction
from django.utils import timezone

from organisaties.models import User

from . import document, pdf
from .models import Actieplan, Documentopdracht

logger = logging.getLogger(__name__)


@transaction.atomic
def aanvragen(*, actieplan: Actieplan, door: User, variant: str) -> Documentopdracht:
    from .tasks import conceptpdf_maken  # the task module imports this one

    Documentopdracht.objects.filter(actieplan=actieplan, aangevraagd_door=door).delete()
    opdracht = Documentopdracht.objects.create(
        actieplan=actieplan, aangevraagd_door=door, variant=variant
    )
    conceptpdf_maken.enqueue(opdracht_id=opdracht.pk)
    return opdracht


def maken(*, opdracht_id: int) -> None:
    opdracht = Documentopdracht.objects.select_related("actieplan").filter(pk=opdracht_id).first()
    if opdracht is None or opdracht.status != Documentopdracht.Status.WACHT:
        return  # asked again meanwhile (this request was replaced), or already made
    Documentopdracht.objects.filter(pk=opdracht.pk).update(status=Documentopdracht.Status.BEZIG)
    plan = opdracht.actieplan
    try:
        inhoud = pdf.render_to_pdf(
            document.document_html(actieplan=plan, jaar=plan.lopend_jaar, variant=opdracht.variant)
        )
    except Exception:
        logger.exception("Concept-PDF %s van plan %s mislukte", opdracht.pk, plan.pk)
        Documentopdracht.objects.filter(pk=opdracht.pk).update(
            status=Documentopdracht.Status.MISLUKT
        )
        raise
    Documentopdracht.objects.filter(pk=opdracht.pk).update(
        status=Documentopdracht.Status.KLAAR, pdf=inhoud, klaar_op=timezone.now()
    )
