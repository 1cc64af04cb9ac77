"""Time and memory to render the plan document as a PDF (WeasyPrint): the demo plan, then
the same plan with N extra kansrijke tenders in the current year (the calendar is the
document's longest part).

Run:  .venv/bin/python bench/pdf_renderen.py [N ...]        (default: 0 500 3000)
Uses a throw-away test database (SQLite, or DATABASE_URL's server). Peak memory is the
Python heap during a second rendering (tracemalloc, which slows it down, so the time is
taken from the first) and the process's maximum resident size so far.
"""

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def extra_aanbestedingen(plan, aantal: int, begin: int) -> None:
    from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
    from themes.models import Thema

    klimaat = Thema.objects.get(slug="klimaat")
    nieuw = Aanbesteding.objects.bulk_create(
        [
            Aanbesteding(
                actieplan=plan,
                kenmerk=f"BENCH-{begin + i}",
                naam=f"Benchmarkaanbesteding {begin + i}",
                procedure="europees_openbaar",
                soort="diensten",
                startjaar=plan.lopend_jaar,
                startkwartaal=i % 4 + 1,
                geraamde_waarde=100_000 + i,
            )
            for i in range(aantal)
        ]
    )
    ThemaToepassing.objects.bulk_create(
        [ThemaToepassing(aanbesteding=a, thema=klimaat, toegepast=True) for a in nieuw]
    )


def main():
    aantallen = [int(a) for a in sys.argv[1:]] or [0, 500, 3000]
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from actieplan import document, pdf
        from actieplan.models import Actieplan

        call_command("demo_data", force=True, verbosity=0)
        plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
        pdf.render_to_pdf("<p>opwarmen</p>")  # WeasyPrint's first import and fonts
        print(f"database: {connection.vendor}")
        print("| extra tenders | variant | HTML s | PDF s | pages | PDF KB | heap MB | RSS MB |")
        print("|---|---|---|---|---|---|---|---|")
        toegevoegd = 0
        for aantal in aantallen:
            extra_aanbestedingen(plan, aantal - toegevoegd, toegevoegd)
            toegevoegd = aantal
            for variant in document.VARIANTEN:
                start = time.perf_counter()
                html = document.document_html(
                    actieplan=plan, jaar=plan.lopend_jaar, variant=variant
                )
                html_s = time.perf_counter() - start
                tracemalloc.start()
                start = time.perf_counter()
                inhoud = pdf.render_to_pdf(html)
                pdf_s = time.perf_counter() - start
                _nu, piek = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                import io

                import pypdf

                paginas = len(pypdf.PdfReader(io.BytesIO(inhoud)).pages)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(
                    f"| {aantal} | {variant} | {html_s:.2f} | {pdf_s:.1f} | {paginas} | "
                    f"{len(inhoud) // 1024} | {piek / 2**20:.0f} | {rss:.0f} |"
                )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
