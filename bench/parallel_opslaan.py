"""Twenty people save the same plan at once, through the whole stack (middleware, views,
one transaction per request, the edit-conflict guard), R rounds of two scenarios:

- "one version": all twenty loaded the form before anyone saves (1 lands, 19 conflict);
- "load and save": each loads and saves at once (who lands depends on timing).

Prints, per scenario: saved, conflicts, server errors, and whether the plan's version
equals 1 + the saves that landed (no write lost).

Run:  .venv/bin/python bench/parallel_opslaan.py [R]          (SQLite file in /tmp)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi \
          .venv/bin/python bench/parallel_opslaan.py
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")
BESTAND = Path(tempfile.gettempdir()) / "mvoi-bench-parallel.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BESTAND}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main():
    rondes = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    setup_test_environment()
    if connection.vendor == "sqlite":
        # A file, not the in-memory test database: twenty connections at once.
        settings.DATABASES["default"]["TEST"]["NAME"] = str(BESTAND)
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.test_versies_parallel import parallel_opslaan

        print(f"database: {connection.vendor}, {rondes} rounds of 20 parallel saves")
        print("| scenario | saved | conflicts | server errors | version = 1 + saved |")
        print("|---|---|---|---|---|")
        for naam, vooraf in (("one version", True), ("load and save", False)):
            totaal = {"opgeslagen": 0, "conflict": 0, "fout": 0}
            klopt = 0
            for _ in range(rondes):
                plan, uitkomsten = parallel_opslaan(laden_voor_de_start=vooraf)
                for soort, _titel in uitkomsten:
                    totaal[soort] += 1
                ronde_opgeslagen = sum(1 for soort, _ in uitkomsten if soort == "opgeslagen")
                klopt += plan.versie == 1 + ronde_opgeslagen
            print(
                f"| {naam} | {totaal['opgeslagen']} | {totaal['conflict']} | {totaal['fout']} "
                f"| {klopt} of {rondes} rounds |"
            )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
