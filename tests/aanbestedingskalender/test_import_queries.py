"""The calendar import reads and writes in bulk: checking or importing 30 rows costs the
same number of queries as 10, for new tenders and for changed ones (with owners, product
groups, themes and moves)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbestedingskalender import importeren
from aanbestedingskalender.models import Aanbesteding, Verplaatsing
from tests.aanbestedingskalender.test_resources import xlsx
from themes.models import Productgroep

KOPPEN = ["Kenmerk", "Naam", "Procedure", "Soort", "Startjaar", "Startkwartaal", "Status"]
KOPPEN += ["Kansrijk", "Eigenaar (e-mail)", "Productgroep", "Thema Klimaat", "Thema Circulair"]


def bestand(aantal: int, *, kwartaal: int, eigenaar, productgroep) -> bytes:
    return xlsx(
        [KOPPEN]
        + [
            [
                f"Q-{i}",
                f"Aanbesteding {i} K{kwartaal}",
                "Europees openbaar",
                "Diensten",
                2026,
                kwartaal,
                "Gepland",
                "ja",
                eigenaar.email.upper(),
                productgroep.naam,
                "toepasbaar" if kwartaal == 1 else "toegepast: gunningscriterium, basis",
                "toegepast: minimumeis" if kwartaal == 1 else "",
            ]
            for i in range(aantal)
        ]
    )


def queries(stap, **kwargs) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        resultaat = stap(bestandsnaam="k.xlsx", **kwargs)
    assert resultaat.geldig, resultaat.fouten[:3]
    return len(vastgelegd)


@pytest.mark.parametrize("stap", ["controleren", "importeren"])
def test_the_queries_do_not_grow_with_the_rows(actieplan, adviseur, stap):
    productgroep = Productgroep.objects.first()
    functie = getattr(importeren, f"kalender_{stap}")
    aantallen = {}
    for aantal in (10, 30):  # within one bulk batch, also on SQLite (999 parameters)
        Aanbesteding.objects.filter(actieplan=actieplan).delete()
        if stap == "importeren":  # the rows exist, so the second file changes and moves them
            importeren.kalender_importeren(
                actieplan=actieplan,
                inhoud=bestand(aantal, kwartaal=1, eigenaar=adviseur, productgroep=productgroep),
                bestandsnaam="k.xlsx",
                door=adviseur,
            )
        inhoud = bestand(aantal, kwartaal=3, eigenaar=adviseur, productgroep=productgroep)
        aantallen[aantal] = queries(functie, actieplan=actieplan, inhoud=inhoud, door=adviseur)
    assert aantallen[10] == aantallen[30]
    if stap == "importeren":
        assert Verplaatsing.objects.filter(aanbesteding__actieplan=actieplan).count() == 30
        assert set(
            Aanbesteding.objects.filter(actieplan=actieplan).values_list("eigenaar", flat=True)
        ) == {adviseur.pk}
