"""Step 4 in Chromium: an advisor imports an .xlsx calendar through preview and confirm,
marks themes applied on a tender; the MVOI team records a quarterly review. axe on every
page."""

import re

from playwright.sync_api import expect

from tests.aanbestedingskalender.test_resources import xlsx

KOPPEN = [
    "Kenmerk",
    "Naam",
    "Procedure",
    "Soort",
    "Startjaar",
    "Startkwartaal",
    "Status",
    "Kansrijk",
    "Thema Klimaat",
    "Thema Circulair",
]


def naar_kalender(page):
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 4: Aanbestedingskalender")).click()
    page.get_by_role("link", name=re.compile("^Naar de kalender")).click()


def test_advisor_imports_a_calendar_and_applies_themes(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("inkoopadviseur")
    naar_kalender(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Aanbestedingskalender"))
    axe_check(page)
    screenshot(page, "stap-4-kalender")

    # An upload with a mistake: the preview names row and column, and offers no confirm.
    page.get_by_role("link", name="Importeren").click()
    axe_check(page)
    fout = xlsx(
        [
            KOPPEN,
            [
                "IMP-1",
                "Printers",
                "Europees openbaar",
                "Leveringen",
                2026,
                "K5",
                "Gepland",
                "ja",
                "toepasbaar",
                "",
            ],
        ]
    )
    page.get_by_label("Bestand (.xlsx of .csv)").set_input_files(
        files=[{"name": "kalender.xlsx", "mimeType": "application/octet-stream", "buffer": fout}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand bevat 1 fout")
    expect(page.get_by_role("row", name=re.compile("Startkwartaal"))).to_contain_text("K5")
    expect(page.get_by_role("button", name="Import bevestigen")).to_have_count(0)
    axe_check(page)

    # The corrected file: preview, confirm.
    page.get_by_role("link", name="Ander bestand kiezen").click()
    goed = xlsx(
        [
            KOPPEN,
            [
                "IMP-1",
                "Printers en multifunctionals",
                "Europees openbaar",
                "Leveringen",
                2026,
                "K2",
                "Gepland",
                "ja",
                "toepasbaar",
                "toepasbaar",
            ],
            [
                "IMP-2",
                "Groenonderhoud",
                "Nationaal openbaar",
                "Diensten",
                2026,
                "K3",
                "Gepland",
                "ja",
                "",
                "toegepast: contractbepaling, basis",
            ],
        ]
    )
    page.get_by_label("Bestand (.xlsx of .csv)").set_input_files(
        files=[{"name": "kalender.xlsx", "mimeType": "application/octet-stream", "buffer": goed}]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("2 toe te voegen, 0 te wijzigen, 0 ongewijzigd.")).to_be_visible()
    axe_check(page)
    screenshot(page, "import-controleren")
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("Import klaar: 2 toegevoegd")

    # Mark Klimaat applied on the imported tender.
    page.get_by_label("Jaar").select_option("2026")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_role("link", name="Printers en multifunctionals").click()
    axe_check(page)
    klimaat = page.get_by_role("group", name="Klimaat")
    klimaat.get_by_label("Toegepast", exact=True).check()
    klimaat.get_by_label("Vorm").select_option(label="Gunningscriterium")
    klimaat.get_by_label("Niveau MVI-criteria").select_option(label="Significant")
    circulair = page.get_by_role("group", name="Circulair (incl. biobased)")
    circulair.get_by_label("Uitleg als het niet is toegepast").fill(
        "Geen circulaire printers op de markt."
    )
    page.get_by_role("button", name="Aanbesteding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    rij = page.get_by_role("row", name=re.compile("Printers en multifunctionals"))
    expect(rij).to_contain_text("Klimaat ✓")
    axe_check(page)


def test_team_records_a_quarterly_review(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("mvoiteam")
    naar_kalender(page)
    page.get_by_role("link", name="Kwartaaloverleg").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Kwartaaloverleg K"))
    page.goto(re.sub(r"kwartaal/.*$", "kwartaal/2025/3/", page.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kwartaaloverleg K3 2025")
    expect(page.get_by_role("heading", name="Afwijkingen om te bespreken")).to_be_visible()
    expect(page.get_by_text("Voortgang 2025")).to_be_visible()
    axe_check(page)
    page.get_by_label("Notities").fill("Twee afwijkingen besproken.")
    page.get_by_label("Besluiten").fill("Circulair uitvragen bij meubilair.")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het verslag van K3 2025 is opgeslagen.")
    expect(page.get_by_label("Besluiten")).to_have_value("Circulair uitvragen bij meubilair.")
    screenshot(page, "kwartaaloverleg")
    axe_check(page)


def test_step_4_shows_the_progress_of_every_kind_of_goal(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("management")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 4: Aanbestedingskalender")).click()
    expect(
        page.get_by_role("heading", name="Voortgang van de andere meetbare doelen")
    ).to_be_visible()
    sroi = page.get_by_role(
        "region", name="Social return in kansrijke opdrachten vanaf een drempelwaarde"
    )
    rij_2026 = sroi.get_by_role("row", name=re.compile("^2026"))
    expect(rij_2026).to_contain_text("50% vanaf € 250.000")
    expect(rij_2026).to_contain_text(re.compile(r"\d+% \(\d+ van \d+\)"))
    pilots = page.get_by_role("region", name="Circulaire pilots (aantal)")
    expect(pilots.get_by_role("row", name=re.compile("^2026"))).to_contain_text(
        "In te vullen bij de evaluatie"
    )
    co2 = page.get_by_role("region", name="CO₂-reductie door aanbestedingen (ton)")
    expect(co2.get_by_role("row", name=re.compile("^2026"))).to_contain_text("ton CO₂")
    axe_check(page)
    screenshot(page, "stap-4-voortgang")
