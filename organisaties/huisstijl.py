"""How the organisation shows in its plan: the name as printed, the house colour and the
logo (the beheerder's settings page). An uploaded logo is never stored as sent: it is
opened with Pillow, checked, and saved again as a plain PNG (no metadata, no payload
hidden in the file); SVG is not accepted (it can carry scripts and fetch resources)."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 512 * 1024
MAX_PIXELS = 3000
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the house colour


def _kanaal(waarde: int) -> float:
    c = waarde / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_met_wit(kleur: str) -> float:
    """WCAG contrast ratio of white against a #rrggbb colour."""
    r, g, b = (int(kleur[i : i + 2], 16) for i in (1, 3, 5))
    luminantie = 0.2126 * _kanaal(r) + 0.7152 * _kanaal(g) + 0.0722 * _kanaal(b)
    return 1.05 / (luminantie + 0.05)


def huiskleur_controleren(kleur: str) -> str:
    kleur = kleur.strip().lower()
    if kleur and contrast_met_wit(kleur) < MIN_CONTRAST:
        raise ValidationError(
            {
                "huiskleur": _(
                    "Witte tekst is op %(kleur)s niet goed leesbaar (contrast %(contrast)s, "
                    "minimaal 4,5). Kies een donkerdere kleur."
                )
                % {
                    "kleur": kleur,
                    "contrast": f"{contrast_met_wit(kleur):.1f}".replace(".", ","),
                }
            }
        )
    return kleur


def logo_inlezen(bestand) -> bytes:
    """The uploaded logo as a clean PNG, or a Dutch error saying what is wrong."""
    if bestand.size > MAX_BYTES:
        raise ValidationError(
            {"logo": _("Het logo is groter dan 512 kB. Kies een kleiner bestand.")}
        )
    inhoud = bestand.read(MAX_BYTES + 1)
    try:
        with Image.open(io.BytesIO(inhoud)) as beeld:
            if beeld.format not in ("PNG", "JPEG"):
                raise ValidationError(
                    {"logo": _("Kies een logo als PNG of JPEG (geen SVG of ander formaat).")}
                )
            if max(beeld.size) > MAX_PIXELS:
                raise ValidationError(
                    {"logo": _("Het logo is groter dan 3000 pixels. Kies een kleinere versie.")}
                )
            beeld.load()
            schoon = beeld.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            {"logo": _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een PNG of JPEG.")}
        ) from None
    uit = io.BytesIO()
    schoon.save(uit, format="PNG", optimize=True)
    return uit.getvalue()
