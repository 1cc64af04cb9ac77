"""The plan document, put together by walking the step register: each step contributes
its own fragment. The HTML preview and the PDF both use this; a snapshot of the plan (for a
version put to management) and the change summary of two snapshots too."""

import base64
import hashlib
import json
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actieplan import selectors as plan_selectors
from actieplan.models import Actieplan
from actieplan.stappen import STAPPEN, Fragment, Stap, register
from themes.models import Ambitieniveau, Thema

from . import figuren, samenvatting, selectors, teksten
from .models import Planversie


def fragmenten(*, actieplan: Actieplan, jaar: int) -> list[tuple[Stap, Fragment]]:
    return [(stap, inhoud.document(actieplan, jaar=jaar)) for stap, inhoud in register]


# The variants chosen at export: everything, or what the reference published (without the
# tender calendar and the worked-out actions).
INTERN, PUBLICATIE = "intern", "publicatie"
VARIANTEN = (INTERN, PUBLICATIE)
NIET_IN_PUBLICATIE = {"aanbestedingskalender"}


def fragment_html(
    *,
    stap: Stap,
    fragment: Fragment,
    actieplan: Actieplan,
    jaar: int,
    variant: str = INTERN,
    toelichting: str = "",
) -> str:
    context = {
        "stap": stap,
        "actieplan": actieplan,
        "jaar": jaar,
        "variant": variant,
        # How the step was done, in the plan's words (teksten.py), under the step's title.
        "toelichting": toelichting,
        **fragment.context,
    }
    return render_to_string(fragment.template, context)


def themaoverzicht(*, actieplan: Actieplan) -> list[dict]:
    """Per theme: focus or not, the agreed level, the ambition and the headline ambition
    (the theme's goals in words of step 3), for the overview at the front. Three queries."""
    tekstdoelen: dict[int | None, list[str]] = {}
    for doel in plan_selectors.tekstdoelen(actieplan=actieplan):
        tekstdoelen.setdefault(doel.thema_id, []).append(doel.tekst)
    return [
        {"rij": rij, "ambities": tekstdoelen.get(rij.thema.pk, [])}
        for rij in plan_selectors.actieplan_thema_list(actieplan=actieplan)
    ]


def rompen(*, actieplan: Actieplan, jaar: int, varianten=VARIANTEN) -> dict[str, str]:
    """The body of the document (everything after the cover: table of contents, what MVOI
    is, coherence, the themes at a glance, the seven steps, the appendices) per variant,
    from the data as it is now. The steps' data is read once for all variants."""
    stukken = fragmenten(actieplan=actieplan, jaar=jaar)
    overzicht = themaoverzicht(actieplan=actieplan)
    toelichtingen = teksten.teksten(actieplan=actieplan, jaar=jaar)
    niveaus = list(Ambitieniveau.objects.order_by("nummer"))
    gedeeld = {
        "actieplan": actieplan,
        "organisatie": actieplan.organisatie,
        "jaar": jaar,
        "themaoverzicht": overzicht,
        "samenvatting": samenvatting.samenvatting(
            actieplan=actieplan, jaar=jaar, themaoverzicht=overzicht
        ),
        "toelichtingen": toelichtingen,
        "figuur_stappen": figuren.zeven_stappen(STAPPEN),
        "kleur": actieplan.organisatie.documentkleur,
        "themas": list(
            Thema.objects.order_by("volgorde").prefetch_related("sdgs", "productgroepen")
        ),
        "ambitieniveaus": niveaus,
        "figuur_trap": figuren.ambitietrap(niveaus),
    }
    uitkomst = {}
    for variant in varianten:
        # Every step in order, with its HTML, or "" when this variant leaves it out (the
        # table of contents says so in its place).
        inhoud = [
            (
                stap,
                ""
                if variant == PUBLICATIE and stap.slug in NIET_IN_PUBLICATIE
                else fragment_html(
                    stap=stap,
                    fragment=f,
                    actieplan=actieplan,
                    jaar=jaar,
                    variant=variant,
                    toelichting=toelichtingen.get(stap.slug, ""),
                ),
            )
            for stap, f in stukken
        ]
        uitkomst[variant] = render_to_string(
            "plandocument/document/_romp.html",
            {
                **gedeeld,
                "variant": variant,
                "inhoud": inhoud,
                "secties": [(stap, html) for stap, html in inhoud if html],
            },
        )
    return uitkomst


def document_html(
    *,
    actieplan: Actieplan,
    jaar: int,
    variant: str = INTERN,
    terug: str = "",
    versie: Planversie | None = None,
    romp: str | None = None,
    ingediend: Planversie | None = None,
) -> str:
    """The whole plan document as one HTML page, in the reference's order: the cover, then
    the body (`rompen`). The browser preview shows it, the PDF prints it. `versie`: the
    approved version being frozen, whose approval block the cover carries; `romp`: the
    body as it was when that version was submitted (else it is made from the data now);
    `ingediend`: the version whose kept body this is, not (yet) approved."""
    if romp is None:
        romp = rompen(actieplan=actieplan, jaar=jaar, varianten=[variant])[variant]
    organisatie = actieplan.organisatie
    return render_to_string(
        "plandocument/document/plan.html",
        {
            "actieplan": actieplan,
            "organisatie": organisatie,
            "kleurstijl": kleurstijl(organisatie),
            # The logo as the application re-encoded it (a plain PNG), inside the document:
            # the PDF fetches nothing but our own files.
            "logo": "data:image/png;base64," + base64.b64encode(bytes(organisatie.logo)).decode()
            if organisatie.logo
            else "",
            "jaar": jaar,
            "variant": variant,
            # Rendered by our own templates (`rompen`), user text escaped there; a stored body
            # comes back from the database as a plain string, and its hash is checked first.
            "romp": mark_safe(romp),  # noqa: S308
            "terug": terug,
            "versie": versie,
            "ingediend": ingediend,
            "vastgestelde": None if versie else selectors.laatste_vastgestelde(actieplan=actieplan),
            "ter_goedkeuring": selectors.versie_ter_goedkeuring(actieplan=actieplan)
            if not versie and actieplan.vergrendeld
            else None,
            "datum": timezone.localdate(),
        },
    )


def kleurstijl(organisatie) -> str:
    """The style block that gives the document the organisation's house colour (a validated
    #rrggbb). The browser preview's Content-Security-Policy allows it by its hash."""
    return f":root{{--huiskleur:{organisatie.documentkleur}}}"


def kleurstijl_csp(organisatie) -> str:
    digest = hashlib.sha256(kleurstijl(organisatie).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def momentopname(*, actieplan: Actieplan) -> dict:
    """The plan's data as JSON-ready values, step by step: what a frozen approved version
    keeps."""
    return {
        "actieplan": {
            "titel": actieplan.titel,
            "startjaar": actieplan.startjaar,
            "eindjaar": actieplan.eindjaar,
            "samenhang": actieplan.samenhang,
            # Only when the plan has texts of its own: a snapshot from before they existed
            # stays equal to one of a plan that kept the defaults.
            **({"teksten": eigen} if (eigen := teksten.eigen_teksten(actieplan=actieplan)) else {}),
        },
        "stappen": {stap.slug: inhoud.momentopname(actieplan) for stap, inhoud in register},
    }


def canoniek(gegevens: dict) -> bytes:
    """The snapshot as bytes that do not depend on key order or spacing (its hash is
    printed in the document and can be recomputed from the stored JSON)."""
    return json.dumps(gegevens, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


# In JSON text a carriage return before a line feed is the escape "\\r\\n", after a run of
# backslashes of odd length (an even run is written backslashes, then a plain "r").
_CR_LF = re.compile(r"(\\+)r\\n")


def _cr_weg(treffer: re.Match) -> str:
    backslashes = treffer.group(1)
    if len(backslashes) % 2 == 0:
        return treffer.group(0)
    return backslashes[:-1] + "\\n"


def _zonder_cr(waarde):
    """A snapshot with the line ends of its texts made equal: a browser sends "\r\n"
    where an import or the demo stored "\n", and that is no change a reader would see.
    Done on the JSON text (a walk of a large plan's snapshot in Python took a fifth of the
    comparison), and only where there is a carriage return at all."""
    tekst = json.dumps(waarde, ensure_ascii=False)
    if "\\r" not in tekst:
        return waarde
    return json.loads(_CR_LF.sub(_cr_weg, tekst))


def wijzigingen(oud: dict, nieuw: dict) -> list[tuple[Stap, list[str]]]:
    """What changed between two snapshots of the plan, per step (only the steps that
    changed), in the words of each step's own app. A step missing from either snapshot
    (a step added since, or a partial snapshot) counts as empty there."""
    oud, nieuw = _zonder_cr(oud), _zonder_cr(nieuw)
    uitkomst = []
    oud_plan, nieuw_plan = oud.get("actieplan") or {}, nieuw.get("actieplan") or {}
    algemeen = []
    if oud_plan and oud_plan.get("titel") != nieuw_plan.get("titel"):
        algemeen.append(
            _("Titel: ‘%(oud)s’ werd ‘%(nieuw)s’.")
            % {"oud": oud_plan.get("titel"), "nieuw": nieuw_plan.get("titel")}
        )
    if oud_plan and (oud_plan.get("startjaar"), oud_plan.get("eindjaar")) != (
        nieuw_plan.get("startjaar"),
        nieuw_plan.get("eindjaar"),
    ):
        algemeen.append(
            _("Planperiode: %(oud)s werd %(nieuw)s.")
            % {
                "oud": f"{oud_plan.get('startjaar')}–{oud_plan.get('eindjaar')}",
                "nieuw": f"{nieuw_plan.get('startjaar')}–{nieuw_plan.get('eindjaar')}",
            }
        )
    if (oud_plan.get("samenhang") or "") != (nieuw_plan.get("samenhang") or ""):
        algemeen.append(_("De samenhang met andere programma's is herschreven."))
    oude_teksten, nieuwe_teksten = oud_plan.get("teksten") or {}, nieuw_plan.get("teksten") or {}
    for soort in teksten.SOORTEN:
        if oude_teksten.get(soort.sleutel) != nieuwe_teksten.get(soort.sleutel):
            algemeen.append(
                _("De tekst ‘%(kop)s’ in het document is herschreven.") % {"kop": soort.kop}
            )
    if algemeen:
        uitkomst.append((None, algemeen))
    for stap, inhoud in register:
        vorig = (oud.get("stappen") or {}).get(stap.slug) or {}
        nu = (nieuw.get("stappen") or {}).get(stap.slug) or {}
        zinnen = inhoud.wijzigingen(vorig, nu)
        if not zinnen and vorig != nu:
            # What a step's summary does not name still counts: never "no changes" when
            # the two snapshots differ.
            zinnen = [_("Overige wijzigingen in deze stap.")]
        if zinnen:
            uitkomst.append((stap, zinnen))
    return uitkomst
