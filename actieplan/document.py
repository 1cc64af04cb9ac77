"""The plan document, put together by walking the step register: each step contributes
its own fragment. The HTML preview and the PDF (its own issue) both use this."""

from django.template.loader import render_to_string
from django.utils import timezone

from themes.models import Ambitieniveau, Thema

from .models import Actieplan
from .stappen import Fragment, Stap, register


def fragmenten(*, actieplan: Actieplan, jaar: int) -> list[tuple[Stap, Fragment]]:
    return [(stap, inhoud.document(actieplan, jaar=jaar)) for stap, inhoud in register]


# The variants chosen at export: everything, or what the reference published (without the
# tender calendar and the worked-out actions).
INTERN, PUBLICATIE = "intern", "publicatie"
VARIANTEN = (INTERN, PUBLICATIE)
NIET_IN_PUBLICATIE = {"aanbestedingskalender"}


def fragment_html(
    *, stap: Stap, fragment: Fragment, actieplan: Actieplan, jaar: int, variant: str = INTERN
) -> str:
    context = {
        "stap": stap,
        "actieplan": actieplan,
        "jaar": jaar,
        "variant": variant,
        **fragment.context,
    }
    return render_to_string(fragment.template, context)


def document_html(
    *, actieplan: Actieplan, jaar: int, variant: str = INTERN, terug: str = ""
) -> str:
    """The whole plan document as one HTML page, in the reference's order: cover, table of
    contents, what MVOI is, the seven steps (each step's own fragment), the appendices.
    The browser preview shows it, the PDF prints it."""
    secties = [
        (
            stap,
            fragment_html(stap=stap, fragment=f, actieplan=actieplan, jaar=jaar, variant=variant),
        )
        for stap, f in fragmenten(actieplan=actieplan, jaar=jaar)
        if not (variant == PUBLICATIE and stap.slug in NIET_IN_PUBLICATIE)
    ]
    return render_to_string(
        "actieplan/document/plan.html",
        {
            "actieplan": actieplan,
            "organisatie": actieplan.organisatie,
            "jaar": jaar,
            "variant": variant,
            "secties": secties,
            "weggelaten": [
                stap
                for stap, _inhoud in register
                if variant == PUBLICATIE and stap.slug in NIET_IN_PUBLICATIE
            ],
            "terug": terug,
            "themas": Thema.objects.order_by("volgorde").prefetch_related("sdgs"),
            "ambitieniveaus": Ambitieniveau.objects.order_by("nummer"),
            "datum": timezone.localdate(),
        },
    )


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
