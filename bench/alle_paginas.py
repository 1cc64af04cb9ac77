"""Every page at national scale: median, p95 and queries for a normal organisation (300
tenders over three years) and the large one (3,000 tenders in one year), each as a ratio
to a bare view measured in the same run (`/kaal/`: a tiny HttpResponse through every
middleware, no template, no query), on production's settings (bench/doorvoer_instellingen.py:
mvoi.settings.base – persistent connections, manifest static files collected into a
temporary directory, HTTPS as production's proxy reports it – plus /kaal/).

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/alle_paginas.py [--herhalingen 20]
on a database filled by bench/landelijk_vullen.py. Reads the data; gives the first team
member of each measured organisation every role (so every page opens), once.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import productie  # noqa: F401 - production settings, set up

# isort: split
from django.db import connection
from gedeeld import doel, meten, team_client, urls_van

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan

ORGANISATIES = {"normaal": "Gemeente Bench 000", "groot": "Gemeente Groot"}
KALE_VIEW = "/kaal/"  # bench/doorvoer_urls.py


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()

    resultaten: dict[str, dict[str, tuple]] = {}
    niet_geopend: dict[str, int] = {}  # at the large organisation: no 200, its status
    kaal: dict[str, float] = {}
    for soort, naam in ORGANISATIES.items():
        plan = Actieplan.objects.get(organisatie__naam=naam)
        client = team_client(naam)
        kaal[soort] = meten(client, KALE_VIEW, args.herhalingen)[0]
        for pagina, url in urls_van(plan).items():
            uitkomst = meten(client, url, args.herhalingen)
            if uitkomst is not None:
                resultaten.setdefault(pagina, {})[soort] = uitkomst
            elif soort == "groot":
                niet_geopend[pagina] = client.get(url).status_code
        aantal = Aanbesteding.objects.filter(actieplan=plan).count()
        print(f"{soort}: {naam}, {aantal} aanbestedingen", file=sys.stderr)

    print(
        f"database: {connection.vendor}; settings: {os.environ['DJANGO_SETTINGS_MODULE']}; "
        f"bare view ({KALE_VIEW}): "
        f"{kaal['normaal']:.1f} ms (normal), {kaal['groot']:.1f} ms (large)"
    )
    print()
    print(
        "| page | normal: median ms | p95 | queries | × bare "
        "| large: median ms | p95 | queries | × bare |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for pagina in sorted(resultaten):
        regel = [pagina]
        for soort in ORGANISATIES:
            if soort in resultaten[pagina]:
                mediaan, p95, aantal = resultaten[pagina][soort]
                regel += [
                    f"{mediaan:.1f}",
                    f"{p95:.1f}",
                    str(aantal),
                    f"{mediaan / kaal[soort]:.1f}",
                ]
            else:
                regel += ["–"] * 4
        print("| " + " | ".join(regel) + " |")
    groot = {p: r["groot"] for p, r in resultaten.items() if "groot" in r}
    print()
    # A redirect or "POST only" is not a page to measure; an error is a page that failed.
    kapot = sorted(p for p, status in niet_geopend.items() if status >= 400 and status != 405)
    if niet_geopend:
        print(
            "Not measured (no 200 on GET): "
            + ", ".join(f"{p} ({status})" for p, status in sorted(niet_geopend.items()))
        )
    # Issue 26: within 3× the bare view at the median, none above 10×.
    binnen_drievoud = sum(mediaan <= 3 * kaal["groot"] for mediaan, _, _ in groot.values())
    boven_tienvoud = sorted(
        p for p, (mediaan, _, _) in groot.items() if mediaan > 10 * kaal["groot"]
    )
    gemeten = len(groot) + len(kapot)
    doel(
        "every page at the largest organisation within 3× the bare view",
        f"{binnen_drievoud} of {gemeten} pages (bare view {kaal['groot']:.1f} ms)"
        + (f"; failed: {', '.join(kapot)}" if kapot else ""),
        bool(groot) and binnen_drievoud == len(groot) and not kapot,
    )
    doel(
        "no page above 10× the bare view",
        f"{len(boven_tienvoud)} above: {', '.join(boven_tienvoud) or 'none'}",
        not boven_tienvoud,
    )
    kalender = groot.get("aanbestedingskalender:kalender ?jaar=2026")
    doel(
        "calendar at 3,000 tenders within 3× the bare view",
        f"{kalender[0]:.0f} ms ({kalender[0] / kaal['groot']:.0f}× the bare view)"
        if kalender
        else "not opened",
        bool(kalender) and kalender[0] <= 3 * kaal["groot"],
    )


if __name__ == "__main__":
    main()
