"""Two app servers, one database: nothing of a user's work lives in one process.

Starts two gunicorn servers (ports 8771 and 8772) on the same PostgreSQL and shows, over
HTTP as a browser would (cookies, CSRF token, multipart upload):
  1. a login on server A is valid on server B;
  2. a calendar import uploaded and previewed on A is confirmed on B;
  3. a plan version frozen by a worker (here: this process, as `manage.py db_worker`
     would) downloads with the same bytes from A and from B.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/twee_servers.py
on a database filled by bench/landelijk_vullen.py. Exit status 0 only when all three hold.
It adds 20 tenders and one approved version to "Gemeente Bench 001".
"""

import http.client
import io
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from gedeeld import doel  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from aanbestedingskalender.models import Aanbesteding  # noqa: E402
from actieplan.models import Actieplan  # noqa: E402
from organisaties.models import Lidmaatschap, Rol  # noqa: E402
from plandocument import goedkeuring, renderen  # noqa: E402
from plandocument.models import Planversie  # noqa: E402

POORTEN = {"A": 8771, "B": 8772}
ORGANISATIE = "Gemeente Bench 001"
WACHTWOORD = "mvoi-bench-2026"


class Browser:
    """Cookies and CSRF over plain HTTP, to either server."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def verzoek(self, server, methode, pad, body=None, kop=None):
        verbinding = http.client.HTTPConnection("127.0.0.1", POORTEN[server], timeout=60)
        koppen = {"Host": "127.0.0.1", **(kop or {})}
        if self.cookies:
            koppen["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        verbinding.request(methode, pad, body=body, headers=koppen)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read()
        for naam, waarde in antwoord.getheaders():
            if naam.lower() == "set-cookie":
                sleutel, _, rest = waarde.partition("=")
                self.cookies[sleutel] = rest.split(";", 1)[0]
        return antwoord.status, dict(antwoord.getheaders()), inhoud

    def get(self, server, pad):
        return self.verzoek(server, "GET", pad)

    def post(self, server, pad, velden, bestand=None):
        velden = {**velden, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        if bestand is None:
            body = urlencode(velden).encode()
            soort = "application/x-www-form-urlencoded"
        else:
            grens = uuid.uuid4().hex
            delen = [
                f'--{grens}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in velden.items()
            ]
            naam, inhoud = bestand
            delen.append(
                f'--{grens}\r\nContent-Disposition: form-data; name="bestand"; '
                f'filename="{naam}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + inhoud
                + b"\r\n"
            )
            body = b"".join(delen) + f"--{grens}--\r\n".encode()
            soort = f"multipart/form-data; boundary={grens}"
        return self.verzoek(server, "POST", pad, body, {"Content-Type": soort})


def kalenderbestand(aantal: int) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(["Kenmerk", "Naam", "Procedure", "Soort", "Startjaar", "Startkwartaal", "Status"])
    for i in range(aantal):
        code = uuid.uuid4().hex[:6]
        blad.append([f"TS-{code}", f"Twee servers {i}", "Anders", "Diensten", 2026, 2, "Gepland"])
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    return uitvoer.getvalue()


def starten() -> list[subprocess.Popen]:
    servers = [
        subprocess.Popen(  # noqa: S603 (our own gunicorn, our own arguments)
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "mvoi.wsgi",
                f"--bind=127.0.0.1:{poort}",
                "--workers=1",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "mvoi.settings.test"},
        )
        for poort in POORTEN.values()
    ]
    for poort in POORTEN.values():
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", poort, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
    return servers


def main() -> int:
    plan = Actieplan.objects.get(organisatie__naam=ORGANISATIE)
    leden = Lidmaatschap.objects.filter(organisatie=plan.organisatie)
    adviseur = leden.filter(user__username__startswith="adviseur").order_by("pk").first().user
    team = list(leden.filter(user__username__startswith="team").order_by("pk"))
    team[0].rollen.add(Rol.objects.get(code="coordinator"))
    team[1].rollen.add(Rol.objects.get(code="management"))
    uitkomsten = []
    servers = starten()
    try:
        browser = Browser()
        # 1. Log in on A; the session opens the start page on B.
        browser.get("A", reverse("login"))
        status, koppen, _ = browser.post(
            "A", reverse("login"), {"username": adviseur.username, "password": WACHTWOORD}
        )
        status_b, _, pagina = browser.get("B", reverse("actieplan:start"))
        uitkomsten.append(
            (
                "login on A, start page on B",
                status == 302 and status_b == 200 and ORGANISATIE.encode() in pagina,
            )
        )

        # 2. Upload and preview on A, confirm on B.
        voor = Aanbesteding.objects.filter(actieplan=plan).count()
        importpad = reverse("aanbestedingskalender:import", args=[plan.pk])
        browser.get("A", importpad)
        status, koppen, _ = browser.post(
            "A", importpad, {}, bestand=("k.xlsx", kalenderbestand(20))
        )
        voorbeeld = koppen.get("Location", "")
        status_v, _, pagina = browser.get("B", voorbeeld)
        status_c, _, _ = browser.post("B", voorbeeld, {})
        na = Aanbesteding.objects.filter(actieplan=plan).count()
        uitkomsten.append(
            (
                "import previewed on A, confirmed on B",
                status == 302
                and re.search(r"/import/\d+/", voorbeeld) is not None
                and status_v == 200
                and b"Import bevestigen" in pagina
                and status_c == 302
                and na == voor + 20,
            )
        )

        # 3. A version frozen by a worker downloads alike from A and B.
        versie = goedkeuring.indienen(actieplan=plan, door=team[0].user)
        goedkeuring.goedkeuren(versie=versie, door=team[1].user)
        renderen.versie_vastleggen(versie_id=versie.pk)
        versie = Planversie.objects.get(pk=versie.pk)
        pad = reverse("plandocument:versie_pdf", args=[plan.pk, versie.nummer, "intern"])
        _, _, van_a = browser.get("A", pad)
        _, _, van_b = browser.get("B", pad)
        uitkomsten.append(
            (
                "frozen PDF downloads alike from A and B",
                van_a.startswith(b"%PDF") and van_a == van_b == bytes(versie.pdf_intern),
            )
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait()

    for wat, goed in uitkomsten:
        print(f"{'ja ' if goed else 'NEE'}  {wat}")
    gehouden = sum(goed for _, goed in uitkomsten)
    print()
    doel(
        "two app servers: login, import and frozen PDF carry over",
        f"{gehouden} of 3 hold",
        gehouden == 3,
    )
    return 0 if all(goed for _, goed in uitkomsten) and len(uitkomsten) == 3 else 1


if __name__ == "__main__":
    sys.exit(main())
