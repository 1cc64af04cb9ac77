"""Steps 5 and 6 in Chromium: the MVOI team writes down what already embeds MVOI, plans an
embedding action over two quarters on a phone, finds it in the grid, the list and step 5,
and postpones it with a reason. axe on every page."""

import re

from playwright.sync_api import expect


def test_team_plans_an_embedding_action_on_a_phone(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("mvoiteam")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 6: Jaarplanning")).click()
    expect(page.get_by_role("heading", name=re.compile("Jaarplanning 2026"))).to_be_visible()
    raster = page.get_by_role("region", name=re.compile("Jaarplanning 2026"))
    expect(raster.get_by_role("rowheader", name="GMT & DT")).to_be_visible()
    axe_check(page)
    screenshot(page, "stap-6-jaarplanning")

    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Actie toevoegen").click()
    axe_check(page)
    page.get_by_label("Actie", exact=True).fill("Kennissessie social return voor opdrachtgevers")
    page.get_by_label("Actorgroep").select_option(label="Projectleiders aanbesteding")
    page.get_by_label("Vanaf kwartaal").select_option("K3 2026")
    page.get_by_label("Tot en met kwartaal").select_option("K2 2026")  # before the start
    page.get_by_label("Extra budget (€)").fill("€ 1.250")
    page.get_by_label("Borgingsactie (stap 5)").select_option(
        label="Borging in de organisatie, eenmalig"
    )
    page.get_by_role("button", name="Actie opslaan").click()
    samenvatting = page.get_by_role("alert")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Het laatste kwartaal ligt vóór het eerste.")
    expect(page.get_by_label("Actie", exact=True)).to_have_value(
        "Kennissessie social return voor opdrachtgevers"
    )
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Tot en met kwartaal").select_option("K4 2026")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # In the grid in both quarters, and at step 5 in its group.
    rij = page.get_by_role("row", name=re.compile("^Projectleiders aanbesteding"))
    expect(
        rij.get_by_role("link", name="Kennissessie social return voor opdrachtgevers")
    ).to_have_count(2)
    page.get_by_role("link", name=re.compile("Stap 5: Borging")).first.click()
    expect(page.get_by_text("Kennissessie social return voor opdrachtgevers")).to_be_visible()
    axe_check(page)

    # Postponed: a reason is asked at its field.
    page.get_by_role("link", name="Kennissessie social return voor opdrachtgevers").click()
    page.get_by_label("Status").select_option(label="Uitgesteld")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf op waarom de actie uitgesteld is")
    page.get_by_label("Reden").fill("De trainer kan pas in 2027.")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    expect(page).to_have_url(re.compile(r"/stappen/borging/\?jaar=2026$"))

    # The worked-out list with its totals.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=re.compile("Stap 6: Jaarplanning")).first.click()
    page.get_by_role("link", name=re.compile("^Uitgewerkte acties")).click()
    expect(page.get_by_text(re.compile(r"20 acties; extra budget samen €\s5\.250"))).to_be_visible()
    axe_check(page)
    screenshot(page, "stap-6-acties")


def test_team_imports_a_planning_through_preview_and_confirm(
    page, live_server, demo_data, inloggen, axe_check
):
    from tests.aanbestedingskalender.test_resources import xlsx

    koppen = ["Nummer", "Jaarplanning", "Actie", "Actorgroep", "Vanaf kwartaal"]
    koppen += ["Tot en met kwartaal", "Status", "Reden"]
    inloggen("mvoiteam")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 6: Jaarplanning")).click()
    page.get_by_role("link", name=re.compile("^Uitgewerkte acties")).click()
    page.get_by_role("link", name="Importeren").click()
    axe_check(page)
    fout = xlsx(
        [koppen, ["", 2026, "Kennissessie SROI", "Inkoop", "K5 2026", "K1 2026", "Gepland", ""]]
    )
    page.get_by_label("Bestand (.xlsx of .csv)").set_input_files(
        files=[{"name": "planning.xlsx", "mimeType": "application/octet-stream", "buffer": fout}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand bevat 1 fout")
    expect(page.get_by_role("row", name=re.compile("Vanaf kwartaal"))).to_contain_text("K5 2026")
    expect(page.get_by_role("button", name="Import bevestigen")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Ander bestand kiezen").click()
    goed = xlsx(
        [koppen, ["", 2026, "Kennissessie SROI", "Inkoop", "K3 2026", "K3 2026", "Gepland", ""]]
    )
    page.get_by_label("Bestand (.xlsx of .csv)").set_input_files(
        files=[{"name": "planning.xlsx", "mimeType": "application/octet-stream", "buffer": goed}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("1 toe te voegen, 0 te wijzigen, 0 ongewijzigd.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("Import klaar: 1 toegevoegd")
    expect(page.get_by_role("link", name="Kennissessie SROI")).to_be_visible()


def test_an_actions_tender_is_found_by_typing_on_a_phone(
    page, live_server, demo_data, inloggen, axe_check
):
    """Issue 26: the tender of an action was a drop-down of every tender of the plan; now
    the advisor types part of its name and the calendar's search suggests the matches."""
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("mvoiteam")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 6: Jaarplanning")).click()
    page.get_by_role("link", name="Actie toevoegen").click()
    page.get_by_label("Actie", exact=True).fill("Marktconsultatie schoonmaak")
    veld = page.get_by_label("Voor aanbesteding")
    expect(page.locator("select[name=aanbesteding]")).to_have_count(0)  # no drop-down
    veld.press_sequentially("schoonmaak", delay=30)
    voorstellen = page.locator("#id_aanbesteding-voorstellen option")
    expect(voorstellen.first).to_have_attribute("value", re.compile("Schoonmaak gemeentelijke"))
    keuze = voorstellen.first.get_attribute("value")
    veld.fill(keuze)
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    page.get_by_role("link", name="Marktconsultatie schoonmaak").first.click()
    expect(page.get_by_label("Voor aanbesteding")).to_have_value(keuze)
