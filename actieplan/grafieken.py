"""Coordinates for the SVG charts; the templates in templates/actieplan/grafieken draw them.

Charts are plain SVG (no JavaScript), so the same markup serves the page and the PDF.
"""

from dataclasses import dataclass

from .models import ActieplanThema

LABEL_BREEDTE = 240
KOLOM_BREEDTE = 96
KOP_HOOGTE = 56
RIJ_HOOGTE = 44
NIVEAUS = range(1, 6)


def _x(niveau: int) -> int:
    return LABEL_BREEDTE + (niveau - 1) * KOLOM_BREEDTE + KOLOM_BREEDTE // 2


@dataclass(frozen=True)
class MatrixRij:
    naam: str
    focus: bool
    huidig: int | None
    ambitie: int | None
    voorbehoud: bool
    y: int
    x_huidig: int | None
    x_ambitie: int | None

    @property
    def gelijk(self) -> bool:
        return self.huidig is not None and self.huidig == self.ambitie


def themamatrix(rijen: list[ActieplanThema], niveau_namen: dict[int, str]) -> dict:
    """The theme matrix: per theme the current level and the ambition on the five levels."""
    matrixrijen = []
    for index, rij in enumerate(rijen):
        huidig, ambitie = rij.huidig_niveau_id, rij.ambitie_niveau_id
        matrixrijen.append(
            MatrixRij(
                naam=rij.thema.korte_naam,
                focus=rij.focus,
                huidig=huidig,
                ambitie=ambitie,
                voorbehoud=bool(rij.voorbehoud.strip()),
                y=KOP_HOOGTE + index * RIJ_HOOGTE + RIJ_HOOGTE // 2,
                x_huidig=_x(huidig) if huidig else None,
                x_ambitie=_x(ambitie) if ambitie else None,
            )
        )
    return {
        "breedte": LABEL_BREEDTE + KOLOM_BREEDTE * len(NIVEAUS),
        "hoogte": KOP_HOOGTE + RIJ_HOOGTE * len(rijen) + 40,
        "kolommen": [
            {
                "nummer": n,
                "naam": niveau_namen.get(n, ""),
                "x": _x(n),
                "x_lijn": _x(n) - KOLOM_BREEDTE // 2,
            }
            for n in NIVEAUS
        ],
        "rijen": matrixrijen,
        "onderkant": KOP_HOOGTE + RIJ_HOOGTE * len(rijen),
        "label_breedte": LABEL_BREEDTE,
    }


def nulmeting_staven(rijen: list[ActieplanThema], niveau_namen: dict[int, str]) -> dict:
    """A bar per theme whose length is the agreed current level (1–5)."""
    staven = []
    for index, rij in enumerate(rijen):
        niveau = rij.huidig_niveau_id
        staven.append(
            {
                "naam": rij.thema.korte_naam,
                "niveau": niveau,
                "niveau_naam": niveau_namen.get(niveau, "") if niveau else "",
                "y": KOP_HOOGTE + index * RIJ_HOOGTE + 8,
                "breedte": niveau * KOLOM_BREEDTE if niveau else 0,
                "tekst_y": KOP_HOOGTE + index * RIJ_HOOGTE + RIJ_HOOGTE // 2 + 5,
            }
        )
    return {
        "breedte": LABEL_BREEDTE + KOLOM_BREEDTE * len(NIVEAUS),
        "hoogte": KOP_HOOGTE + RIJ_HOOGTE * len(rijen) + 8,
        "kolommen": [
            {
                "nummer": n,
                "naam": niveau_namen.get(n, ""),
                "x": _x(n),
                "x_lijn": LABEL_BREEDTE + n * KOLOM_BREEDTE,
            }
            for n in NIVEAUS
        ],
        "staven": staven,
        "staaf_hoogte": RIJ_HOOGTE - 16,
        "label_breedte": LABEL_BREEDTE,
        "onderkant": KOP_HOOGTE + RIJ_HOOGTE * len(rijen),
    }
