"""Two-step verification in Chromium. Management must use it: after the password the setup
page opens, nothing else; they scan (here: read) the secret, type the app's code, keep the
recovery codes and go on where they were going. The next login asks for a code. A member
of another role turns it on from the header. axe on every page."""

import re

from playwright.sync_api import expect

from tests.organisaties.test_tweestaps import code_voor


def test_management_must_set_it_up_and_then_logs_in_with_a_code(
    page, live_server, demo_data, inloggen, axe_check
):
    inloggen("management", tweede_stap=False)
    expect(page.get_by_role("heading", name="Tweestapsverificatie aanzetten")).to_be_visible()
    expect(page.get_by_text("is tweestapsverificatie verplicht")).to_be_visible()
    expect(page.get_by_role("link", name="Annuleren")).to_have_count(0)
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    axe_check(page)
    # Another page typed in the address bar leads back here.
    page.goto(f"{live_server.url}/organisatie/leden/")
    expect(page.get_by_role("heading", name="Tweestapsverificatie aanzetten")).to_be_visible()

    geheim = page.locator("code.mvoi-geheim").inner_text()
    page.get_by_label("Code").fill(code_voor(geheim))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie staat aan")).to_be_visible()
    expect(page.locator(".mvoi-herstelcodes li")).to_have_count(10)
    axe_check(page)
    page.get_by_role("link", name=re.compile("Ik heb ze bewaard")).click()
    page.get_by_role("button", name="Uitloggen").click()

    inloggen("management", tweede_stap=False)
    expect(page.get_by_role("heading", name="Nog één stap: uw code")).to_be_visible()
    axe_check(page)
    page.get_by_label("Code").fill(code_voor(geheim, stap=1))  # the next 30 seconds' code
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplannen MVOI")


def test_a_member_turns_it_on_from_the_header(page, live_server, demo_data, inloggen, axe_check):
    inloggen("inkoopadviseur")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplannen MVOI")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_role("link", name="Annuleren")).to_be_visible()  # a choice here
    geheim = page.locator("code.mvoi-geheim").inner_text()
    page.get_by_label("Code").fill(code_voor(geheim))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.locator(".mvoi-herstelcodes li")).to_have_count(10)
    page.get_by_role("link", name=re.compile("Ik heb ze bewaard")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplannen MVOI")


def test_the_beheerder_requires_it_for_every_member(
    page, live_server, demo_data, inloggen, axe_check
):
    inloggen("beheerder")
    page.goto(f"{live_server.url}/organisatie/leden/")
    expect(page.get_by_role("columnheader", name="Tweestapsverificatie")).to_be_visible()
    page.get_by_label("Tweestapsverificatie verplicht voor alle leden").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("is nu verplicht voor alle leden")).to_be_visible()
    expect(page.get_by_label("Tweestapsverificatie verplicht voor alle leden")).to_be_checked()
    axe_check(page)
    page.get_by_role("button", name="Uitloggen").click()

    inloggen("inkoopadviseur", tweede_stap=False)
    expect(page.get_by_role("heading", name="Tweestapsverificatie aanzetten")).to_be_visible()
