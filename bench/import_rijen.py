"""Time the check (preview) and the import (confirm) of a calendar with N rows, to choose
IMPORT_MAX_RIJEN: one upload's check must finish well within gunicorn's 30 s timeout.

Run:  .venv/bin/python bench/import_rijen.py [N ...]        (default: 100 500 1000 5000)
Uses a throw-away SQLite database (or DATABASE_URL's server, in a test database). Every row
is a new tender with two applicable themes; then the same file again with every name
changed (N updates). The limit is lifted for the measurement.
"""

import io
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from gedeeld import doel  # noqa: E402
from openpyxl import Workbook  # noqa: E402

KOPPEN = ["Kenmerk", "Naam", "Procedure", "Soort", "Startjaar", "Startkwartaal", "Status"]
KOPPEN += ["Kansrijk", "Geraamde waarde (€)", "Thema Klimaat", "Thema Circulair"]
VASTE_WAARDEN = ["Europees openbaar", "Diensten", 2025, "K3", "Gepland", "ja", 125000]
VASTE_WAARDEN += ["toepasbaar", "toegepast: gunningscriterium, basis"]


def bestand(aantal: int, naam: str = "Aanbesteding") -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(KOPPEN)
    for i in range(aantal):
        blad.append([f"B-{i}", f"{naam} {i}", *VASTE_WAARDEN])
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    return uitvoer.getvalue()


class Teller:
    """Counts queries (connection.execute_wrapper), without keeping them."""

    aantal = 0

    def __call__(self, execute, *args):
        self.aantal += 1
        return execute(*args)


def main():
    aantallen = sorted(int(a) for a in sys.argv[1:]) or [100, 500, 1000, 5000]
    settings.IMPORT_MAX_RIJEN = max(aantallen)  # measure beyond the limit too
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from aanbestedingskalender import importeren
        from aanbestedingskalender.models import Aanbesteding
        from tests.factories import ActieplanFactory, UserFactory

        print(f"database: {connection.vendor}")
        print(
            "| rows | new: preview s | queries | confirm s | queries "
            "| changed: preview s | queries | confirm s | queries | peak RSS MB |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for aantal in aantallen:
            plan = ActieplanFactory()
            door = UserFactory()
            metingen = []
            for inhoud in (bestand(aantal), bestand(aantal, "Gewijzigd")):
                # As the import's pages do: the preview keeps the upload with its check and
                # the rows it read; the confirm imports those rows (issue 26).
                teller = Teller()
                with connection.execute_wrapper(teller):
                    start = time.perf_counter()
                    upload = importeren.importbestand_opslaan(
                        actieplan=plan, door=door, bestandsnaam="k.xlsx", inhoud=inhoud
                    )
                    metingen += [time.perf_counter() - start, teller.aantal]
                controle = importeren.importbestand_controle(upload=upload)
                if not controle.geldig:
                    raise SystemExit(f"Het bestand is afgekeurd: {controle.fouten[:3]}")
                teller = Teller()
                with connection.execute_wrapper(teller):
                    start = time.perf_counter()
                    importeren.kalender_importeren(
                        actieplan=plan,
                        inhoud=bytes(upload.inhoud),
                        bestandsnaam=upload.bestandsnaam,
                        door=door,
                        verwacht=controle.versies,
                        gelezen=importeren.gelezen_van(upload),
                    )
                    metingen += [time.perf_counter() - start, teller.aantal]
                upload.delete()
            if (
                Aanbesteding.objects.filter(actieplan=plan, naam__startswith="Gewijzigd").count()
                != aantal
            ):
                raise SystemExit("Niet alle rijen zijn geïmporteerd.")
            # The process's peak so far: the sizes run from small to large, so it is this
            # size's peak (Django and the test database included).
            piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            regel = "| {} | {:.1f} | {} | {:.1f} | {} | {:.1f} | {} | {:.1f} | {} | {:.0f} |"
            print(regel.format(aantal, *metingen, piek))
        nieuw_controle, _, nieuw_import, _, gewijzigd_controle, _, gewijzigd_import, _ = metingen
        print()
        doel(
            f"import of {aantal:,} rows: preview ≤ 5 s",
            f"new {nieuw_controle:.1f} s, changed {gewijzigd_controle:.1f} s",
            max(nieuw_controle, gewijzigd_controle) <= 5,
        )
        doel(
            f"import of {aantal:,} rows: confirm ≤ 5 s",
            f"new {nieuw_import:.1f} s, changed {gewijzigd_import:.1f} s",
            max(nieuw_import, gewijzigd_import) <= 5,
        )
        doel(
            f"import of {aantal:,} changed rows: confirm ≤ 3 s (issue 26)",
            f"{gewijzigd_import:.1f} s",
            gewijzigd_import <= 3,
        )
        doel(f"import of {aantal:,} rows: peak ≤ 200 MB", f"{piek:.0f} MB", piek <= 200)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
