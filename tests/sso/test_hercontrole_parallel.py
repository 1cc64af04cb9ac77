"""Several requests of one session reach the re-check together (a page, its session ping,
a download in another tab): one of them asks the provider, the others go on, and the
refresh token the provider gives back is the one the next re-check sends. The test
provider rotates refresh tokens and ends the whole grant when a used one comes back (as
Keycloak with "revoke refresh token"), so a second request sending the same token would
log the person out – here, and at every re-check after.

The parallel test runs on PostgreSQL (CI): SQLite's in-memory test database cannot hold
concurrent connections."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sso import sessie as sso_sessie
from sso.models import Providersessie
from tests.sso.provider import ANNA, na_de_hercontrole, provider_instellen
from tests.sso.test_inloggen import TERUG, sso_inloggen

AANTAL = 5

pytestmark = pytest.mark.usefixtures("referentiegegevens_transactioneel")


def _tegelijk(sessionid: str, url: str) -> list[str]:
    """AANTAL requests with this session cookie at the same moment: where each ended."""
    klaar = threading.Barrier(AANTAL)
    uitkomsten: list[str] = []

    def verzoek():
        try:
            client = Client()
            client.cookies["sessionid"] = sessionid
            klaar.wait(timeout=30)
            antwoord = client.get(url)
            uitkomsten.append(
                "ingelogd" if antwoord.status_code == 200 else f"{antwoord.status_code}"
            )
        except Exception as fout:  # a server error: what this test is here to catch
            uitkomsten.append(repr(fout))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verzoek) for _ in range(AANTAL)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    return uitkomsten


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)
def test_requests_at_the_same_recheck_ask_the_provider_once(organisatie, start_provider):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    sessionid = client.cookies["sessionid"].value
    start = reverse("actieplan:start")
    rij = Providersessie.objects.get(pk=client.session[sso_sessie.SESSIE])
    eerste_token = rij.refresh_token_versleuteld

    na_de_hercontrole(client.session)
    assert _tegelijk(sessionid, start) == ["ingelogd"] * AANTAL
    rij.refresh_from_db()
    assert rij.refresh_token_versleuteld != eerste_token  # the provider gave a new one

    # The next re-checks send the newest token: she stays in (a token sent twice would
    # have ended her grant at the provider, and this request would log her out).
    for _ in range(2):
        na_de_hercontrole(client.session)
        assert _tegelijk(sessionid, start) == ["ingelogd"] * AANTAL

    # Disabled at the provider: the request that asks logs her out, and so is every
    # request after it. The others, sent at the same moment, went on while it asked; one
    # still running when her session was deleted is answered by Django's own 400
    # (SessionInterrupted) – never a server error.
    provider.wijzig("anna", uitgeschakeld=True)
    na_de_hercontrole(client.session)
    uitkomsten = _tegelijk(sessionid, start)
    assert "302" in uitkomsten and set(uitkomsten) <= {"302", "400", "ingelogd"}, uitkomsten
    assert not Providersessie.objects.filter(pk=rij.pk).exists()
    assert _tegelijk(sessionid, start) == ["302"] * AANTAL


def test_logging_out_ends_the_sessions_row(organisatie, start_provider):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    pk = client.session[sso_sessie.SESSIE]
    assert Providersessie.objects.filter(pk=pk).exists()
    client.post(reverse("logout"))
    assert not Providersessie.objects.filter(pk=pk).exists()


def test_a_request_while_another_asks_the_provider_goes_on_without_asking(
    organisatie, start_provider
):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    na_de_hercontrole(client.session)
    rij = Providersessie.objects.get(pk=client.session[sso_sessie.SESSIE])
    rij.bezig_tot = time.time() + 30  # another request of hers is asking right now
    rij.save()
    provider.wijzig("anna", uitgeschakeld=True)  # what that request will hear, not this one
    assert client.get(reverse("actieplan:start")).status_code == 200
    rij.refresh_from_db()
    assert rij.bezig_tot is not None  # the claim is the other request's to end
    # A claim whose request died lapses: then this session asks again, and is refused.
    rij.bezig_tot = time.time() - 1
    rij.save()
    antwoord = client.get(reverse("actieplan:start"), follow=True)
    assert antwoord.request["PATH_INFO"] == reverse("login")
    assert not Providersessie.objects.filter(pk=rij.pk).exists()


def test_a_session_from_before_the_rows_is_asked_to_log_in_again(organisatie, start_provider):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    sessie = client.session
    del sessie[sso_sessie.SESSIE]
    sessie[sso_sessie.GECONTROLEERD] -= 301
    sessie.save()
    antwoord = client.get(reverse("actieplan:start"), follow=True)
    assert antwoord.request["PATH_INFO"] == reverse("login")
    assert "Uw sessie is verlopen. Log opnieuw in met uw werkaccount." in antwoord.text


def test_rows_go_with_their_sessions(organisatie, start_provider, settings):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    eerste = client.session[sso_sessie.SESSIE]
    # She logs in again in the same browser (without logging out): the first row goes.
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    tweede = client.session[sso_sessie.SESSIE]
    assert tweede != eerste
    assert list(Providersessie.objects.values_list("pk", flat=True)) == [tweede]
    # A row older than the longest session goes at the next login anywhere; a live one stays.
    Providersessie.objects.filter(pk=tweede).update(
        created_at=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    )
    levend = Client()
    sso_inloggen(levend, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert list(Providersessie.objects.values_list("pk", flat=True)) == [
        levend.session[sso_sessie.SESSIE]
    ]
