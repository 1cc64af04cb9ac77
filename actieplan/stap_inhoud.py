"""What the page of each step shows beyond its title and purpose.

`StapView` looks up the step's function here; steps without one show only their purpose
until their issue fills them. Each function takes the request and the plan (already scoped
to the organisation) and returns template context, with a constant number of queries.
"""

from collections.abc import Callable

from themes.selectors import ambitieniveau_list

from . import grafieken, selectors
from .models import Actieplan


def _niveau_namen() -> dict[int, str]:
    return {niveau.nummer: niveau.naam for niveau in ambitieniveau_list()}


def nulmeting(request, actieplan: Actieplan) -> dict:
    rijen = selectors.actieplan_thema_list(actieplan=actieplan)
    spreiding = selectors.nulmeting_spreiding_per_thema(actieplan=actieplan)
    for rij in rijen:
        rij.spreiding = spreiding.get(rij.thema_id)
    context = {
        "rijen": rijen,
        "grafiek": grafieken.nulmeting_staven(rijen, _niveau_namen()),
    }
    if request.user.has_perm("actieplan.vul_nulmeting_in", request.organisatie):
        antwoorden = selectors.nulmeting_antwoorden_van(actieplan=actieplan, user=request.user)
        context["mijn_voortgang"] = {
            "klaar": sum(antwoord.compleet for antwoord in antwoorden),
            "totaal": len(antwoorden),
        }
    return context


def themas(request, actieplan: Actieplan) -> dict:
    rijen = selectors.actieplan_thema_list(actieplan=actieplan)
    return {
        "rijen": rijen,
        "focusthemas": [rij for rij in rijen if rij.focus],
        "overige_themas": [rij for rij in rijen if not rij.focus],
        "matrix": grafieken.themamatrix(rijen, _niveau_namen()),
    }


def ambities_doelen(request, actieplan: Actieplan) -> dict:
    doelen = selectors.meetbare_doelen(actieplan=actieplan)
    return {
        "jaardoelen": [doel for doel in doelen if not doel.lange_termijn],
        "lange_termijn_doelen": [doel for doel in doelen if doel.lange_termijn],
        "tekstdoelen": selectors.tekstdoelen(actieplan=actieplan),
    }


STAP_INHOUD: dict[str, Callable[..., dict]] = {
    "nulmeting": nulmeting,
    "themas": themas,
    "ambities-doelen": ambities_doelen,
}
