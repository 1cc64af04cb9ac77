"""Logging in with the organisation's own account, against a real OpenID Connect provider per
organisation (tests/sso/conftest.py): the application's pages through Django's test
client, the provider's pages over HTTP as a browser would use them. The browser walk is in
tests/e2e/test_sso.py."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from organisaties import tweestaps
from organisaties.models import Lidmaatschap, Rol, User
from sso import oidc
from sso.models import Identiteitsprovider, Koppeling
from tests.factories import LidmaatschapFactory
from tests.sso.provider import (
    ANNA,
    bij_provider_inloggen,
    callback_parameters,
    na_de_hercontrole,
    provider_instellen,
)

TERUG = "http://testserver/inloggen/sso/terug/"

BOB = {
    "wachtwoord": "bob-bij-de-provider",
    "email": "bob@noordwijk.nl",
    "naam": "Bob Jansen",
    "groepen": ["inkoop"],
    "mfa": False,
}


@pytest.fixture
def zuidstad(organisatie, start_provider):
    provider = start_provider("Zuidstad", {"anna": dict(ANNA)}, [TERUG])
    return provider, provider_instellen(organisatie, provider, domeinen="zuidstad.nl")


@pytest.fixture
def noordwijk(andere_organisatie, start_provider):
    provider = start_provider("Noordwijk", {"bob": dict(BOB)}, [TERUG])
    return provider, provider_instellen(andere_organisatie, provider, domeinen="noordwijk.nl")


def _starten(client, email: str):
    antwoord = client.post(reverse("sso:start"), {"email": email})
    assert antwoord.status_code == 302
    return antwoord


def sso_inloggen(client, email, login, wachtwoord, code="123456"):
    """The whole flow: the login page's e-mail field, the provider's page, back. Returns the
    application's answer to the callback, or the provider's page when it refused."""
    terug, provider_pagina = bij_provider_inloggen(
        _starten(client, email).url, login, wachtwoord, code
    )
    if not terug:
        return None, provider_pagina
    return client.get(terug), ""


def test_the_first_login_makes_a_member_with_the_roles_of_the_providers_groups(client, zuidstad):
    _provider, instelling = zuidstad
    antwoord, _ = sso_inloggen(client, "Anna@Zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert antwoord.status_code == 302 and antwoord.url == reverse("actieplan:start")
    koppeling = Koppeling.objects.get(provider=instelling)
    assert koppeling.onderwerp == "anna"  # the provider's sub, not the address
    anna = koppeling.user
    assert (anna.email, anna.has_usable_password()) == ("anna@zuidstad.nl", False)
    lid = Lidmaatschap.objects.get(user=anna)
    assert lid.organisatie == instelling.organisatie
    assert {rol.code for rol in lid.rollen.all()} == {"coordinator", "mvoi_teamlid"}
    # She used a code at the provider (amr): no code of ours on top.
    assert tweestaps.SESSIE not in client.session
    assert client.get(reverse("actieplan:start")).status_code == 200


def test_the_next_login_finds_the_person_by_sub_and_follows_the_providers_groups(client, zuidstad):
    provider, _instelling = zuidstad
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    client.logout()
    # Renamed at the provider, moved to management's group.
    provider.wijzig("anna", email="anna.devries@zuidstad.nl", groepen=["directie"])
    antwoord, _ = sso_inloggen(client, "anna.devries@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert antwoord.status_code == 302
    assert User.objects.count() == 1
    lid = Lidmaatschap.objects.get()
    assert {rol.code for rol in lid.rollen.all()} == {"management"}


def test_a_person_disabled_at_the_provider_cannot_log_in(client, zuidstad):
    provider, _ = zuidstad
    provider.wijzig("anna", uitgeschakeld=True)
    antwoord, provider_pagina = sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert antwoord is None
    assert "Onbekende gebruiker" in provider_pagina
    assert not User.objects.exists()


def test_a_code_from_another_organisations_provider_logs_nobody_in(client, zuidstad, noordwijk):
    """Bob logs in at Noordwijk's provider; his code is then handed to the callback of a
    login that Zuidstad's provider was to answer (a swapped or replayed callback)."""
    _starten(client, "anna@zuidstad.nl")  # this browser's attempt is Zuidstad's
    zuidstad_state = next(iter(client.session["sso_aanvragen"]))
    andere = type(client)()
    terug, _ = bij_provider_inloggen(
        _starten(andere, "bob@noordwijk.nl").url, "bob", BOB["wachtwoord"]
    )
    code = callback_parameters(terug)["code"]
    antwoord = client.get(
        reverse("sso:terug"), {"state": zuidstad_state, "code": code}, follow=True
    )
    assert "Inloggen bij uw organisatie is niet gelukt" in antwoord.text
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    # And Noordwijk's own callback with a state its browser never had: refused too.
    antwoord = client.get(reverse("sso:terug"), {"state": "verzonnen", "code": code}, follow=True)
    assert "verlopen of al gebruikt" in antwoord.text


def _ruwe_tokens(client, email, login, wachtwoord) -> tuple[Identiteitsprovider, dict, str]:
    """The provider's tokens for a login, fetched as the callback would (for the checks on
    a token itself)."""
    _starten(client, email)
    state, aanvraag = next(iter(client.session["sso_aanvragen"].items()))
    instelling = Identiteitsprovider.objects.get(pk=aanvraag["provider"])
    autorisatie = oidc.autorisatie_url(
        instelling,
        oidc.Aanvraag(state, aanvraag["nonce"], aanvraag["code_verifier"]),
        TERUG,
    )
    terug, _ = bij_provider_inloggen(autorisatie, login, wachtwoord, code="123456")
    tokens = oidc._sessie(instelling, TERUG).fetch_token(
        oidc.configuratie(instelling)["token_endpoint"],
        code=callback_parameters(terug)["code"],
        code_verifier=aanvraag["code_verifier"],
    )
    return instelling, tokens, aanvraag["nonce"]


def test_a_tampered_or_foreign_id_token_is_refused(client, zuidstad, noordwijk):
    instelling, tokens, nonce = _ruwe_tokens(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert oidc.id_token_controleren(instelling, tokens["id_token"], nonce=nonce)["sub"] == "anna"
    kop, inhoud, handtekening = tokens["id_token"].split(".")
    # One character of the claims changed: the signature no longer holds.
    vervalst = f"{kop}.{inhoud[:-2]}{'A' if inhoud[-2] != 'A' else 'B'}{inhoud[-1]}.{handtekening}"
    with pytest.raises(oidc.OngeldigAntwoord):
        oidc.id_token_controleren(instelling, vervalst, nonce=nonce)
    with pytest.raises(oidc.OngeldigAntwoord):  # another login's nonce
        oidc.id_token_controleren(instelling, tokens["id_token"], nonce="een-andere")
    # A genuine token of Noordwijk's provider is no token of Zuidstad's.
    andere = type(client)()
    noordwijk_instelling, noordwijk_tokens, noordwijk_nonce = _ruwe_tokens(
        andere, "bob@noordwijk.nl", "bob", BOB["wachtwoord"]
    )
    assert noordwijk_instelling != instelling
    with pytest.raises(oidc.OngeldigAntwoord):
        oidc.id_token_controleren(instelling, noordwijk_tokens["id_token"], nonce=noordwijk_nonce)


def test_without_a_second_factor_at_the_provider_the_applications_rules_apply(
    client, noordwijk, settings
):
    """Bob logs in with a password only at his provider (amr ["pwd"]); as management he
    must use two-step verification, so the application asks for its own app's setup."""
    settings.TWEESTAPS_VERPLICHT = True
    provider, _ = noordwijk
    provider.wijzig("bob", groepen=["directie"])
    antwoord, _ = sso_inloggen(client, "bob@noordwijk.nl", "bob", BOB["wachtwoord"])
    assert antwoord.status_code == 302
    assert client.session[tweestaps.SESSIE] == tweestaps.INSTELLEN
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("tweestaps_instellen"))


def test_a_provider_that_is_down_is_told_in_dutch_and_the_password_still_works(
    client, zuidstad, lid
):
    provider, instelling = zuidstad
    instelling.wachtwoord_toegestaan = True
    instelling.save()
    provider.stop()
    antwoord = client.post(reverse("sso:start"), {"email": "anna@zuidstad.nl"}, follow=True)
    assert "De inlogdienst van uw organisatie is nu niet bereikbaar" in antwoord.text
    assert "log dan hieronder in" in antwoord.text
    gebruiker = lid("coordinator")
    gebruiker.set_password("een-wachtwoord-van-hier-123")
    gebruiker.save()
    antwoord = client.post(
        reverse("login"),
        {"username": gebruiker.username, "password": "een-wachtwoord-van-hier-123"},
    )
    assert antwoord.status_code == 302
    assert client.session["_auth_user_id"] == str(gebruiker.pk)


def test_an_organisation_that_logs_in_at_its_provider_only_refuses_the_password(
    client, zuidstad, lid
):
    gebruiker = lid("coordinator")
    gebruiker.email = "carla@zuidstad.nl"
    gebruiker.set_password("een-wachtwoord-van-hier-123")
    gebruiker.save()
    antwoord = client.post(
        reverse("login"),
        {"username": gebruiker.username, "password": "een-wachtwoord-van-hier-123"},
    )
    assert antwoord.status_code == 200
    assert "Uw organisatie laat u inloggen met uw werkaccount" in antwoord.text
    assert "_auth_user_id" not in client.session


def test_an_address_without_single_sign_on_goes_to_the_password_form(client, db):
    antwoord = client.post(reverse("sso:start"), {"email": "iemand@elders.nl"}, follow=True)
    assert "inloggen met een werkaccount niet ingesteld" in antwoord.text
    assert antwoord.request["PATH_INFO"] == reverse("login")


def test_the_client_secret_is_kept_encrypted_and_never_shown(admin_client, zuidstad):
    _, instelling = zuidstad
    instelling.refresh_from_db()
    assert "client-secret-van-de-test" not in instelling.client_secret_versleuteld
    assert instelling.client_secret == "client-secret-van-de-test-0123456789"
    pagina = admin_client.get(reverse("admin:sso_identiteitsprovider_change", args=[instelling.pk]))
    assert pagina.status_code == 200
    assert "client-secret-van-de-test" not in pagina.text
    assert instelling.client_secret_versleuteld not in pagina.text


def test_a_person_disabled_at_the_provider_is_logged_out_at_the_next_recheck(client, zuidstad):
    provider, _instelling = zuidstad
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    start = reverse("actieplan:start")
    # Still allowed: the re-check asks the provider and she stays logged in.
    na_de_hercontrole(client.session)
    assert client.get(start).status_code == 200
    assert "_auth_user_id" in client.session
    # Disabled at the provider: before the re-check she goes on, after it she is out.
    provider.wijzig("anna", uitgeschakeld=True)
    assert client.get(start).status_code == 200
    na_de_hercontrole(client.session)
    antwoord = client.get(start, follow=True)
    assert antwoord.request["PATH_INFO"] == reverse("login")
    assert "uw organisatie laat u niet meer inloggen" in antwoord.text
    assert "_auth_user_id" not in client.session


def test_a_provider_that_is_down_at_the_recheck_leaves_the_session(client, zuidstad):
    provider, _instelling = zuidstad
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    provider.stop()
    na_de_hercontrole(client.session)
    assert client.get(reverse("actieplan:start")).status_code == 200
    assert "_auth_user_id" in client.session


def test_logging_out_ends_the_session_at_the_provider_too(client, zuidstad):
    provider, _instelling = zuidstad
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    # The logout form on every page may lead to the provider (Content-Security-Policy).
    csp = client.get(reverse("actieplan:start"))["Content-Security-Policy"]
    assert f"form-action 'self' {provider.issuer}" in [deel.strip() for deel in csp.split(";")]
    antwoord = client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(f"{provider.issuer}/session/end?")
    parameters = callback_parameters(antwoord.url)
    assert parameters["post_logout_redirect_uri"] == "http://testserver/inloggen/"
    assert parameters["client_id"] == "mvoi"
    assert parameters["id_token_hint"].count(".") == 2


def test_a_password_session_logs_out_here_only(client_als):
    client = client_als("coordinator")
    csp = client.get(reverse("actieplan:start"))["Content-Security-Policy"]
    assert "form-action 'self'" in [deel.strip() for deel in csp.split(";")]
    antwoord = client.post(reverse("logout"))
    assert antwoord.url == reverse("login")


def test_the_providers_second_factor_does_not_stand_for_another_organisations_code(
    client, zuidstad, andere_organisatie, settings
):
    """Anna is also beheerder of another organisation, which asks for the application's own
    code: her provider's second factor counts for Zuidstad's work only, so she sets up
    the application's app like any beheerder."""
    settings.TWEESTAPS_VERPLICHT = True
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    anna = User.objects.get(email="anna@zuidstad.nl")
    client.logout()
    LidmaatschapFactory(user=anna, organisatie=andere_organisatie, rollen=["beheerder"])
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert client.session[tweestaps.SESSIE] == tweestaps.INSTELLEN


def test_a_platform_administrator_never_logs_in_through_a_provider(client, zuidstad, lid):
    beheer = lid("coordinator")
    beheer.email, beheer.is_superuser, beheer.is_staff = "anna@zuidstad.nl", True, True
    beheer.save()
    antwoord, _ = sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert "_auth_user_id" not in client.session
    assert not Koppeling.objects.exists()
    assert "Dit account logt niet in met een werkaccount" in client.get(antwoord.url).text


@pytest.mark.parametrize(
    "wijziging",
    [{"email_verified": False}, {"email": "anna@elders.nl"}],
    ids=["not verified", "outside the domains"],
)
def test_only_a_verified_address_in_the_organisations_domains_makes_or_links_an_account(
    client, zuidstad, lid, wijziging
):
    provider, _instelling = zuidstad
    bestaand = lid("coordinator")
    bestaand.email = wijziging.get("email", "anna@zuidstad.nl")
    bestaand.save()
    provider.wijzig("anna", **wijziging)
    antwoord, _ = sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert "_auth_user_id" not in client.session
    assert not Koppeling.objects.exists()
    assert User.objects.count() == 1
    assert "geen bevestigd e-mailadres" in client.get(antwoord.url).text


def test_a_provider_that_manages_its_addresses_links_without_email_verified(client, zuidstad, lid):
    provider, instelling = zuidstad
    instelling.adressen_vertrouwd = True
    instelling.save()
    bestaand = lid("inkoopadviseur")
    bestaand.email = "Anna@zuidstad.nl"
    bestaand.save()
    provider.wijzig("anna", email_verified=None)
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert Koppeling.objects.get().user == bestaand


def test_a_member_who_leaves_the_organisation_loses_the_link(client, zuidstad):
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    client.logout()
    Lidmaatschap.objects.get().delete()  # the beheerder removes her
    assert not Koppeling.objects.exists()
    # Her provider's sub no longer opens the account; it is not taken over by address.
    antwoord, _ = sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert "_auth_user_id" not in client.session
    assert "Er bestaat al een account met dit e-mailadres" in client.get(antwoord.url).text


def test_the_platform_admins_form_keeps_the_secret_encrypted(organisatie):
    from sso.admin import IdentiteitsproviderForm

    gegevens = {
        "organisatie": organisatie.pk,
        "naam": "Werkaccount",
        "issuer": "https://login.example.org",
        "client_id": "mvoi",
        "client_secret": "een-geheim-van-de-beheerder",
        "domeinen": "example.org",
        "scopes": "openid email profile",
        "id_claim": "sub",
        "groepen_claim": "groups",
        "rollen_per_groep": '{"mvoi": ["mvoi_teamlid"]}',
        "mfa_amr": "mfa",
    }
    form = IdentiteitsproviderForm(data=gegevens)
    assert form.is_valid(), form.errors
    instelling = form.save()
    assert instelling.client_secret == "een-geheim-van-de-beheerder"
    assert "een-geheim" not in instelling.client_secret_versleuteld
    zonder = IdentiteitsproviderForm(data={**gegevens, "client_secret": ""}, instance=instelling)
    assert zonder.is_valid(), zonder.errors
    assert zonder.save().client_secret == "een-geheim-van-de-beheerder"
    assert not IdentiteitsproviderForm(data={**gegevens, "client_secret": ""}).is_valid()


def test_a_secret_stays_readable_after_a_secret_key_rotation_with_fallbacks(settings):
    from sso import geheimen

    settings.SSO_SLEUTEL = ""
    settings.SECRET_KEY = "de-oude-sleutel-" + "x" * 40
    versleuteld = geheimen.versleutelen("het-geheim")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "de-nieuwe-sleutel-" + "y" * 40, []
    with pytest.raises(geheimen.GeheimOnleesbaar):
        geheimen.ontsleutelen(versleuteld)
    settings.SECRET_KEY_FALLBACKS = ["de-oude-sleutel-" + "x" * 40]
    assert geheimen.ontsleutelen(versleuteld) == "het-geheim"


def test_the_werkaccounts_page_shows_the_roles_each_login_gave(client, zuidstad, lid):
    provider, _instelling = zuidstad
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    client.logout()
    provider.wijzig("anna", groepen=["directie"])
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    client.logout()
    client.force_login(lid("beheerder"))
    pagina = BeautifulSoup(client.get(reverse("sso:instellen")).text, "html.parser")
    tabel = pagina.find("caption", string="Rollen gegeven door de groepen bij de provider")
    rijen = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in tabel.find_parent("table").tbody.find_all("tr")
    ]
    assert [(r[1], r[2]) for r in rijen] == [
        ("Anna de Vries", "Management"),
        (
            "Anna de Vries",
            ", ".join(
                str(rol)
                for rol in Rol.objects.filter(code__in=["coordinator", "mvoi_teamlid"]).order_by(
                    "volgorde"
                )
            ),
        ),
    ]


def test_a_provider_can_name_the_person_by_entras_object_id(client, zuidstad):
    provider, instelling = zuidstad
    instelling.id_claim = "oid"
    instelling.save()
    provider.wijzig("anna", oid="8f3c-0000-aaaa")
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert Koppeling.objects.get().onderwerp == "8f3c-0000-aaaa"
    client.logout()
    # A token without the claim names nobody: refused, no second account.
    provider.wijzig("anna", oid=None)
    antwoord, _ = sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert "_auth_user_id" not in client.session
    assert "onbruikbare identiteit" in client.get(antwoord.url).text
    assert User.objects.count() == 1


def test_management_with_a_second_factor_at_the_provider_needs_no_code_of_ours(
    client, zuidstad, settings
):
    """The ID token's amr says the provider asked a code: management of that organisation
    alone goes straight in (without amr it would be sent to set up the application's app,
    as the test of a login without a second factor shows)."""
    settings.TWEESTAPS_VERPLICHT = True
    provider, _instelling = zuidstad
    provider.wijzig("anna", groepen=["directie"])
    sso_inloggen(client, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"])
    assert tweestaps.SESSIE not in client.session
    assert client.get(reverse("actieplan:start")).status_code == 200
