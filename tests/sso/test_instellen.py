"""The beheerder sets up the organisation's own provider on its own page: the addresses
for their IT, the settings, the secret typed once and never shown, the roles per group as
lines; saving reads the provider's discovery document (a real provider)."""

import pytest
from django.urls import reverse

from organisaties.models import Rol
from sso.models import Identiteitsprovider
from tests.sso.provider import GEHEIM

URL = reverse("sso:instellen")


def _gegevens(issuer: str, **anders) -> dict:
    return {
        "naam": "Werkaccount Zuidstad",
        "issuer": issuer,
        "client_id": "mvoi",
        "client_secret": GEHEIM,
        "domeinen": "zuidstad.nl\nzuidstad-werk.nl",
        "scopes": "openid email profile groups",
        "id_claim": "sub",
        "groepen_claim": "groups",
        "rollen_tekst": "mvoi-coordinatoren = coordinator, mvoi_teamlid\ndirectie = management",
        "standaardrol": "inkoopadviseur",
        "leden_aanmaken": "on",
        "mfa_amr": "mfa otp",
        "actief": "on",
        **anders,
    }


@pytest.fixture
def provider(start_provider):
    return start_provider("Zuidstad", {}, ["http://testserver/inloggen/sso/terug/"])


def test_the_beheerder_sets_it_up_and_the_secret_is_never_shown_again(client_als, provider):
    client = client_als("beheerder")
    pagina = client.get(URL)
    assert "http://testserver/inloggen/sso/terug/" in pagina.text  # for their IT
    antwoord = client.post(URL, _gegevens(provider.issuer + "/"))
    assert antwoord.status_code == 302
    instelling = Identiteitsprovider.objects.get()
    assert instelling.issuer == provider.issuer  # the trailing slash dropped
    assert instelling.client_secret == GEHEIM
    assert instelling.domeinlijst == ["zuidstad.nl", "zuidstad-werk.nl"]
    assert instelling.rollen_per_groep == {
        "mvoi-coordinatoren": ["coordinator", "mvoi_teamlid"],
        "directie": ["management"],
    }
    assert instelling.standaardrol == Rol.objects.get(code="inkoopadviseur")
    pagina = client.get(URL)
    assert GEHEIM not in pagina.text and instelling.client_secret_versleuteld not in pagina.text
    assert "Er is een client-secret bewaard." in pagina.text
    # Saved again without typing the secret: the stored one stays.
    client.post(URL, _gegevens(provider.issuer, client_secret="", naam="Zuidstad-account"))
    instelling.refresh_from_db()
    assert (instelling.naam, instelling.client_secret) == ("Zuidstad-account", GEHEIM)


def test_an_issuer_that_does_not_answer_or_a_bad_roles_line_is_refused_in_words(
    client_als, provider
):
    client = client_als("beheerder")
    antwoord = client.post(URL, _gegevens("http://127.0.0.1:9/bestaat-niet"))
    assert "De provider antwoordt niet op" in antwoord.text
    antwoord = client.post(URL, _gegevens(provider.issuer, rollen_tekst="directie = baas"))
    assert "Regel 1: onbekende rol ‘baas’." in antwoord.text
    assert not Identiteitsprovider.objects.exists()
    # Not active yet: saved while the provider cannot be reached.
    gegevens = _gegevens("http://127.0.0.1:9/bestaat-niet")
    del gegevens["actief"]
    assert client.post(URL, gegevens).status_code == 302
    assert Identiteitsprovider.objects.get().actief is False


@pytest.mark.parametrize("rol", ["inkoopadviseur", "mvoi_teamlid", "coordinator", "management"])
def test_only_the_beheerder_sets_it_up(client_als, rol, provider):
    client = client_als(rol)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _gegevens(provider.issuer)).status_code == 403
    assert not Identiteitsprovider.objects.exists()


def test_a_domain_of_another_organisation_is_refused(client_als, provider, andere_organisatie):
    andere = Identiteitsprovider(
        organisatie=andere_organisatie,
        naam="Ander",
        issuer="https://login.example.org",
        client_id="x",
        domeinen="zuidstad.nl",
        actief=False,
    )
    andere.client_secret = "geheim"
    andere.save()
    client = client_als("beheerder")
    antwoord = client.post(URL, _gegevens(provider.issuer))
    assert "Het domein zuidstad.nl hoort al bij een andere organisatie." in antwoord.text
    assert Identiteitsprovider.objects.count() == 1


def test_the_page_shows_who_changed_the_settings_and_who_logged_in_through_the_provider(
    client_als, provider
):
    from sso.models import Koppeling
    from tests.factories import UserFactory

    client = client_als("beheerder")
    client.post(URL, _gegevens(provider.issuer))
    client.post(URL, _gegevens(provider.issuer, client_secret="", domeinen="zuidstad.nl"))
    instelling = Identiteitsprovider.objects.get()
    anna = UserFactory(first_name="Anna", last_name="de Vries", email="anna@zuidstad.nl")
    Koppeling.objects.create(provider=instelling, onderwerp="anna", user=anna)
    pagina = client.get(URL).text
    assert "Ingesteld" in pagina
    assert "e-maildomeinen" in pagina  # the second save changed the domains
    assert "Anna de Vries (anna@zuidstad.nl)" in pagina
