"""Request-level hardening: nothing a logged-in user sees is cached, and the login lock
counts per client even when every request comes through one reverse proxy."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.parametrize(
    "naam",
    ["actieplan:start", "actieplan:detail", "aanbestedingskalender:export", "organisaties:leden"],
)
def test_logged_in_pages_and_exports_are_not_stored(client_als, actieplan, naam):
    client = client_als("beheerder", "coordinator")
    args = [] if naam in ("actieplan:start", "organisaties:leden") else [actieplan.pk]
    response = client.get(reverse(naam, args=args))
    assert response.status_code == 200
    cache_control = {deel.strip() for deel in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def inloggen(client, ip, wachtwoord, proxy="10.0.0.2"):
    return client.post(
        reverse("login"),
        {"username": "ilse", "password": wachtwoord},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=ip,
    )


@pytest.fixture
def ilse(db):
    return UserFactory(username="ilse", password="het-goede-wachtwoord")


def test_behind_one_proxy_a_lock_hits_the_guessing_client_only(client, ilse, settings):
    settings.REVERSE_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, "198.51.100.66", "fout-geraden")
    geblokkeerd = inloggen(client, "198.51.100.66", "het-goede-wachtwoord")
    assert geblokkeerd.status_code == 429

    # Ilse herself, through the same proxy from her own address, still logs in.
    response = inloggen(client, "203.0.113.7", "het-goede-wachtwoord")
    assert response.status_code == 302
    assert response.url == reverse("actieplan:start")


def test_a_spoofed_forwarded_for_does_not_escape_the_lock(client, ilse, settings):
    settings.REVERSE_PROXY_COUNT = 1
    for i in range(settings.AXES_FAILURE_LIMIT):
        # The attacker sends its own X-Forwarded-For; the proxy appends the real address.
        inloggen(client, f"192.0.2.{i}, 198.51.100.66", "fout-geraden")
    assert inloggen(client, "192.0.2.99, 198.51.100.66", "het-goede-wachtwoord").status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(client, ilse, settings):
    settings.REVERSE_PROXY_COUNT = 0
    for i in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, f"192.0.2.{i}", "fout-geraden", proxy="198.51.100.66")
    assert (
        inloggen(client, "192.0.2.99", "het-goede-wachtwoord", proxy="198.51.100.66").status_code
        == 429
    )


def test_the_accessibility_statement_is_open_and_linked_from_every_page(client, client_als):
    verklaring = client.get(reverse("toegankelijkheid"))
    assert verklaring.status_code == 200  # also without logging in
    assert "WCAG 2.1 op niveau AA" in verklaring.text
    assert reverse("toegankelijkheid") in client.get(reverse("login")).text
    assert (
        reverse("toegankelijkheid") in client_als("management").get(reverse("actieplan:start")).text
    )


def test_every_page_switches_off_the_browser_features_it_does_not_use(client, client_als):
    """Permissions-Policy (issue 24): camera, microphone, location, payments, USB and the
    like are off for our pages and any frame, logged in or not."""
    for antwoord in (client.get(reverse("login")), client_als("inkoopadviseur").get("/")):
        beleid = antwoord["Permissions-Policy"]
        for functie in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{functie}=()" in beleid
