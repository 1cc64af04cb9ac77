"""Closing a year in Chromium (issue 22, part 2): the coordinator, on a phone in the last
weeks of the year, decides per tender and action what becomes of it, sees a preview, and
confirms; 2026 keeps its figures; the MVOI team's quarterly meetings show the moves.
axe on every page, no sideways scrolling at 390 px."""

import re

from playwright.sync_api import expect

from aanbestedingskalender.models import Aanbesteding


def test_coordinator_closes_2026_on_a_phone_and_the_meetings_show_the_moves(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("coordinator")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).first.click()
    page.get_by_role("navigation", name="Jaar van de planning").get_by_role(
        "link", name="2026"
    ).click()
    expect(
        page.get_by_text(re.compile(r"In 10 van de 12 kansrijke aanbestedingen"))
    ).to_be_visible()
    page.get_by_role("link", name="2027 voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026 afsluiten en 2027 voorbereiden")
    expect(
        page.get_by_role("heading", name="9 aanbestedingen van 2026 zijn niet gestart")
    ).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    rijen = page.locator("fieldset.mvoi-keuze-rij")
    eerste, tweede = rijen.nth(0), rijen.nth(1)
    weg = eerste.locator(":scope > legend").inner_text()
    later = tweede.locator(":scope > legend").inner_text()
    eerste.get_by_label("Gaat niet door (vervalt)").check()
    tweede.get_by_label("Start in").select_option(label="K2 2027")
    tweede.get_by_label("Reden").fill("De marktconsultatie loopt uit.")
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    # The reason of the drop is missing: said at the field, what was typed is still there.
    expect(page.get_by_role("alert")).to_contain_text(f"Geef de reden waarom {weg} vervalt.")
    expect(tweede.get_by_label("Reden")).to_have_value("De marktconsultatie loopt uit.")
    axe_check(page)
    eerste.get_by_label("Reden").fill("Opgegaan in het raamcontract schoonmaak.")
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()

    expect(page.get_by_role("heading", name="Controleer wat er gebeurt")).to_be_visible()
    expect(
        page.get_by_text("Kansrijke aanbestedingen met een focusthema: 10 van 12 (83%).")
    ).to_be_visible()
    expect(page.get_by_text(f"{weg}: Opgegaan in het raamcontract schoonmaak.")).to_be_visible()
    expect(page.get_by_text("8 gaan naar 2027")).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "jaar-afsluiten-voorbeeld")
    # Nothing has changed yet.
    assert Aanbesteding.objects.filter(naam=later, startjaar=2026).exists()
    page.get_by_role("button", name="Keuzes aanpassen").click()
    expect(eerste.get_by_label("Reden")).to_have_value("Opgegaan in het raamcontract schoonmaak.")
    page.get_by_role("button", name="Bekijk wat er gebeurt").click()
    page.get_by_role("button", name="Ja, 2026 afsluiten en 2027 voorbereiden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "2026 is afgesloten en 2027 is voorbereid: 8 aanbestedingen naar 2027"
    )
    axe_check(page)

    # 2026 reads as it did, and says since when.
    page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).first.click()
    page.get_by_role("navigation", name="Jaar van de planning").get_by_role(
        "link", name="2026"
    ).click()
    expect(
        page.get_by_text(re.compile(r"In 10 van de 12 kansrijke aanbestedingen"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"2026 is afgesloten op .* \(door "))).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The MVOI team at its desk: both quarters' meetings show the move, with the reason.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    inloggen("mvoiteam")
    plan = Aanbesteding.objects.get(naam=later).actieplan_id
    page.goto(f"{live_server.url}/plannen/{plan}/kalender/kwartaal/2027/2/")
    expect(page.get_by_role("heading", name="1 aanbesteding kwam erbij")).to_be_visible()
    erbij = page.locator("li").filter(has_text=later).filter(has_text="uit K")
    expect(erbij).to_contain_text("De marktconsultatie loopt uit.")
    axe_check(page)
    screenshot(page, "kwartaaloverleg-verschoven")
    van = Aanbesteding.objects.get(naam=weg)
    page.goto(
        f"{live_server.url}/plannen/{plan}/kalender/kwartaal/{van.startjaar}/{van.startkwartaal}/"
    )
    expect(page.locator("li").filter(has_text=weg).filter(has_text="raamcontract")).to_contain_text(
        "Opgegaan in het raamcontract schoonmaak."
    )
    axe_check(page)


def test_enter_in_a_field_asks_for_the_preview_not_the_next_page(
    page, live_server, demo_data, inloggen, axe_check, monkeypatch
):
    """With more tenders than one page holds, the list's "Volgende" button comes before
    "Bekijk wat er gebeurt" in the form: Enter must still ask for the preview."""
    monkeypatch.setattr("evaluatie.forms.PER_PAGINA", 5)
    inloggen("coordinator")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 7: Evaluatie")).first.click()
    page.get_by_role("navigation", name="Jaar van de planning").get_by_role(
        "link", name="2026"
    ).click()
    page.get_by_role("link", name="2027 voorbereiden").click()
    expect(page.get_by_role("button", name="Volgende").first).to_be_visible()
    axe_check(page)
    rij = page.locator("fieldset.mvoi-keuze-rij").nth(0)
    naam = rij.locator(":scope > legend").inner_text()
    # Enter on a choice (a radio button submits its form; a text area takes the Enter).
    rij.get_by_label("Is al gegund").check()
    rij.get_by_label("Is al gegund").press("Enter")
    expect(page.get_by_role("heading", name="Controleer wat er gebeurt")).to_be_visible()
    expect(page.get_by_text("1 blijft in 2026 als gestart of gegund")).to_be_visible()
    expect(page.get_by_text(f"{naam} (gegund)", exact=True)).to_be_visible()
    axe_check(page)
