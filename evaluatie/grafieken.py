"""Coordinates for step 7's SVG charts; evaluatie/grafieken/staven.svg.html draws them.
Plain SVG without JavaScript, so the page and the PDF share the markup."""

from decimal import Decimal

from django.utils.translation import gettext as _

from basis.getallen import getal_tonen

LABEL = 210  # width of the row labels (Ketenverantwoordelijkheid fits)
SCHAAL = 400  # width of a full bar
RIJ = 22  # height of one bar
MARGE = 10


def _staaf(waarde, maximum, y: int, kleur: str, tekst: str) -> dict:
    breedte = 0 if not maximum or waarde is None else round(SCHAAL * float(waarde) / float(maximum))
    return {
        "y": y,
        "breedte": max(breedte, 1 if waarde else 0),
        "kleur": kleur,
        "tekst": tekst,
        "tekst_x": LABEL + max(breedte, 1) + 6,
        "tekst_y": y + RIJ - 6,
    }


def _grafiek(titel: str, rijen: list[dict], omschrijving: str, legenda: list[dict]) -> dict:
    hoogte = sum(len(rij["staven"]) * RIJ + MARGE for rij in rijen) + 40
    return {
        "titel": titel,
        "omschrijving": omschrijving,
        "rijen": rijen,
        "legenda": [item | {"x": index * 130} for index, item in enumerate(legenda)],
        "breedte": LABEL + SCHAAL + 120,
        "label": LABEL,
        "hoogte": hoogte,
        "legenda_y": hoogte - 12,
        "legenda_blok_y": hoogte - 22,
    }


def doel_tegen_gerealiseerd(voortgang_per_jaar, *, dit_jaar: int) -> dict:
    """Per plan year: the goal for the share of kansrijke tenders with a focus theme, and
    what the calendar shows (0–100%): achieved up to this year, planned after it."""
    rijen, y, delen = [], 0, []
    for v in voortgang_per_jaar:
        gepland = v.jaar > dit_jaar
        staven = [
            _staaf(
                v.doel,
                100,
                y,
                "#8fb3d9",
                f"{getal_tonen(v.doel)}%" if v.doel is not None else _("geen doel"),
            ),
            _staaf(
                v.percentage,
                100,
                y + RIJ,
                "#1d5c8c",
                (f"{v.percentage}% " + (_("gepland") if gepland else "")).strip()
                if v.percentage is not None
                else _("geen aanbestedingen"),
            ),
        ]
        rijen.append({"label": str(v.jaar), "label_y": y + RIJ + 4, "staven": staven})
        delen.append(
            (
                _("%(jaar)s: doel %(doel)s, volgens de kalender gepland %(real)s")
                if gepland
                else _("%(jaar)s: doel %(doel)s, gerealiseerd %(real)s")
            )
            % {
                "jaar": v.jaar,
                "doel": staven[0]["tekst"],
                "real": staven[1]["tekst"].removesuffix(" " + _("gepland")),
            }
        )
        y += 2 * RIJ + MARGE
    return _grafiek(
        _("Kansrijke aanbestedingen met een focusthema: doel en gerealiseerd per jaar"),
        rijen,
        "; ".join(delen) + ".",
        [
            {"kleur": "#8fb3d9", "tekst": _("doel")},
            {"kleur": "#1d5c8c", "tekst": _("gerealiseerd")},
        ],
    )


def effect_per_thema(themas, veld: str, titel: str, eenheid: str) -> dict | None:
    """One bar per theme for an effect figure (tonnes CO₂ avoided, € social return); None
    when no theme has the figure."""
    waarden = [(t.thema.korte_naam, getattr(t, veld)) for t in themas]
    if not any(waarde for _naam, waarde in waarden):
        return None
    maximum = max(Decimal(waarde or 0) for _naam, waarde in waarden)
    rijen, y = [], 0
    for naam, waarde in waarden:
        tekst = f"{getal_tonen(waarde or 0)} {eenheid}"
        rijen.append(
            {
                "label": naam,
                "label_y": y + RIJ - 6,
                "staven": [_staaf(waarde or 0, maximum, y, "#1d5c8c", tekst)],
            }
        )
        y += RIJ + MARGE
    omschrijving = "; ".join(
        f"{naam}: {getal_tonen(waarde or 0)} {eenheid}" for naam, waarde in waarden
    )
    return _grafiek(titel, rijen, omschrijving + ".", [])
