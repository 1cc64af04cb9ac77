"""Two-step verification in Chromium: management turns it on by scanning (here: reading)
the secret and typing the app's code, keeps the recovery codes, and the next login asks
for a code before any page opens. axe on every page."""

import re

from playwright.sync_api import expect

from tests.organisaties.test_tweestaps import code_voor


def test_management_turns_on_two_step_verification_and_logs_in_with_a_code(
    page, live_server, demo_data, inloggen, axe_check
):
    inloggen("management")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    axe_check(page)
    geheim = page.locator("code.mvoi-geheim").inner_text()
    page.get_by_label("Code").fill(code_voor(geheim))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie staat aan")).to_be_visible()
    expect(page.locator(".mvoi-herstelcodes li")).to_have_count(10)
    axe_check(page)
    page.get_by_role("link", name=re.compile("Ik heb ze bewaard")).click()
    page.get_by_role("button", name="Uitloggen").click()

    inloggen("management")
    expect(page.get_by_role("heading", name="Nog één stap: uw code")).to_be_visible()
    axe_check(page)
    page.get_by_label("Code").fill(code_voor(geheim, stap=1))  # the next 30 seconds' code
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplannen MVOI")
