"""Time the calendar export (.csv and .xlsx) of a plan with N tenders, and count its
queries: the count must not grow with N.

Run:  .venv/bin/python bench/export_kalender.py [N ...]        (default: 10 300 3000)
Uses a throw-away SQLite database (or DATABASE_URL's server, in a test database), filled
like bench/landelijk_vullen.py (each tender with two applied themes, an owner and a
product group). Times are the median of 5 runs through the view (Django's test client).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from gedeeld import doel, ingelogde_client  # noqa: E402

HERHALINGEN = 5


def meten(client, url) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    aantal = len(queries)  # now: the next request resets the connection's query log
    if antwoord.status_code != 200:
        raise SystemExit(f"{url} antwoordde {antwoord.status_code}")
    tijden = []
    for _ in range(HERHALINGEN):
        start = time.perf_counter()
        client.get(url)
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden), aantal, len(antwoord.content)


def main():
    aantallen = [int(a) for a in sys.argv[1:]] or [10, 300, 3000]
    setup_test_environment()
    # The test client's requests would close the connection and lose the query log.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from landelijk_vullen import Vuller

        from actieplan.models import Actieplan
        from organisaties.models import Lidmaatschap, Rol

        vuller = Vuller()
        xlsx = {}
        print(f"database: {connection.vendor}")
        print("| tenders | .csv s | queries | KB | .xlsx s | queries | KB |")
        print("|---|---|---|---|---|---|---|")
        for nummer, aantal in enumerate(aantallen):
            vuller.organisatie(nummer, f"Gemeente Export {aantal}", tenders_per_jaar={2026: aantal})
            plan = Actieplan.objects.get(organisatie__naam=f"Gemeente Export {aantal}")
            lid = Lidmaatschap.objects.filter(organisatie=plan.organisatie).first()
            lid.rollen.add(Rol.objects.get(code="coordinator"))
            client = ingelogde_client(lid.user)
            url = reverse("aanbestedingskalender:export", args=[plan.pk])
            regel = [str(aantal)]
            for formaat in ("csv", "xlsx"):
                tijd, queries, grootte = meten(client, f"{url}?formaat={formaat}")
                regel += [f"{tijd:.2f}", str(queries), f"{grootte / 1024:.0f}"]
                if formaat == "xlsx":
                    xlsx[aantal] = (tijd, queries)
            print("| " + " | ".join(regel) + " |")
        grootste = max(xlsx)
        print()
        doel(
            f"export of {grootste:,} tenders to .xlsx ≤ 0.5 s",
            f"{xlsx[grootste][0]:.2f} s",
            xlsx[grootste][0] <= 0.5,
        )
        doel(
            "export: the same number of queries at every size",
            " / ".join(f"{q} ({a:,})" for a, (_, q) in xlsx.items()),
            len({q for _, q in xlsx.values()}) == 1,
        )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
