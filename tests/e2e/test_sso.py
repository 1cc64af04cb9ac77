"""Logging in with the organisation's own account, in Chromium, against a real OpenID
Connect provider (ops/oidc/provider.mjs): the login page's work e-mail field, the
provider's own login page (password and code), and back in the application as a member
with the roles of the provider's groups. axe on the application's login page."""

import json
import re

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from organisaties.models import Lidmaatschap, User
from sso import oidc
from sso.models import Identiteitsprovider
from tests.sso.provider import (
    ANNA,
    GEHEIM,
    ROOT,
    bij_provider_inloggen,
    callback_parameters,
    na_de_hercontrole,
    provider_instellen,
)


def test_a_coordinator_logs_in_with_her_work_account(
    page,
    live_server,
    referentiegegevens_transactioneel,
    organisatie,
    start_provider,
    axe_check,
    screenshot,
):
    provider = start_provider(
        "Zuidstad", {"anna": dict(ANNA)}, [f"{live_server.url}/inloggen/sso/terug/"]
    )
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl")

    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("heading", name="Met uw werkaccount")).to_be_visible()
    axe_check(page)
    page.get_by_label("Werk-e-mailadres").fill("anna@zuidstad.nl")
    screenshot(page, "sso-inloggen")
    page.get_by_role("button", name="Verder naar uw organisatie").click()

    # The provider's own page (another origin).
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.issuer)}/interactie/"))
    screenshot(page, "sso-provider")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill(ANNA["wachtwoord"])
    page.get_by_label("Code uit de app").fill("123456")
    page.get_by_role("button", name="Inloggen").click()

    # Back, logged in, with no code of the application's own (she used one there).
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplannen")
    expect(
        page.get_by_text("Anna de Vries").or_(page.get_by_text("anna@zuidstad.nl"))
    ).to_be_visible()
    lid = Lidmaatschap.objects.get(user__email="anna@zuidstad.nl")
    assert lid.organisatie == organisatie
    assert {rol.code for rol in lid.rollen.all()} == {"coordinator", "mvoi_teamlid"}

    # Logging out ends her session at the provider too: the provider asks, she confirms,
    # and she is back on the application's login page.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.issuer)}/session/end"))
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    # The next login asks for her password at the provider again.
    page.get_by_label("Werk-e-mailadres").fill("anna@zuidstad.nl")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.issuer)}/interactie/"))


def test_a_provider_that_is_down_says_so_on_the_login_page(
    page, live_server, referentiegegevens_transactioneel, organisatie, start_provider, axe_check
):
    provider = start_provider(
        "Zuidstad", {"anna": dict(ANNA)}, [f"{live_server.url}/inloggen/sso/terug/"]
    )
    provider_instellen(organisatie, provider, domeinen="zuidstad.nl", wachtwoord_toegestaan=True)
    provider.stop()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Werk-e-mailadres").fill("anna@zuidstad.nl")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "De inlogdienst van uw organisatie is nu niet bereikbaar"
    )
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    axe_check(page)


def test_the_beheerder_sets_up_the_work_accounts_on_a_phone_too(
    page, live_server, demo_data, inloggen, start_provider, axe_check, screenshot
):
    provider = start_provider("Voorbeeld", {}, [f"{live_server.url}/inloggen/sso/terug/"])
    inloggen("beheerder")
    page.get_by_role("link", name="Werkaccounts").click()
    expect(page.get_by_role("heading", name="Inloggen met een werkaccount")).to_be_visible()
    expect(page.get_by_text(f"{live_server.url}/inloggen/sso/terug/")).to_be_visible()
    axe_check(page)
    page.get_by_label("Naam op de inlogknop").fill("Werkaccount Gemeente Voorbeeld")
    page.get_by_label("Issuer").fill(provider.issuer)
    page.get_by_label("Client-ID").fill("mvoi")
    page.get_by_label("Client-secret").fill("client-secret-van-de-test-0123456789")
    page.get_by_label("E-maildomeinen").fill("voorbeeld.nl")
    page.get_by_label("Rollen per groep").fill("mvoi-team = mvoi_teamlid")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("zijn opgeslagen")).to_be_visible()
    screenshot(page, "sso-instellen")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)


def test_the_demos_zuidstad_logs_in_with_its_work_accounts(
    page, live_server, demo_data, start_provider
):
    """`make run` starts the demo provider with ops/oidc/demo-personen.json beside the
    application; the demo data sets Gemeente Zuidstad up for it (here on a free port)."""
    personen = json.loads((ROOT / "ops" / "oidc" / "demo-personen.json").read_text())
    provider = start_provider("Zuidstad", personen, [f"{live_server.url}/inloggen/sso/terug/"])
    instelling = Identiteitsprovider.objects.get(organisatie__naam="Gemeente Zuidstad")
    instelling.issuer, instelling.client_id = provider.issuer, "mvoi"
    instelling.client_secret = GEHEIM
    instelling.save()

    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Werk-e-mailadres").fill("ivo@zuidstad.example")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    page.get_by_label("Gebruikersnaam").fill("ivo")
    page.get_by_label("Wachtwoord").fill("mvoi-demo-2026")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gemeente Zuidstad")
    lid = Lidmaatschap.objects.get(user__email="ivo@zuidstad.example")
    assert {rol.code for rol in lid.rollen.all()} == {"inkoopadviseur"}


def _via_werkaccount(page, live_server, email, login, wachtwoord, code=""):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Werk-e-mailadres").fill(email)
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    page.get_by_label("Gebruikersnaam").fill(login)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_label("Code uit de app").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_the_provider_decides_roles_and_access_at_every_login_and_re_check(
    page,
    live_server,
    referentiegegevens_transactioneel,
    organisatie,
    andere_organisatie,
    start_provider,
):
    """In Chromium, two organisations each with their own provider: a second login follows
    a role changed at the provider; a person disabled there is logged out at the next
    request after the re-check; a login answered by the other organisation's provider is
    refused."""
    terug = [f"{live_server.url}/inloggen/sso/terug/"]
    zuidstad = start_provider("Zuidstad", {"anna": dict(ANNA)}, terug)
    provider_instellen(organisatie, zuidstad, domeinen="zuidstad.nl")
    bob = {**ANNA, "email": "bob@noordwijk.nl", "naam": "Bob Jansen", "mfa": False}
    noordwijk = start_provider("Noordwijk", {"bob": bob}, terug)
    provider_instellen(andere_organisatie, noordwijk, domeinen="noordwijk.nl")

    _via_werkaccount(page, live_server, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"], "123456")
    expect(page.get_by_role("link", name="Nieuw actieplan")).to_be_visible()  # a coördinator
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Uitloggen").click()  # at the provider

    # Moved to the inkoop group at the provider: the second login makes her an advisor.
    zuidstad.wijzig("anna", groepen=["inkoop"])
    _via_werkaccount(page, live_server, "anna@zuidstad.nl", "anna", ANNA["wachtwoord"], "123456")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gemeente Eigen")
    expect(page.get_by_role("link", name="Nieuw actieplan")).to_have_count(0)
    lid = Lidmaatschap.objects.get(user__email="anna@zuidstad.nl")
    assert {rol.code for rol in lid.rollen.all()} == {"inkoopadviseur"}

    # Disabled at the provider: at the next request after the re-check she is out.
    zuidstad.wijzig("anna", uitgeschakeld=True)
    na_de_hercontrole(_sessie(page, live_server))
    page.reload()
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    expect(page.get_by_text("uw organisatie laat u niet meer inloggen")).to_be_visible()

    # This browser starts a login at Zuidstad's provider; a code Noordwijk's provider
    # gave Bob is handed to its callback with that attempt's state: refused, nobody in.
    # (A fresh browser: the test provider answers a session of a disabled person with a
    # server error instead of its login page.)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Werk-e-mailadres").fill("anna@zuidstad.nl")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(zuidstad.issuer)}/interactie/"))
    state = next(iter(_sessie(page, live_server)["sso_aanvragen"]))
    noordwijk_terug, _ = bij_provider_inloggen(
        oidc.autorisatie_url(
            Identiteitsprovider.objects.get(organisatie=andere_organisatie),
            oidc.nieuwe_aanvraag(),
            terug[0],
        ),
        "bob",
        ANNA["wachtwoord"],
    )
    code = callback_parameters(noordwijk_terug)["code"]
    page.goto(f"{live_server.url}/inloggen/sso/terug/?state={state}&code={code}")
    expect(page.get_by_role("alert").first).to_contain_text(
        "Inloggen bij uw organisatie is niet gelukt"
    )
    assert "_auth_user_id" not in _sessie(page, live_server)
    assert not User.objects.filter(email="bob@noordwijk.nl").exists()


def _sessie(page, live_server) -> SessionStore:
    """The browser's own session, as the server keeps it."""
    sleutel = next(
        c["value"] for c in page.context.cookies(live_server.url) if c["name"] == "sessionid"
    )
    return SessionStore(session_key=sleutel)
