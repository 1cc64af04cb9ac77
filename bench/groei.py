"""Issue 26's growth check: every page of an organisation with 10,000 tenders in a year
against the same page of one with 300, both filled alike in one throw-away database
(bench/landelijk_vullen.py's organisation: deviations, goals of every kind, quarterly
meetings, history, an adopted frozen version and a rejected one), on production's
settings. Prints the median of each page at both sizes and their ratio; the target is
1.2× or less for every page (an export reads the whole calendar by nature: listed, not
counted).

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi .venv/bin/python bench/groei.py
        [--herhalingen 10] [--klein 300] [--groot 10000]
(in a test database made and dropped on DATABASE_URL's server).
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import productie  # noqa: F401 - production settings, set up

# isort: split
from django.db import connection
from gedeeld import doel, meten, team_client, urls_van

from actieplan.models import Actieplan

# Pages whose work is the whole calendar by nature: a file of every tender, and the plan's
# document (the board's document prints the year's calendar; the PDF is this HTML). Listed
# in the table, not counted for the target.
HEEL = ("aanbestedingskalender:export", "jaarplanning:export", "plandocument:document")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=10)
    parser.add_argument("--klein", type=int, default=300)
    parser.add_argument("--groot", type=int, default=10_000)
    args = parser.parse_args()
    oud = connection.creation.create_test_db(verbosity=0)
    try:
        from landelijk_vullen import Vuller

        vuller = Vuller()
        tijden: dict[str, dict[int, tuple]] = {}
        for nummer, aantal in enumerate((args.klein, args.groot)):
            begin = time.perf_counter()
            naam = f"Gemeente {aantal}"
            vuller.organisatie(nummer, naam, tenders_per_jaar={2026: aantal})
            vuller.versies(naam)
            print(f"{naam}: filled in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
            plan = Actieplan.objects.get(organisatie__naam=naam)
            client = team_client(naam)
            for pagina, url in urls_van(plan).items():
                uitkomst = meten(client, url, args.herhalingen)
                if uitkomst is not None:
                    tijden.setdefault(pagina, {})[aantal] = uitkomst
        print(f"database: {connection.vendor}; {args.herhalingen} requests a page")
        print()
        print(
            f"| page | {args.klein:,}: median ms | queries | {args.groot:,}: median ms "
            "| queries | ratio |"
        )
        print("|---|---|---|---|---|---|")
        verhoudingen = {}
        for pagina in sorted(tijden):
            if len(tijden[pagina]) < 2:
                continue
            (k, kq), (g, gq) = (tijden[pagina][args.klein][::2], tijden[pagina][args.groot][::2])
            verhoudingen[pagina] = g / k
            print(f"| {pagina} | {k:.1f} | {kq} | {g:.1f} | {gq} | {g / k:.2f} |")
        print()
        gemeten = {p: r for p, r in verhoudingen.items() if p not in HEEL}
        boven = sorted((r, p) for p, r in gemeten.items() if r > 1.2)
        print(f"Not counted (a whole calendar by nature): {', '.join(HEEL)}")
        print()
        doel(
            f"every page at {args.groot:,} tenders within 1.2× its time at {args.klein:,}",
            f"{len(gemeten) - len(boven)} of {len(gemeten)} pages; above: "
            + (", ".join(f"{p} ({r:.1f}×)" for r, p in reversed(boven)) or "none"),
            not boven,
        )
    finally:
        connection.creation.destroy_test_db(oud, verbosity=0)


if __name__ == "__main__":
    main()
