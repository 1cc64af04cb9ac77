"""Count the queries and time of each page as data grows: N more plans, members (advisors
with an answer for every theme), goals, tenders (each with three applicable themes) and
versions put to management.

Run:  .venv/bin/python bench/pagina_queries.py [N]
Uses a throw-away SQLite database (or DATABASE_URL's server, in a test database) and prints
one row per page: queries with little data, queries with N times the data, median time.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from gedeeld import ingelogde_client  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
HERHALINGEN = 20


def meet(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} antwoordde {response.status_code}")
    aantal = len(queries)  # read now: the next request clears the connection's log
    tijden = []
    for _ in range(HERHALINGEN):
        start = time.perf_counter()
        client.get(url)
        tijden.append(time.perf_counter() - start)
    return aantal, statistics.median(tijden) * 1000


def main():
    setup_test_environment()
    # As Django's TestCase does: keep one connection, so the captured queries are kept.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
        from actieplan.models import MeetbaarDoel, NulmetingAntwoord, TekstDoel
        from tests.factories import ActieplanFactory, LidmaatschapFactory
        from themes.models import Ambitieniveau, Doelsoort, Thema

        lid = LidmaatschapFactory(rollen=["beheerder", "coordinator"])
        organisatie = lid.organisatie
        plan = ActieplanFactory(organisatie=organisatie)
        from plandocument import document
        from plandocument.models import Planversie

        def versie(nummer: int, status: str) -> Planversie:
            return Planversie.objects.create(
                actieplan=plan,
                nummer=nummer,
                jaar=2025,
                status=status,
                ingediend_door=lid.user,
                momentopname=document.momentopname(actieplan=plan),
            )

        versie(1, "afgewezen")
        client = ingelogde_client(lid.user)
        paginas = {
            "start": reverse("actieplan:start"),
            "actieplan": reverse("actieplan:detail", args=[plan.pk]),
            "stap 1 nulmeting": reverse("actieplan:stap", args=[plan.pk, "nulmeting"]),
            "nulmeting klimaat": reverse("actieplan:nulmeting_thema", args=[plan.pk, "klimaat"]),
            "stap 2 thema's": reverse("actieplan:stap", args=[plan.pk, "themas"]),
            "stap 3 doelen": reverse("actieplan:stap", args=[plan.pk, "ambities-doelen"]),
            "stap 7 evaluatie": reverse("actieplan:stap", args=[plan.pk, "evaluatie"]),
            "stap 4 kalender": reverse("actieplan:stap", args=[plan.pk, "aanbestedingskalender"]),
            "kalender 2025": reverse("aanbestedingskalender:kalender", args=[plan.pk])
            + "?jaar=2025",
            "kwartaaloverleg": reverse("aanbestedingskalender:kwartaal", args=[plan.pk, 2025, 4]),
            "leden": reverse("organisaties:leden"),
            "indienen": reverse("plandocument:indienen", args=[plan.pk]),
            "versies": reverse("plandocument:versies", args=[plan.pk]),
            "versie 1": reverse("plandocument:versie", args=[plan.pk, 1]),
        }
        weinig = {naam: meet(client, url) for naam, url in paginas.items()}
        ActieplanFactory.create_batch(N, organisatie=organisatie)
        themas = list(Thema.objects.all())
        niveau = Ambitieniveau.objects.get(nummer=3)
        soort = Doelsoort.objects.first()
        for index in range(N):
            adviseur = LidmaatschapFactory(
                organisatie=organisatie, rollen=["inkoopadviseur", "mvoi_teamlid"]
            ).user
            NulmetingAntwoord.objects.bulk_create(
                NulmetingAntwoord(
                    actieplan=plan, user=adviseur, thema=thema, niveau=niveau, onderbouwing="o"
                )
                for thema in themas
            )
            MeetbaarDoel.objects.create(
                actieplan=plan, soort=soort, jaar=2024 + index, streefwaarde=index % 101
            )
            TekstDoel.objects.create(actieplan=plan, thema=themas[index % 6], tekst="doel")
            aanbesteding = Aanbesteding.objects.create(
                actieplan=plan,
                kenmerk=f"B-{index}",
                naam=f"Aanbesteding {index}",
                procedure="europees_openbaar",
                soort="diensten",
                startjaar=2025,
                startkwartaal=index % 4 + 1,
                eigenaar=adviseur,
            )
            ThemaToepassing.objects.bulk_create(
                ThemaToepassing(
                    aanbesteding=aanbesteding,
                    thema=thema,
                    toegepast=positie % 2 == 0,
                    vorm="minimumeis" if positie % 2 == 0 else "",
                )
                for positie, thema in enumerate(themas[:3])
            )
        for nummer in range(2, N + 2):
            versie(nummer, "ingetrokken")
        veel = {naam: meet(client, url) for naam, url in paginas.items()}
        print(
            f"database: {connection.vendor}; N = {N} extra plans, members, goals, tenders and "
            f"versions, 6×N answers"
        )
        kop = f"{'page':<20}{'queries (1)':>12}{f'queries ({N})':>14}{'ms (1)':>9}{f'ms ({N})':>10}"
        print(kop)
        for naam in paginas:
            print(
                f"{naam:<20}{weinig[naam][0]:>12}{veel[naam][0]:>14}"
                f"{weinig[naam][1]:>9.1f}{veel[naam][1]:>10.1f}"
            )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
