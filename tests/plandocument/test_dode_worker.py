"""A dead worker never leaves a plan stuck (issue 24): the real worker (`manage.py
db_worker`, its own process) is killed while it renders an approved version's PDFs. Its
heartbeat stops; within seconds (not a quarter of an hour) the version page offers the
retry, the dead task's row is closed as failed instead of "running" for ever, and the next
worker freezes the version.

Runs on PostgreSQL (CI): the worker process needs the test database as a server."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from actieplan.models import Actieplan
from organisaties.models import User
from plandocument import goedkeuring, renderen
from plandocument.models import Planversie
from tests.factories import veel_aanbestedingen

pytestmark = [
    pytest.mark.usefixtures("referentiegegevens_transactioneel"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker process needs a database server"
    ),
]


def worker_starten() -> subprocess.Popen:
    db = connection.settings_dict
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mvoi.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=Path(settings.BASE_DIR),
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wachten_tot(voorwaarde, *, seconden: float = 90) -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        if time.monotonic() > einde:
            raise AssertionError("niet op tijd")
        time.sleep(0.1)


def test_a_worker_killed_mid_render_leaves_the_retry_at_once(client, taken_uitvoeren):
    call_command("demo_data", force=True, verbosity=0)
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    # A long calendar, so the rendering takes seconds: the worker is killed in it.
    veel_aanbestedingen(
        plan, 1500, kenmerk="LANG-{i}", naam="Aanbesteding {i} met een naam van enige lengte"
    )
    versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
    goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))

    worker = worker_starten()
    try:
        wachten_tot(
            lambda: Planversie.objects.filter(
                pk=versie.pk, pdf_status="bezig", pdf_hartslag__isnull=False
            ).exists()
        )
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and nothing else: gone mid-render
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    versie.refresh_from_db()
    assert versie.vastgelegd_op is None and versie.pdf_status == "bezig"
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1  # "running" for ever

    # The heartbeat stopped with the worker: it does not move on.
    laatste = versie.pdf_hartslag
    time.sleep(renderen.HARTSLAG + 1)
    versie.refresh_from_db()
    assert versie.pdf_hartslag == laatste
    # As soon as it is older than goedkeuring.STIL_NA (not after a quarter of an hour):
    Planversie.objects.filter(pk=versie.pk).update(
        pdf_hartslag=timezone.now() - goedkeuring.STIL_NA - timedelta(seconds=1)
    )
    versie.refresh_from_db()
    assert goedkeuring.mag_opnieuw(versie)
    client.force_login(User.objects.get(username="coordinator"))
    pagina = client.get(reverse("plandocument:versie", args=[plan.pk, versie.nummer])).text
    assert "is gestopt voordat het klaar was" in pagina
    assert "Opnieuw proberen" in pagina

    client.post(reverse("plandocument:versie_opnieuw", args=[plan.pk, versie.nummer]))
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 0
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    # The next worker takes it over and freezes the version.
    taken_uitvoeren()
    versie.refresh_from_db()
    assert versie.vastgelegd_op is not None and goedkeuring.vastgelegde_pdf(
        versie=versie, variant="intern"
    ).startswith(b"%PDF")
    plan.refresh_from_db()
    assert plan.status == Actieplan.Status.GOEDGEKEURD
