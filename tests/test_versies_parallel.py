"""Twenty people save the same record at the same moment, through the whole stack (views,
middleware, one transaction per request): every save either lands or is answered with a
conflict, never a server error, and no write is lost.

Runs on PostgreSQL (CI): SQLite's in-memory test database cannot hold twenty concurrent
connections. bench/parallel_opslaan.py measures the same on a SQLite file.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from actieplan.models import Actieplan
from tests.factories import ActieplanFactory, LidmaatschapFactory
from tests.organisaties.test_views import form_data

AANTAL = 20

pytestmark = [
    pytest.mark.usefixtures("referentiegegevens_transactioneel"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def parallel_opslaan(*, laden_voor_de_start: bool) -> tuple[Actieplan, list[tuple[str, str]]]:
    plan = ActieplanFactory(titel="Begin")
    url = reverse("actieplan:update", args=[plan.pk])
    klaar = threading.Barrier(AANTAL)
    uitkomsten: list[tuple[str, str]] = []

    def persoon(nummer: int):
        titel = f"Titel van persoon {nummer}"
        try:
            client = Client()
            client.force_login(
                LidmaatschapFactory(organisatie=plan.organisatie, rollen=["coordinator"]).user
            )
            data = form_data(client.get(url).text) if laden_voor_de_start else None
            klaar.wait(timeout=30)
            if data is None:
                data = form_data(client.get(url).text)
            data["titel"] = [titel]
            antwoord = client.post(url, data)
            if antwoord.status_code == 302:
                uitkomsten.append(("opgeslagen", titel))
            elif "Iemand anders heeft dit intussen opgeslagen" in antwoord.text:
                uitkomsten.append(("conflict", titel))
            else:
                uitkomsten.append(("fout", f"{antwoord.status_code}"))
        except Exception as fout:  # a server error: what this test is here to catch
            uitkomsten.append(("fout", repr(fout)))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=persoon, args=(i,)) for i in range(AANTAL)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    plan.refresh_from_db()
    return plan, uitkomsten


def soorten(uitkomsten, soort):
    return [titel for s, titel in uitkomsten if s == soort]


def test_twenty_saves_of_one_loaded_version_one_lands_nineteen_conflict():
    plan, uitkomsten = parallel_opslaan(laden_voor_de_start=True)
    assert soorten(uitkomsten, "fout") == []
    opgeslagen = soorten(uitkomsten, "opgeslagen")
    assert len(opgeslagen) == 1
    assert len(soorten(uitkomsten, "conflict")) == AANTAL - 1
    assert plan.titel == opgeslagen[0]
    assert plan.versie == 1 + len(opgeslagen)  # created, then each save that landed


def test_twenty_people_loading_and_saving_at_once_lose_no_write():
    plan, uitkomsten = parallel_opslaan(laden_voor_de_start=False)
    assert soorten(uitkomsten, "fout") == []
    opgeslagen = soorten(uitkomsten, "opgeslagen")
    assert len(opgeslagen) + len(soorten(uitkomsten, "conflict")) == AANTAL
    assert len(opgeslagen) >= 1
    assert plan.versie == 1 + len(opgeslagen)
    # Every save that landed is in the history, each as its own version: none lost.
    geschiedenis = plan.history.filter(versie__gt=1).order_by("versie")
    assert [h.versie for h in geschiedenis] == list(range(2, 2 + len(opgeslagen)))
    assert sorted(h.titel for h in geschiedenis) == sorted(opgeslagen)
