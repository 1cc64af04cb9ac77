"""Throughput under gunicorn: requests per second for the calendar of a normal organisation
(300 tenders) against a bare Django view (no middleware work beyond Django's, no template,
no query) on the same server, in the same run, as a ratio.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/doorvoer.py [--workers 2] [--clients 8] [--seconden 10]
on a database filled by bench/landelijk_vullen.py. Starts gunicorn on 127.0.0.1:8765 with
bench/doorvoer_instellingen.py (the test settings; the application's URLs plus /kaal/, a
view that answers "ok": every middleware still runs), logs in by a session made here, and
stops gunicorn afterwards. Load and server share this machine's 2 cores.
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from gedeeld import doel, ingelogde_client  # noqa: E402

from actieplan.models import Actieplan  # noqa: E402
from organisaties.models import Lidmaatschap  # noqa: E402

POORT = 8765
ORGANISATIE = "Gemeente Bench 000"


def sessie_cookie() -> tuple[str, int]:
    """A logged-in session of the organisation's first team member, stored in the
    database the servers read; and the plan's pk."""
    plan = Actieplan.objects.get(organisatie__naam=ORGANISATIE)
    lid = (
        Lidmaatschap.objects.filter(organisatie=plan.organisatie, user__username__startswith="team")
        .order_by("pk")
        .first()
    )
    client = ingelogde_client(lid.user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value, plan.pk


def belasten(pad: str, cookie: str, clients: int, seconden: float) -> tuple[float, int]:
    """Requests per second with `clients` keep-alive connections for `seconden`."""
    einde = time.perf_counter() + seconden
    tellers, fouten = [0] * clients, [0] * clients

    def werk(nummer: int) -> None:
        verbinding = http.client.HTTPConnection("127.0.0.1", POORT, timeout=30)
        kop = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Host": "127.0.0.1"}
        while time.perf_counter() < einde:
            verbinding.request("GET", pad, headers=kop)
            antwoord = verbinding.getresponse()
            antwoord.read()
            if antwoord.status == 200:
                tellers[nummer] += 1
            else:
                fouten[nummer] += 1

    draden = [threading.Thread(target=werk, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    return sum(tellers) / (time.perf_counter() - start), sum(fouten)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconden", type=float, default=10)
    args = parser.parse_args()

    cookie, plan = sessie_cookie()
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.doorvoer_instellingen",
    }
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, our own arguments)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "mvoi.wsgi",
            f"--bind=127.0.0.1:{POORT}",
            f"--workers={args.workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=omgeving,
    )
    try:
        for _ in range(100):  # until it answers
            try:
                http.client.HTTPConnection("127.0.0.1", POORT, timeout=1).request("GET", "/kaal/")
                break
            except OSError:
                time.sleep(0.1)
        paden = {
            "bare view (/kaal/)": "/kaal/",
            "accessibility statement (template, all middleware)": reverse("toegankelijkheid"),
            "calendar, 300 tenders": reverse("aanbestedingskalender:kalender", args=[plan]),
        }
        for pad in paden.values():
            belasten(pad, cookie, args.clients, 1)  # warm up
        uitkomst = {
            naam: belasten(pad, cookie, args.clients, args.seconden) for naam, pad in paden.items()
        }
    finally:
        server.terminate()
        server.wait()

    kaal = uitkomst["bare view (/kaal/)"][0]
    print(
        f"gunicorn, {args.workers} workers; {args.clients} clients for {args.seconden:.0f} s each"
    )
    print()
    print("| page | requests/s | non-200 | × bare view |")
    print("|---|---|---|---|")
    for naam, (per_seconde, fouten) in uitkomst.items():
        print(f"| {naam} | {per_seconde:.0f} | {fouten} | {per_seconde / kaal:.2f} |")
    kalender = uitkomst["calendar, 300 tenders"][0] / kaal
    print()
    doel("calendar under gunicorn ≥ 0.33× the bare view", f"{kalender:.2f}×", kalender >= 0.33)


if __name__ == "__main__":
    main()
