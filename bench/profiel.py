"""Where a page's time goes, on production's settings (as bench/alle_paginas.py): the page
asked `--herhalingen` times under cProfile after one warm-up, the functions with the most
cumulative time printed, and the share of the request that is the template, the database
and our own code. For the profiles in docs/performance.md.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/profiel.py /plannen/400/kalender/ [--organisatie "Gemeente Groot"]
        [--herhalingen 10] [--regels 30]
The URL's plan must be the organisation's (its first team member is given every role).
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import productie  # noqa: F401 - production settings, set up

# isort: split
from django.db import connection
from django.test.utils import CaptureQueriesContext
from gedeeld import team_client


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--organisatie", default="Gemeente Groot")
    parser.add_argument("--herhalingen", type=int, default=10)
    parser.add_argument("--regels", type=int, default=30)
    args = parser.parse_args()
    client = team_client(args.organisatie)
    antwoord = client.get(args.url)
    if antwoord.status_code != 200:
        raise SystemExit(f"{args.url}: {antwoord.status_code}")
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(args.url)
    queries = list(vastgelegd)  # now: the next request empties the query log
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    profiel = cProfile.Profile()
    begin = time.perf_counter()
    profiel.enable()
    for _ in range(args.herhalingen):
        client.get(args.url)
    profiel.disable()
    per_verzoek = (time.perf_counter() - begin) * 1000 / args.herhalingen
    uit = io.StringIO()
    stats = pstats.Stats(profiel, stream=uit)
    stats.sort_stats("cumulative").print_stats(args.regels)
    print(
        f"{args.url}: {per_verzoek:.1f} ms a request under the profiler, {len(queries)} "
        f"queries ({sql_ms:.1f} ms in the database without the profiler)"
    )
    print(uit.getvalue())
    print("The slowest queries (ms, without the profiler):")
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"{float(q['time']) * 1000:6.1f}  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
