"""The PDF of the plan as it is now (a concept), made in the background: the demo plan
takes two seconds, a plan with thousands of tenders half a minute, longer than a request
may take (bench/pdf_renderen.py). A member asks for it, the page shows a status that
refreshes, and the PDF is downloaded once it is there. Each member keeps their latest
request per plan and kind (internal, publication, a version's as submitted): it is a copy
of a moment, not a version (those are `Planversie`). The rendering itself is
`renderen.concept_maken`."""

from django.db import transaction

from actieplan.models import Actieplan
from organisaties.models import User

from . import tasks
from .models import Documentopdracht, Planversie


@transaction.atomic
def aanvragen(
    *,
    actieplan: Actieplan,
    door: User,
    variant: str,
    versie: Planversie | None = None,
    jaar: int | None = None,
) -> Documentopdracht:
    """`versie`: the PDF of that version's document as it was submitted, instead of the
    plan as it is now. `jaar`: the plan year the concept is about (default: the current)."""
    if jaar is not None and jaar not in actieplan.jaren:
        raise ValueError(f"{jaar} is geen jaar van het plan")
    # A newer request replaces the member's earlier one of the same kind only: the internal
    # and the publication PDF (and a version's) can be asked for side by side.
    Documentopdracht.objects.filter(
        actieplan=actieplan, aangevraagd_door=door, variant=variant, versie=versie
    ).delete()
    opdracht = Documentopdracht.objects.create(
        actieplan=actieplan, aangevraagd_door=door, variant=variant, versie=versie, jaar=jaar
    )
    tasks.conceptpdf_maken.enqueue(opdracht_id=opdracht.pk)
    return opdracht
