"""The plan document, put together by walking the step register: each step contributes
its own fragment. The HTML preview and the PDF (its own issue) both use this."""

from django.template.loader import render_to_string

from .models import Actieplan
from .stappen import Fragment, Stap, register


def fragmenten(*, actieplan: Actieplan, jaar: int) -> list[tuple[Stap, Fragment]]:
    return [(stap, inhoud.document(actieplan, jaar=jaar)) for stap, inhoud in register]


def fragment_html(*, stap: Stap, fragment: Fragment, actieplan: Actieplan, jaar: int) -> str:
    context = {"stap": stap, "actieplan": actieplan, "jaar": jaar, **fragment.context}
    return render_to_string(fragment.template, context)


def momentopname(*, actieplan: Actieplan) -> dict:
    """The plan's data as JSON-ready values, step by step: what a frozen approved version
    keeps."""
    return {
        "actieplan": {
            "titel": actieplan.titel,
            "startjaar": actieplan.startjaar,
            "eindjaar": actieplan.eindjaar,
        },
        "stappen": {stap.slug: inhoud.momentopname(actieplan) for stap, inhoud in register},
    }
