"""The drawn figures of the plan document, as the reference has them: the seven steps and
the ambition levels as a staircase. Geometry here, drawing in the SVG templates; the text
sizes are chosen so that no label prints under 9 pt on a portrait A4 page (the figure is
640 units wide on 17 cm: a unit is 0.75 pt, text is 13 units or more)."""

from dataclasses import dataclass

BREEDTE = 640
KOLOM, TUSSEN = 148, 16


@dataclass(frozen=True)
class Blok:
    nummer: int
    regels: list[tuple[str, int]]  # (text, baseline y)
    x: int
    y: int
    breedte: int
    hoogte: int

    @property
    def midden(self) -> int:
        return self.x + self.breedte // 2


def _regels(titel: str) -> list[str]:
    """A title on at most two lines of about 15 characters (the box's width)."""
    if len(titel) <= 15:
        return [titel]
    if " " in titel:
        woorden = titel.split(" ")
        helft = len(woorden) // 2 or 1
        return [" ".join(woorden[:helft]), " ".join(woorden[helft:])]
    # One long word: break after a Dutch compound's linking "s" near the middle.
    knip = titel.rfind("s", 0, len(titel) // 2 + 4) + 1 or len(titel) // 2
    return [titel[:knip] + "-", titel[knip:]]


def zeven_stappen(stappen) -> dict:
    """Steps 1–3 on the first row (once, reviewed yearly), 4–7 on the second (every year)."""
    blokken = []
    for stap in stappen:
        rij = 0 if stap.nummer <= 3 else 1
        kolom = stap.nummer - 1 if rij == 0 else stap.nummer - 4
        y = 34 + rij * 118
        blokken.append(
            Blok(
                nummer=stap.nummer,
                regels=[(r, y + 48 + i * 17) for i, r in enumerate(_regels(str(stap.titel)))],
                x=kolom * (KOLOM + TUSSEN),
                y=y,
                breedte=KOLOM,
                hoogte=76,
            )
        )
    return {"breedte": BREEDTE, "hoogte": 256, "blokken": blokken}


def ambitietrap(niveaus) -> dict:
    """One step per level, each higher than the one before."""
    breedte = (BREEDTE - 4 * 6) // 5
    treden = []
    for i, niveau in enumerate(niveaus):
        hoogte = 70 + i * 34
        treden.append(
            {
                "niveau": niveau,
                "x": i * (breedte + 6),
                "y": 220 - hoogte,
                "breedte": breedte,
                "hoogte": hoogte,
                "midden": i * (breedte + 6) + breedte // 2,
            }
        )
    return {"breedte": BREEDTE, "hoogte": 224, "treden": treden}
