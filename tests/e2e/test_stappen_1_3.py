"""Steps 1–3 in Chromium: an advisor fills in the nulmeting, leaves and comes back to the
saved draft; the coördinator records agreed levels and the matrix shows them; the team
chooses themes with the keyboard. Every page is checked with axe (WCAG 2.1 AA)."""

import re

from playwright.sync_api import expect

from organisaties.models import Lidmaatschap, Organisatie, Rol, User

THEMAS = [
    ("Milieu & biodiversiteit", "4. Borging"),
    ("Klimaat", "3. Verbreding"),
    ("Circulair (incl. biobased)", "3. Verbreding"),
    ("Ketenverantwoordelijkheid (Internationale Sociale Voorwaarden)", "2. Pilots"),
    ("Diversiteit & inclusie", "1. Afweging"),
    ("Social return (SROI)", "5. Leiderschap"),
]


def nieuwe_adviseur() -> User:
    user = User.objects.create_user(
        username="nieuweadviseur",
        email="nieuw@voorbeeld.example",
        password="mvoi-demo-2026",
        first_name="Nina",
        last_name="Nieuw",
    )
    lid = Lidmaatschap.objects.create(
        user=user, organisatie=Organisatie.objects.get(naam="Gemeente Voorbeeld")
    )
    lid.rollen.set([Rol.Code.INKOOPADVISEUR])
    return user


def naar_plan(page):
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()


def test_advisor_fills_in_the_nulmeting_leaves_and_comes_back(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    nieuwe_adviseur()
    inloggen("nieuweadviseur")
    naar_plan(page)
    page.get_by_role("link", name="Stap 1: Nulmeting").click()
    expect(page.get_by_text("U heeft 0 van de 6 thema's ingevuld.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Nulmeting invullen").click()
    axe_check(page)

    # The first three themes, then leave.
    page.get_by_role("link", name=THEMAS[0][0]).click()
    for naam, niveau in THEMAS[:3]:
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Nulmeting: {naam}")
        page.get_by_label(re.compile("^" + re.escape(niveau))).check()
        page.get_by_label("Waaruit blijkt dat?").fill(f"Onderbouwing {naam}")
        page.get_by_label("Aantal interviews").fill("10")
        if naam == THEMAS[0][0]:
            axe_check(page)
            screenshot(page, "nulmeting-invullen")
        page.get_by_role("button", name=re.compile("^Opslaan en verder naar")).click()
    page.get_by_role("link", name="Actieplannen").first.click()

    # Back later: the draft is kept and the progress shows it.
    naar_plan(page)
    page.get_by_role("link", name="Stap 1: Nulmeting").click()
    expect(page.get_by_text("U heeft 3 van de 6 thema's ingevuld.")).to_be_visible()
    page.get_by_role("link", name="Verder met mijn nulmeting").click()
    expect(page.get_by_role("row", name=re.compile("^Klimaat"))).to_contain_text("Ingevuld")
    page.get_by_role("link", name="Klimaat").click()
    expect(page.get_by_label(re.compile("^3. Verbreding"))).to_be_checked()
    expect(page.get_by_label("Waaruit blijkt dat?")).to_have_value("Onderbouwing Klimaat")
    page.get_by_role("button", name="Opslaan en naar mijn overzicht").click()

    page.get_by_role("link", name=THEMAS[3][0]).click()
    for naam, niveau in THEMAS[3:]:
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Nulmeting: {naam}")
        page.get_by_label(re.compile("^" + re.escape(niveau))).check()
        page.get_by_label("Waaruit blijkt dat?").fill(f"Onderbouwing {naam}")
        knop = page.get_by_role("button", name=re.compile("^Opslaan en verder naar"))
        if knop.count():
            knop.click()
        else:
            page.get_by_role("button", name="Opslaan en naar mijn overzicht").click()
    expect(page.get_by_text("U heeft 6 van de 6 thema's ingevuld.")).to_be_visible()
    axe_check(page)


def test_coordinator_records_agreed_levels_and_the_matrix_shows_them(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("coordinator")
    naar_plan(page)
    indicator = page.get_by_role("navigation", name="Stappen van het actieplan")
    expect(indicator.get_by_role("link", name="Stap 1: Nulmeting (compleet)")).to_be_visible()
    indicator.get_by_role("link", name=re.compile("Stap 1: Nulmeting")).click()
    axe_check(page)
    screenshot(page, "stap-1-nulmeting")

    page.get_by_role(
        "link", name="Antwoorden vergelijken en niveau vaststellen voor Klimaat"
    ).click()
    expect(page.get_by_role("heading", name="3 antwoorden naast elkaar")).to_be_visible()
    expect(page.get_by_text("CO₂-prestatieladder niveau 3")).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("^5. Leiderschap")).check()
    page.get_by_label("Samenvatting van de nulmeting voor dit thema").fill(
        "Na de werksessie vastgesteld op leiderschap."
    )
    screenshot(page, "nulmeting-vergelijken")
    page.get_by_role("button", name="Niveau en samenvatting opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Klimaat is opgeslagen")
    expect(page.get_by_role("region", name="Klimaat")).to_contain_text("Niveau 5: Leiderschap")
    expect(
        page.get_by_role("img", name=re.compile("Nulmeting: huidig niveau per thema"))
    ).to_be_visible()

    page.get_by_role("link", name=re.compile("Stap 2: Thema's")).first.click()
    matrix = page.get_by_role("img", name=re.compile("Themamatrix"))
    expect(matrix).to_be_visible()
    expect(page.locator("#matrix-omschrijving")).to_contain_text(
        "Klimaat (focusthema): huidig 5, ambitie 4."
    )
    expect(page.get_by_role("row", name=re.compile("^Klimaat"))).to_contain_text("5. Leiderschap")
    axe_check(page)
    screenshot(page, "stap-2-themas")

    # The ambition is now below the current level: the form asks why, and keeps the input.
    page.get_by_role("link", name="Ambities vastleggen").click()
    axe_check(page)
    page.get_by_role("button", name="Ambities opslaan").click()
    expect(
        page.get_by_text(
            "De ambitie ligt lager dan het huidige niveau. Licht toe waarom.", exact=True
        )
    ).to_be_visible()
    axe_check(page)
    klimaat = page.get_by_role("group", name="Klimaat (focusthema)")
    klimaat.get_by_label("Toelichting").fill("We houden de lat bewust op borging.")
    page.get_by_role("button", name="Ambities opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De ambities zijn opgeslagen.")

    page.get_by_role("link", name=re.compile("Stap 3: Ambities & doelen")).first.click()
    kansrijk = page.get_by_role(
        "region", name="Kansrijke aanbestedingen met een gekozen thema toegepast"
    )
    expect(kansrijk.get_by_role("rowheader", name="2025")).to_be_visible()
    page.get_by_text("De doelen zoals ze in het actieplan staan").click()
    expect(
        page.get_by_text(
            "In 100% van de kansrijke aanbestedingen uit de aanbestedingskalender van 2030"
        )
    ).to_be_visible()
    axe_check(page)
    screenshot(page, "stap-3-doelen")
    page.get_by_role("link", name="Meetbare doelen bewerken").click()
    axe_check(page)
    page.get_by_role("group", name="Doel 1", exact=True).get_by_label("Streefwaarde").fill("120")
    page.get_by_role("button", name="Doelen opslaan").click()
    expect(page.get_by_text("Een percentage ligt tussen 0 en 100.").first).to_be_visible()
    axe_check(page)
    page.get_by_role("group", name="Doel 1", exact=True).get_by_label("Streefwaarde").fill("70")
    page.get_by_role("button", name="Doelen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De meetbare doelen zijn opgeslagen.")
    page.get_by_role("link", name="Doelen in woorden bewerken").click()
    axe_check(page)


def test_team_chooses_focus_themes_with_the_keyboard(
    page, live_server, demo_data, inloggen, axe_check
):
    inloggen("mvoiteam")
    naar_plan(page)
    page.get_by_role("link", name=re.compile("Stap 2: Thema's")).first.click()
    page.get_by_role("link", name="Focusthema's kiezen").click()
    axe_check(page)

    keten = page.get_by_role("group", name=re.compile("^Ketenverantwoordelijkheid"))
    keten.get_by_label("Dit is een focusthema").focus()
    page.keyboard.press("Space")
    expect(keten.get_by_label("Dit is een focusthema")).to_be_checked()
    page.keyboard.press("Tab")
    expect(keten.get_by_label("Onderbouwing")).to_be_focused()
    page.keyboard.type("Ketenverantwoordelijkheid wordt ook een focusthema.")
    page.get_by_role("button", name="Keuze opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De keuze van de thema's is opgeslagen.")
    expect(
        page.get_by_role("heading", level=3, name=re.compile("^Ketenverantwoordelijkheid")).first
    ).to_be_visible()
    expect(page.locator("#matrix-omschrijving")).to_contain_text(
        "Ketenverantwoordelijkheid (focusthema)"
    )
