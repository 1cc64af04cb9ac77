"""A new plan period from the last one, in Chromium (issue 22, part 5): the coördinator on
a phone starts 2028–2031 from the demo plan, sees what is taken over first, and confirms;
the beheerder sets how the organisation shows in its plan, with a logo. axe on every page,
no sideways scrolling at 390 px."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from actieplan.models import Actieplan
from organisaties.models import Organisatie


def test_coordinator_starts_the_next_period_from_the_last(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("coordinator")
    page.get_by_role("link", name="Nieuw actieplan").click()
    expect(page.get_by_label("Startjaar")).to_have_value("2028")
    expect(page.get_by_label("Beginnen vanuit")).to_contain_text("Actieplan MVOI (2024–2027)")
    page.get_by_label("Wat we al doen (stap 5)").uncheck()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Controleer wat u overneemt")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Aanbestedingen die nog niet gestart zijn"))
    ).to_be_visible()
    expect(page.get_by_text("Wat we al doen (stap 5)")).to_have_count(0)
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "nieuw-plan-voorbeeld")
    assert Actieplan.objects.count() == 1
    page.get_by_role("button", name="Ja, actieplan aanmaken").click()
    expect(page.get_by_role("status")).to_contain_text("met wat u overnam uit Actieplan MVOI")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2028–2031")
    expect(page.get_by_role("link", name="Actieplan MVOI (2024–2027)")).to_be_visible()
    axe_check(page)


def test_beheerder_sets_the_organisation_as_printed(
    page, live_server, demo_data, inloggen, axe_check, tmp_path
):
    logo = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (29, 92, 140)).save(buffer, format="PNG")
    logo.write_bytes(buffer.getvalue())
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("beheerder")
    page.get_by_role("link", name="Organisatie", exact=True).click()
    page.get_by_label("Naam zoals gedrukt").fill("gemeente Voorbeeld")
    page.get_by_label("Huiskleur").fill("#ffd700")
    page.get_by_label("Logo").set_input_files(str(logo))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("niet goed leesbaar")
    axe_check(page)
    page.get_by_label("Huiskleur").fill("#1d5c8c")
    page.get_by_label("Logo").set_input_files(str(logo))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("zijn opgeslagen")
    expect(page.get_by_role("img", name=re.compile("Logo van Gemeente Voorbeeld"))).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    voorbeeld = Organisatie.objects.get(naam="Gemeente Voorbeeld")
    assert voorbeeld.gedrukte_naam == "gemeente Voorbeeld" and voorbeeld.huiskleur == "#1d5c8c"
