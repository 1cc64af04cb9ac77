"""Done-when of steps 1–3: a new organisation goes from an empty plan to complete steps 1–3
in the browser, partly by keyboard, and sees it on the summary pages and the matrix."""

import re

from playwright.sync_api import expect

from organisaties.models import Lidmaatschap, Organisatie, Rol, User

WACHTWOORD = "een-lang-wachtwoord"
NIVEAUS = {
    "Milieu & biodiversiteit": "2",
    "Klimaat": "3",
    "Circulair (incl. biobased)": "2",
    "Ketenverantwoordelijkheid (Internationale Sociale Voorwaarden)": "1",
    "Diversiteit & inclusie": "1",
    "Social return (SROI)": "4",
}


def maak_lid(organisatie, username, *rollen):
    user = User.objects.create_user(
        username=username,
        email=f"{username}@nieuw.example",
        password=WACHTWOORD,
        first_name=username.title(),
        last_name="Nieuw",
    )
    Lidmaatschap.objects.create(user=user, organisatie=organisatie).rollen.set(rollen)


def test_new_organisation_completes_steps_1_to_3(page, live_server, demo_data, inloggen, axe_check):
    nieuw = Organisatie.objects.create(naam="Gemeente Nieuwdorp", type="gemeente")
    maak_lid(nieuw, "projectleider", Rol.Code.COORDINATOR, Rol.Code.MVOI_TEAMLID)
    maak_lid(nieuw, "adviseur", Rol.Code.INKOOPADVISEUR)

    # The coördinator creates the plan.
    inloggen("projectleider", WACHTWOORD)
    expect(page.get_by_text("Er is nog geen actieplan.")).to_be_visible()
    page.get_by_role("link", name="Nieuw actieplan").click()
    axe_check(page)
    page.get_by_label("Startjaar").fill("2026")
    page.get_by_label("Eindjaar").fill("2029")
    page.get_by_role("button", name="Actieplan aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026–2029")
    plan_url = page.url
    page.get_by_role("button", name="Uitloggen").click()

    # The advisor fills in all six themes.
    inloggen("adviseur", WACHTWOORD)
    page.goto(f"{plan_url}stappen/nulmeting/")
    page.get_by_role("link", name="Nulmeting invullen").click()
    page.get_by_role("link", name="Milieu & biodiversiteit").click()
    for naam, niveau in NIVEAUS.items():
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Nulmeting: {naam}")
        page.get_by_label(re.compile(f"^{niveau}\\. ")).check()
        page.get_by_label("Waaruit blijkt dat?").fill(f"Zo staat {naam} ervoor.")
        volgende = page.get_by_role("button", name=re.compile("^Opslaan en verder naar"))
        (
            volgende
            if volgende.count()
            else page.get_by_role("button", name="Opslaan en naar mijn overzicht")
        ).click()
    expect(page.get_by_text("U heeft 6 van de 6 thema's ingevuld.")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    # The coördinator (also MVOI team) records the agreed levels, theme by theme.
    inloggen("projectleider", WACHTWOORD)
    page.goto(f"{plan_url}stappen/nulmeting/")
    for naam, niveau in NIVEAUS.items():
        page.get_by_role(
            "link", name=re.compile("^Antwoorden vergelijken en niveau vaststellen voor")
        ).nth(list(NIVEAUS).index(naam)).click()
        expect(page.get_by_text(f"Zo staat {naam} ervoor.")).to_be_visible()
        page.get_by_label(re.compile(f"^{niveau}\\. ")).check()
        page.get_by_role("button", name="Niveau en samenvatting opslaan").click()
    indicator = page.get_by_role("navigation", name="Stappen van het actieplan")
    expect(indicator.get_by_role("link", name="Stap 1: Nulmeting (compleet)")).to_be_visible()

    # Step 2: two focus themes, by keyboard for the first.
    indicator.get_by_role("link", name=re.compile("Stap 2: Thema's")).click()
    page.get_by_role("link", name="Focusthema's kiezen").click()
    klimaat = page.get_by_role("group", name=re.compile("^Klimaat"))
    klimaat.get_by_label("Dit is een focusthema").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Klimaat sluit aan bij ons CO₂-reductieplan.")
    circulair = page.get_by_role("group", name=re.compile("^Circulair"))
    circulair.get_by_label("Dit is een focusthema").check()
    circulair.get_by_label("Onderbouwing").fill("Grondstoffen besparen.")
    page.get_by_role("button", name="Keuze opslaan").click()
    page.get_by_role("link", name="Ambities vastleggen").click()
    for naam, niveau in NIVEAUS.items():
        groep = page.get_by_role("group", name=re.compile("^" + re.escape(naam)))
        groep.get_by_label("Ambitie aan het eind van de planperiode").select_option(
            str(min(int(niveau) + 1, 5))
        )
    page.get_by_role("button", name="Ambities opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De ambities zijn opgeslagen.")
    expect(page.locator("#matrix-omschrijving")).to_contain_text(
        "Klimaat (focusthema): huidig 3, ambitie 4."
    )
    expect(indicator.get_by_role("link", name="Stap 2: Thema's (compleet)")).to_be_visible()

    # Step 3: a yearly goal typed by keyboard, submitted with Enter.
    indicator.get_by_role("link", name=re.compile("Stap 3: Ambities & doelen")).click()
    page.get_by_role("link", name="Meetbare doelen bewerken").click()
    doel = page.get_by_role("group", name="Doel 1", exact=True)
    doel.get_by_label("Jaar").focus()
    page.keyboard.type("2027")
    page.keyboard.press("Tab")
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De meetbare doelen zijn opgeslagen.")
    expect(page.get_by_role("rowheader", name="2027")).to_be_visible()
    expect(
        indicator.get_by_role("link", name="Stap 3: Ambities & doelen (compleet)")
    ).to_be_visible()
    axe_check(page)
