"""The calendar export (.csv and .xlsx) of a plan with N tenders, on production's settings:
the time to the first byte and to the last, the queries, the size and the peak of Python's
memory while it is written, for each N.

The export is streamed (aanbestedingskalender/stroom.py): 500 tenders are read at a time
(three queries a chunk), written and sent. So the first byte does not wait for the last
tender, the peak memory does not grow with N, and the queries grow by three per 500.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi \\
        .venv/bin/python bench/export_kalender.py [N ...]      (default: 300 3000 10000)
in a test database made and dropped on DATABASE_URL's server, filled like
bench/landelijk_vullen.py. Times are the median of 5 runs through the view (Django's test
client reading the streamed answer); the memory peak is tracemalloc's in a sixth run.
"""

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import productie  # noqa: F401 - production settings, set up

# isort: split
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from gedeeld import doel, ingelogde_client

HERHALINGEN = 5


def lezen(antwoord) -> tuple[float, int]:
    """Read a (streamed) answer: seconds to its first chunk, and its size."""
    begin = time.perf_counter()
    if not antwoord.streaming:
        return 0.0, len(antwoord.content)
    stukken = iter(antwoord.streaming_content)
    eerste = next(stukken)
    tot_eerste = time.perf_counter() - begin
    return tot_eerste, len(eerste) + sum(len(stuk) for stuk in stukken)


def meten(client, url) -> dict:
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
        lezen(antwoord)
    queries = len(vastgelegd)
    if antwoord.status_code != 200:
        raise SystemExit(f"{url} antwoordde {antwoord.status_code}")
    eerste, totaal = [], []
    for _ in range(HERHALINGEN):
        begin = time.perf_counter()
        antwoord = client.get(url)
        tot_antwoord = time.perf_counter() - begin
        tot_eerste, grootte = lezen(antwoord)
        eerste.append(tot_antwoord + tot_eerste)
        totaal.append(time.perf_counter() - begin)
    tracemalloc.start()
    lezen(client.get(url))
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "eerste": statistics.median(eerste),
        "totaal": statistics.median(totaal),
        "queries": queries,
        "kb": grootte / 1024,
        "piek_mb": piek / 1024 / 1024,
    }


def main():
    aantallen = [int(a) for a in sys.argv[1:]] or [300, 3000, 10_000]
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from landelijk_vullen import Vuller

        from actieplan.models import Actieplan
        from organisaties.models import Lidmaatschap, Rol

        vuller = Vuller()
        gemeten = {}
        print(f"database: {connection.vendor}; settings: production (bench/productie.py)")
        print()
        print(
            "| tenders | format | first byte s | all s | queries | KB | peak memory MB |\n"
            "|---|---|---|---|---|---|---|"
        )
        for nummer, aantal in enumerate(aantallen):
            naam = f"Gemeente Export {aantal}"
            vuller.organisatie(nummer, naam, tenders_per_jaar={2026: aantal})
            plan = Actieplan.objects.get(organisatie__naam=naam)
            lid = Lidmaatschap.objects.filter(organisatie=plan.organisatie).first()
            lid.rollen.add(Rol.objects.get(code="coordinator"))
            client = ingelogde_client(lid.user)
            client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
            url = reverse("aanbestedingskalender:export", args=[plan.pk])
            for formaat in ("csv", "xlsx"):
                m = meten(client, f"{url}?formaat={formaat}")
                gemeten[aantal, formaat] = m
                print(
                    f"| {aantal:,} | .{formaat} | {m['eerste']:.2f} | {m['totaal']:.2f} | "
                    f"{m['queries']} | {m['kb']:.0f} | {m['piek_mb']:.1f} |"
                )
        kleinste, grootste = min(aantallen), max(aantallen)
        xlsx = {a: gemeten[a, "xlsx"] for a in aantallen}
        print()
        doel(
            f"export of {grootste:,} tenders: first byte ≤ 1 s, streamed",
            f"{xlsx[grootste]['eerste']:.2f} s (.xlsx; all of it {xlsx[grootste]['totaal']:.1f} s)",
            xlsx[grootste]["eerste"] <= 1,
        )
        # Flat beyond one chunk (500 tenders): the smallest size read less than a chunk.
        vergelijk = min((a for a in aantallen if a >= 1000), default=kleinste)
        doel(
            f"export: memory flat ({grootste:,} tenders within 1.2× the peak at {vergelijk:,})",
            f"{xlsx[vergelijk]['piek_mb']:.1f} MB → {xlsx[grootste]['piek_mb']:.1f} MB "
            f"({xlsx[kleinste]['piek_mb']:.1f} MB at {kleinste:,}: less than one chunk of 500)",
            xlsx[grootste]["piek_mb"] <= 1.2 * xlsx[vergelijk]["piek_mb"],
        )
        if 3000 in xlsx:
            doel(
                "export of 3,000 tenders to .xlsx ≤ 0.5 s (all of it)",
                f"{xlsx[3000]['totaal']:.2f} s",
                xlsx[3000]["totaal"] <= 0.5,
            )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
