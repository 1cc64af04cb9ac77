"""A calendar row's parts, for its table row and its phone card alike: the tender's name as
a link, its reference line, its start quarter as a marker and its theme labels. Tags, not
included templates: the calendar shows 50 tenders twice (table and cards), and 400
template includes a page were a third of its time (issue 26)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


def _mag_bewerken(context) -> bool:
    """Whether this page's user edits tenders, asked once per page."""
    cache = context.render_context
    if "mag_aanbestedingen_bewerken" not in cache:
        cache["mag_aanbestedingen_bewerken"] = bool(
            context["mag"]["aanbestedingskalender"]["bewerk_aanbestedingen"]
        )
    return cache["mag_aanbestedingen_bewerken"]


@register.simple_tag(takes_context=True)
def naamlink(context, a):
    """The name as a link: to its form for who may edit it, else to its page."""
    naam = "aanbesteding_wijzigen" if _mag_bewerken(context) else "aanbesteding"
    url = reverse(f"aanbestedingskalender:{naam}", args=[context["actieplan"].pk, a.pk])
    return format_html('<a class="utrecht-link" href="{}">{}</a>', url, a.naam)


@register.simple_tag
def kenmerkregel(a):
    """The reference, the product group and "niet kansrijk" where so."""
    delen = [a.kenmerk]
    if a.productgroep:
        delen.append(str(a.productgroep))
    if not a.kansrijk:
        delen.append(_("niet kansrijk"))
    return " · ".join(delen)


@register.simple_tag
def kwartaalbalk(a, jaar=None):
    """The start quarter as a compact marker: the year's four quarters, the start one
    filled (hidden from screen readers); the text says it ("K2", or "K2 2026" over the
    whole period)."""
    vakken = format_html_join(
        "",
        '<span class="mvoi-kwartaalbalk__vak{}"></span>',
        ((" mvoi-kwartaalbalk__vak--start" if k == a.startkwartaal else "",) for k in range(1, 5)),
    )
    tekst = f"K{a.startkwartaal}" if jaar else f"K{a.startkwartaal} {a.startjaar}"
    return format_html(
        '<span class="mvoi-kwartaalbalk" aria-hidden="true">{}</span> {}', vakken, tekst
    )


@register.simple_tag
def themalabels(a):
    """The applicable themes as labels, the applied ones ticked (and said so)."""
    toepassingen = list(a.toepassingen.all())
    if not toepassingen:
        return "–"
    toegepast = _("toegepast")
    return format_html_join(
        "",
        '<span class="mvoi-thema-label{}">{}{}</span> ',
        (
            (
                " mvoi-thema-label--toegepast" if t.toegepast else "",
                t.thema.korte_naam,
                format_html(' ✓<span class="mvoi-visueel-verborgen"> ({})</span>', toegepast)
                if t.toegepast
                else "",
            )
            for t in toepassingen
        ),
    )
