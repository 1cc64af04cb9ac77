"""Several requests of one session reach the re-check together (a page, its session ping,
a download in another tab): the provider is asked once, and the refresh token it gives
back is the one the next re-check sends. The test provider rotates refresh tokens and ends
the whole grant when a used one comes back (as Keycloak with "revoke refresh token"), so a
second request sending the same token would log the person out – here, and at every
re-check after.

The parallel test runs on PostgreSQL (CI): SQLite's in-memory test database cannot hold
concurrent connections."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

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

    # Disabled at the provider: the next re-check still logs her out, every request of it.
    provider.wijzig("anna", uitgeschakeld=True)
    na_de_hercontrole(client.session)
    uitkomsten = _tegelijk(sessionid, start)
    assert "ingelogd" not in uitkomsten, uitkomsten
    assert not Providersessie.objects.filter(pk=rij.pk).exists()


def test_logging_out_ends_the_sessions_row(organisatie, start_provider):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")
    client = Client()
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    pk = client.session[sso_sessie.SESSIE]
    assert Providersessie.objects.filter(pk=pk).exists()
    client.post(reverse("logout"))
    assert not Providersessie.objects.filter(pk=pk).exists()
