"""Step 7 in Chromium: the MVOI team reads the year's computed figures, records an
evaluation after award, and answers the yearly evaluation on a phone; the step gets its ✓.
axe on every page."""

import re

from playwright.sync_api import expect

from evaluatie.models import ANTWOORDVELDEN


def test_team_evaluates_a_tender_and_the_year(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("mvoiteam")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).click()
    page.get_by_role("navigation", name="Jaar van de planning").get_by_role(
        "link", name="2025"
    ).click()
    expect(page.get_by_text(re.compile(r"In 9 van de 12 kansrijke aanbestedingen"))).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("doel en gerealiseerd per jaar"))
    ).to_be_visible()
    expect(page.get_by_text("Het jaardoel van 75% is gehaald.", exact=False)).to_be_visible()
    axe_check(page)
    screenshot(page, "stap-7-evaluatie")

    # The one awarded tender still without its evaluation after award.
    page.get_by_role("link", name=re.compile(r"^Evaluaties van aanbestedingen \(4 van 5\)")).click()
    axe_check(page)
    rij = page.get_by_role("row").filter(has_text="Ontbreekt")
    rij.get_by_role("link").click()
    eerste = page.locator("fieldset.mvoi-formset-rij").first
    eerste.get_by_label("Wat bood de markt?").fill("Twee inschrijvers boden het aan.")
    eerste.get_by_label("Ja").check()
    eerste.get_by_label("Ander effect: waarde").fill("1.250")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef bij een ander effect ook de eenheid.")
    axe_check(page)
    eerste.get_by_label("Ander effect: eenheid").fill("kg afval voorkomen")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    expect(page.get_by_text("0 aanbestedingen wachten op hun evaluatie.")).to_be_visible()

    # The yearly evaluation of the current year, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).first.click()
    expect(
        page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).first
    ).not_to_contain_text("compleet")
    page.get_by_role("link", name="Evaluatie 2026 invullen").click()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for veld in ANTWOORDVELDEN:
        page.locator(f"textarea[name={veld}]").fill(f"Ons antwoord ({veld}).")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De evaluatie van 2026 is opgeslagen.")
    expect(page.get_by_role("link", name="Stap 7: Evaluatie (compleet)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)
