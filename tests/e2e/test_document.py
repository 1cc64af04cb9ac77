"""The plan document in the browser (issue 23): the coördinator rewrites how a step was
done, with the keyboard, and finds it in the document; the preview has the cover in the
house colour and the management summary."""

import re

from playwright.sync_api import expect

from actieplan.models import Actieplan
from plandocument.models import Toelichting


def test_the_coordinator_rewrites_a_steps_explanation(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("coordinator")
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    page.goto(f"{live_server.url}/plannen/{plan.pk}/")
    page.get_by_role("link", name="Teksten in het document aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksten in het document")
    veld = page.get_by_label("Stap 1. Nulmeting: hoe is de nulmeting uitgevoerd?")
    # The default is filled in from the advisors' answers.
    expect(veld).to_have_value(re.compile(r"\d+ interviews en \d+ werksessies"))
    axe_check(page)
    screenshot(page, "document-teksten")
    veld.fill("We spraken twaalf collega's en hielden één werksessie met het MVOI-team.")
    veld.press("Tab")
    page.get_by_role("button", name="Teksten opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("1 tekst is eigen aan dit plan")
    assert Toelichting.objects.filter(actieplan=plan, sleutel="nulmeting").exists()

    page.goto(f"{live_server.url}/plannen/{plan.pk}/document/")
    expect(page.get_by_role("heading", name="Samenvatting voor het management")).to_be_visible()
    expect(page.get_by_text("We spraken twaalf collega's")).to_be_visible()
    axe_check(page)
    screenshot(page, "document-voorbeeld")
