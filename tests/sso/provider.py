"""A real OpenID Connect provider for the tests: ops/oidc/provider.mjs (the certified
oidc-provider package under Node), one process per organisation on a free port, started by
the `start_provider` fixture (offered to every test by tests/conftest.py). No HTTP of the
flow is mocked: the application talks to the provider as it would to Entra ID."""

import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.core.cache import cache

from organisaties.models import Organisatie
from sso import sessie as sso_sessie
from sso.models import Identiteitsprovider, Providersessie

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "ops" / "oidc" / "provider.mjs"
GEHEIM = "client-secret-van-de-test-0123456789"

# A coördinator of Zuidstad at her provider: a password and a code there (amr mfa).
ANNA = {
    "wachtwoord": "anna-bij-de-provider",
    "email": "anna@zuidstad.nl",
    "naam": "Anna de Vries",
    "groepen": ["mvoi-coordinatoren"],
    "mfa": True,
}


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Provider:
    """A running provider: its issuer, and the people it knows (changed while it runs)."""

    issuer: str
    proces: subprocess.Popen
    personen_pad: Path

    def personen(self) -> dict:
        return json.loads(self.personen_pad.read_text())

    def wijzig(self, wie: str, **velden) -> None:
        personen = self.personen()
        personen[wie].update(velden)
        self.personen_pad.write_text(json.dumps(personen))

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()


def _wacht_op_klaar(proces: subprocess.Popen, uitvoer: Path, seconden: float = 30) -> str:
    """The issuer the provider prints once it listens; fails the test when it exits or stays
    silent for `seconden`."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        for regel in uitvoer.read_text().splitlines():
            if regel.startswith("klaar "):
                return regel.split()[1]
        if proces.poll() is not None:
            break
        time.sleep(0.05)
    proces.kill()
    proces.wait()
    pytest.fail(f"De test-provider startte niet:\n{uitvoer.read_text()}", pytrace=False)


@pytest.fixture
def start_provider(tmp_path):
    """start_provider(naam, personen, redirect_uris) -> Provider; stopped after the test."""
    if shutil.which("node") is None or not (SCRIPT.parent / "node_modules").is_dir():
        pytest.fail(
            "De test-provider ontbreekt: installeer Node (Debian: nodejs) en draai "
            "`npm ci --prefix ops/oidc` (make test doet dat).",
            pytrace=False,
        )
    gestart = []
    # What sso.oidc keeps of a provider is keyed by its id and issuer, and a later test can
    # get the same id and port: start every test without it.
    cache.clear()

    def start(naam: str, personen: dict, redirect_uris: list[str]) -> Provider:
        poort = _vrije_poort()
        map_ = tmp_path / naam
        map_.mkdir()
        personen_pad = map_ / "personen.json"
        personen_pad.write_text(json.dumps(personen))
        clients = map_ / "clients.json"
        clients.write_text(
            json.dumps(
                [
                    {
                        "client_id": "mvoi",
                        "client_secret": GEHEIM,
                        "grant_types": ["authorization_code", "refresh_token"],
                        "redirect_uris": redirect_uris,
                        "post_logout_redirect_uris": [
                            urljoin(uri, "/inloggen/") for uri in redirect_uris
                        ],
                    }
                ]
            )
        )
        # Its output goes to a file: a pipe nobody reads would stop the provider once full,
        # and waiting for a line that never comes would hold the test run.
        uitvoer = map_ / "provider.log"
        with uitvoer.open("w") as log:
            proces = subprocess.Popen(
                [
                    *("node", str(SCRIPT), "--poort", str(poort), "--naam", naam),
                    *("--personen", str(personen_pad), "--clients", str(clients)),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        issuer = _wacht_op_klaar(proces, uitvoer)
        provider = Provider(issuer, proces, personen_pad)
        gestart.append(provider)
        return provider

    yield start
    for provider in gestart:
        provider.stop()
    cache.clear()


def provider_instellen(organisatie: Organisatie, provider: Provider, **velden):
    """The organisation's provider configured as its beheerder would."""
    instelling = Identiteitsprovider(
        organisatie=organisatie,
        naam=f"Werkaccount {organisatie.naam}",
        issuer=provider.issuer,
        client_id="mvoi",
        scopes="openid email profile groups",
        **{
            "domeinen": velden.pop("domeinen"),
            "rollen_per_groep": {
                "mvoi-coordinatoren": ["coordinator", "mvoi_teamlid"],
                "inkoop": ["inkoopadviseur"],
                "directie": ["management"],
            },
            **velden,
        },
    )
    instelling.client_secret = GEHEIM
    instelling.full_clean()
    instelling.save()
    return instelling


def bij_provider_inloggen(
    autorisatie_url: str, login: str, wachtwoord: str, code: str = ""
) -> tuple[str, str]:
    """A person logs in on the provider's own page (over HTTP, as a browser would) and is
    sent back: (the callback's path with its query, the provider's answer page if it did
    not send the person back)."""
    sessie = requests.Session()
    antwoord = sessie.get(autorisatie_url, timeout=10)
    actie = re.search(r'action="(/interactie/[\w-]+)"', antwoord.text)
    if actie is None:
        return "", antwoord.text
    antwoord = sessie.post(
        urljoin(antwoord.url, actie.group(1)),
        data={"login": login, "wachtwoord": wachtwoord, "code": code},
        allow_redirects=False,
        timeout=10,
    )
    for _ in range(10):
        if antwoord.status_code not in (302, 303):
            return "", antwoord.text
        doel = urljoin(antwoord.url, antwoord.headers["Location"])
        if not doel.startswith(autorisatie_url.split("/auth")[0]):
            delen = urlsplit(doel)
            return f"{delen.path}?{delen.query}", ""
        antwoord = sessie.get(doel, allow_redirects=False, timeout=10)
    return "", antwoord.text


def callback_parameters(pad: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(pad).query).items()}


def na_de_hercontrole(sessie) -> None:
    """As if the re-check interval had passed since the last check of this session (a
    test client's session or a SessionStore): its copy and its row at once."""
    sessie[sso_sessie.GECONTROLEERD] -= 301
    sessie.save()
    rij = Providersessie.objects.get(pk=sessie[sso_sessie.SESSIE])
    rij.gecontroleerd -= 301
    rij.save()
