"""The demo coördinator logs in, opens the plan and walks the seven steps."""

import re

from django.core import mail
from playwright.sync_api import expect

from actieplan.stappen import STAPPEN


def test_coordinator_walks_the_seven_steps(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    axe_check(page)
    screenshot(page, "inloggen")

    inloggen("coordinator")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Actieplannen MVOI van Gemeente Voorbeeld"
    )
    axe_check(page)
    screenshot(page, "start")

    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actieplan MVOI 2024–2027")
    axe_check(page)
    screenshot(page, "actieplan")

    indicator = page.get_by_role("navigation", name="Stappen van het actieplan")
    for stap in STAPPEN:
        indicator.get_by_role("link", name=f"Stap {stap.nummer}: {stap.titel}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Stap {stap.nummer}. {stap.titel}"
        )
        expect(page).to_have_url(re.compile(rf"/stappen/{stap.slug}/$"))
        huidig = indicator.locator('[aria-current="step"]')
        expect(huidig).to_have_count(1)
        expect(huidig).to_contain_text(str(stap.titel))
        axe_check(page)
        if stap.nummer == 1:
            screenshot(page, "stap-1-nulmeting")


def test_the_steps_work_with_the_keyboard(page, live_server, demo_data, inloggen):
    inloggen("management")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()

    # The first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Direct naar de inhoud")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#inhoud$"))

    # Tab on to the step indicator and open step 4 with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if "Aanbestedingskalender" in (page.locator(":focus").text_content() or ""):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stap 4. Aanbestedingskalender")


def test_the_organisation_switcher_and_member_pages(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("coordinator")
    page.get_by_label("Organisatie").select_option(label="Waterschap Voorbeeldstroom")
    page.get_by_role("button", name="Wisselen").click()
    expect(page.get_by_role("status")).to_contain_text("U werkt nu in Waterschap Voorbeeldstroom")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Actieplannen MVOI van Waterschap Voorbeeldstroom"
    )
    expect(page.get_by_text("Er is nog geen actieplan.")).to_be_visible()

    # In the water board the coördinator is also beheerder: manage the members there.
    page.get_by_role("link", name="Leden en rollen").click()
    axe_check(page)
    page.get_by_role("link", name="Lid toevoegen").click()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is niet opgeslagen")
    axe_check(page)
    page.get_by_label("E-mailadres").fill("nieuw@waterschap.example")
    page.get_by_label("Voornaam").fill("Nora")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("Inkoopadviseur").check()
    screenshot(page, "lid-toevoegen")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "We hebben een uitnodiging gestuurd naar nieuw@waterschap.example"
    )
    expect(page.get_by_role("row", name=re.compile("nieuw@waterschap.example"))).to_contain_text(
        "Inkoopadviseur"
    )
    axe_check(page)

    # Nora follows the link in her e-mail, chooses a password and is in.
    link = next(
        regel for regel in mail.outbox[-1].body.splitlines() if regel.startswith(live_server.url)
    )
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uitnodiging voor het Actieplan MVOI van Waterschap Voorbeeldstroom"
    )
    axe_check(page)
    page.get_by_label("Nieuw wachtwoord").fill("nora-haar-eigen-wachtwoord")
    page.get_by_label("Herhaal het wachtwoord").fill("nora-haar-eigen-wachtwoord")
    page.get_by_role("button", name="Account aanmaken en lid worden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Welkom bij het Actieplan MVOI van Waterschap Voorbeeldstroom"
    )
    expect(page.get_by_text("Nora Nieuw")).to_be_visible()
