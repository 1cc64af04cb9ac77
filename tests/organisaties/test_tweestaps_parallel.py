"""Second steps are atomic (issue 24): one code from the app tried from twelve sessions at
the same moment lets in exactly one; of twelve wrong codes at the same moment exactly one
is checked and counted, the other eleven meet the throttle it set (before: all twelve were
checked, one counted – twelve guesses for the price of one); and wrong app codes lock only
the app, never the recovery codes. Through the whole stack (login, middleware, the code
page, one transaction per request).

Runs on PostgreSQL (CI): SQLite's in-memory test database cannot hold twelve concurrent
connections (and ignores row locks)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import LidmaatschapFactory
from tests.organisaties.test_tweestaps import WACHTWOORD, aanzetten, code_voor

AANTAL = 12

pytestmark = [
    pytest.mark.usefixtures("referentiegegevens_transactioneel"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def tegelijk_proberen(user, code_van) -> list[str]:
    """AANTAL sessions log in with the password, wait for each other, and send a code to
    the code page at the same moment. Returns per session: binnen, geweigerd or fout."""
    klaar = threading.Barrier(AANTAL)
    uitkomsten: list[str] = []

    def sessie(nummer: int):
        try:
            client = Client()
            client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})
            code = code_van(nummer)
            klaar.wait(timeout=30)
            antwoord = client.post(reverse("tweestaps_controle"), {"code": code})
            if antwoord.status_code == 302 and not antwoord.url.startswith(
                reverse("tweestaps_controle")
            ):
                uitkomsten.append("binnen" if client.get("/").status_code == 200 else "fout")
            elif antwoord.status_code in (200, 302):
                uitkomsten.append("geweigerd")
            else:
                uitkomsten.append(f"fout {antwoord.status_code}")
        except Exception as fout:  # a server error: what this test is here to catch
            uitkomsten.append(f"fout {fout!r}")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=sessie, args=(i,)) for i in range(AANTAL)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    return uitkomsten


def test_one_code_from_twelve_sessions_lets_in_exactly_one():
    user = LidmaatschapFactory(rollen=["management"]).user
    geheim, _codes = aanzetten(Client(), user)
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # the setup used this step's code
    code = code_voor(geheim)
    uitkomsten = tegelijk_proberen(user, lambda nummer: code)
    assert sorted(uitkomsten) == ["binnen"] + ["geweigerd"] * (AANTAL - 1), uitkomsten


def test_twelve_wrong_codes_at_once_are_one_guess_and_leave_the_recovery_codes(monkeypatch):
    user = LidmaatschapFactory(rollen=["management"]).user
    geheim, herstelcodes = aanzetten(Client(), user)
    gecontroleerd, slot = [], threading.Lock()
    echte = TOTP.verify

    def tellen(self, *args, **kwargs):
        with slot:
            gecontroleerd.append(1)
        return echte(self, *args, **kwargs)

    monkeypatch.setattr(TOTP, "verify", tellen)
    # Codes of the app for ten minutes and more ahead: well-formed, and wrong now.
    uitkomsten = tegelijk_proberen(user, lambda nummer: code_voor(geheim, stap=20 + nummer))
    assert uitkomsten == ["geweigerd"] * AANTAL
    assert len(gecontroleerd) == 1  # the other eleven met the throttle
    app = TOTPDevice.objects.get(user=user)
    assert app.throttling_failure_count == 1
    # The app is throttled now; a recovery code still lets the person in.
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})
    antwoord = client.post(reverse("tweestaps_controle"), {"code": herstelcodes[0]})
    assert antwoord.status_code == 302
    assert client.get("/").status_code == 200
