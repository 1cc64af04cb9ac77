"""Throughput under gunicorn on the production settings: requests per second for the
calendar of a normal organisation (300 tenders) and of the largest (3,000) against a bare
Django view (a tiny HttpResponse through the same middleware and server, no template, no
query) in the same run, as a ratio.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/doorvoer.py [--workers 2] [--clients 8] [--seconden 10]
on a database filled by bench/landelijk_vullen.py. Collects the static files into a
temporary directory, starts gunicorn on 127.0.0.1:8765 with bench/doorvoer_instellingen.py
(production's mvoi.settings.base – persistent database connections, manifest static
files, HTTPS redirect – plus /kaal/), sends X-Forwarded-Proto: https as production's proxy
does, logs in by a session made here (same SECRET_KEY), and stops gunicorn afterwards.
Load and server share this machine's 2 cores.
"""

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")
# The session made here must be valid for the server: one key for both.
os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from gedeeld import doel, ingelogde_client  # noqa: E402

from actieplan.models import Actieplan  # noqa: E402
from organisaties.models import Lidmaatschap  # noqa: E402

POORT = 8765
ORGANISATIE = "Gemeente Bench 000"
GROOT = "Gemeente Groot"


def sessie_cookie(organisatie: str) -> tuple[str, int]:
    """A logged-in session of the organisation's first team member, stored in the
    database the servers read; and the plan's pk."""
    plan = Actieplan.objects.get(organisatie__naam=organisatie)
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
        kop = {
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}",
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",  # as production's proxy: no redirect to HTTPS
        }
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

    cookie, plan = sessie_cookie(ORGANISATIE)
    cookie_groot, plan_groot = sessie_cookie(GROOT)
    statisch = tempfile.mkdtemp(prefix="mvoi-bench-static-")
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.doorvoer_instellingen",
        "STATIC_ROOT": statisch,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=omgeving,
        check=True,
    )
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
                verbinding = http.client.HTTPConnection("127.0.0.1", POORT, timeout=1)
                verbinding.request("GET", "/kaal/", headers={"X-Forwarded-Proto": "https"})
                verbinding.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        paden = {
            "bare view (/kaal/)": ("/kaal/", cookie),
            "accessibility statement (template, all middleware)": (
                reverse("toegankelijkheid"),
                cookie,
            ),
            "calendar, 300 tenders": (
                reverse("aanbestedingskalender:kalender", args=[plan]),
                cookie,
            ),
            "calendar, 3,000 tenders": (
                reverse("aanbestedingskalender:kalender", args=[plan_groot]),
                cookie_groot,
            ),
        }
        for pad, sessie in paden.values():
            belasten(pad, sessie, args.clients, 1)  # warm up
        uitkomst = {
            naam: belasten(pad, sessie, args.clients, args.seconden)
            for naam, (pad, sessie) in paden.items()
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
    print()
    for naam in ("calendar, 300 tenders", "calendar, 3,000 tenders"):
        verhouding = uitkomst[naam][0] / kaal
        doel(f"{naam} under gunicorn ≥ 0.5× the bare view", f"{verhouding:.2f}×", verhouding >= 0.5)


if __name__ == "__main__":
    main()
