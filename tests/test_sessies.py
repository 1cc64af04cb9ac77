"""Sessions: an idle session ends, the session id changes at login (no fixation), and a
logged-out session's cookie opens nothing when it is replayed."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from basis import security

WACHTWOORD = "een-goed-wachtwoord-123"


@pytest.fixture
def klok(monkeypatch):
    """The time the idle check reads, moved on by hand."""

    class Klok:
        nu = 1_800_000_000.0

        def verder(self, seconden: float) -> None:
            self.nu += seconden

    klok = Klok()
    monkeypatch.setattr(security, "_nu", lambda: int(klok.nu))
    return klok


def inloggen(client: Client, user) -> None:
    antwoord = client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})
    assert antwoord.status_code == 302


def test_a_session_ends_after_half_an_hour_without_a_request(client, lid, klok):
    inloggen(client, lid("inkoopadviseur"))
    start = reverse("actieplan:start")
    assert client.get(start).status_code == 200
    sleutel = client.cookies[settings.SESSION_COOKIE_NAME].value

    klok.verder(settings.SESSION_IDLE_TIMEOUT - 60)  # 29 minutes: still in
    assert client.get(start).status_code == 200
    klok.verder(settings.SESSION_IDLE_TIMEOUT - 60)  # counted from the last request
    assert client.get(start).status_code == 200

    klok.verder(settings.SESSION_IDLE_TIMEOUT + 1)
    antwoord = client.get(start, follow=True)
    assert antwoord.redirect_chain[-1][0].startswith(reverse("login"))
    assert "U bent uitgelogd na 30 minuten zonder activiteit." in antwoord.text
    assert not Session.objects.filter(session_key=sleutel).exists()


def test_an_active_session_still_ends_at_its_fixed_end(client, lid):
    """Saving the last activity must not push the 8-hour end on: it is fixed at login."""
    inloggen(client, lid("inkoopadviseur"))
    sleutel = client.cookies[settings.SESSION_COOKIE_NAME].value
    einde = Session.objects.get(session_key=sleutel).expire_date
    for _ in range(3):
        assert client.get(reverse("actieplan:start")).status_code == 200
    assert Session.objects.get(session_key=sleutel).expire_date == einde
    assert abs((einde - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 60


def test_the_idle_time_is_configurable(client, lid, klok, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    inloggen(client, lid("inkoopadviseur"))
    client.get(reverse("actieplan:start"))
    klok.verder(6 * 60)
    assert client.get(reverse("actieplan:start")).status_code == 302


def test_the_session_id_changes_at_login(client, lid):
    """A session id planted before login (session fixation) is not the one logged in."""
    geplant = SessionStore()
    geplant["iets"] = "van een aanvaller"
    geplant.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = geplant.session_key
    inloggen(client, lid("inkoopadviseur"))
    nieuw = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert nieuw != geplant.session_key
    assert not Session.objects.filter(session_key=geplant.session_key).exists()


def test_a_replayed_cookie_after_logout_opens_nothing(client, lid):
    inloggen(client, lid("inkoopadviseur"))
    sleutel = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=sleutel).exists()

    aanvaller = Client()
    aanvaller.cookies[settings.SESSION_COOKIE_NAME] = sleutel
    antwoord = aanvaller.get(reverse("actieplan:start"))
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("login"))
