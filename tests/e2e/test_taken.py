"""Everyone is told what is theirs to do, in Chromium (issue 22, part 3): the coördinator
submits, management finds the version under "Mijn taken" on a phone and opens it, then
turns off the daily reminder on the e-mail settings page; after the rejection the
coördinator finds it, and the decision to apply. axe on every page, no sideways scrolling
at 390 px."""

import re

from playwright.sync_api import expect

from actieplan.models import Actieplan
from meldingen.models import Bericht, Soort, Uitgezet
from organisaties.models import User
from plandocument import goedkeuring


def test_management_finds_the_version_to_decide_and_sets_its_e_mail(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    goedkeuring.indienen(
        actieplan=plan, door=User.objects.get(username="coordinator"), toelichting="Graag."
    )
    manager = User.objects.get(username="management")
    assert Bericht.objects.filter(ontvanger=manager, soort=Soort.TER_GOEDKEURING).exists()

    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("management")
    taken = page.get_by_role("region", name=re.compile("Mijn taken"))
    taak = taken.get_by_role(
        "link", name=re.compile("Versie 1 van Actieplan MVOI wacht op uw besluit")
    )
    expect(taak).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "mijn-taken")
    taak.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versie 1")
    axe_check(page)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="E-mail over mijn taken instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail over mijn taken")
    herinnering = page.get_by_label("Eén keer per dag een herinnering aan mijn open taken")
    expect(herinnering).to_be_checked()
    herinnering.uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Uw instellingen voor e-mail zijn opgeslagen."
    )
    expect(
        page.get_by_label("Eén keer per dag een herinnering aan mijn open taken")
    ).not_to_be_checked()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert list(Uitgezet.objects.filter(user=manager).values_list("soort", flat=True)) == [
        Soort.HERINNERING
    ]

    # Management sends it back; the coördinator is told, and (the strategy open again)
    # sees the decision of the evaluation still to apply.
    goedkeuring.afwijzen(
        versie=plan.versies.get(), door=manager, opmerking="Maak de doelen voor 2027 scherper."
    )
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    inloggen("coordinator")
    taken = page.get_by_role("region", name=re.compile("Mijn taken"))
    expect(
        taken.get_by_role("link", name=re.compile("Versie 1 van Actieplan MVOI is afgewezen"))
    ).to_contain_text("Maak de doelen voor 2027 scherper.")
    expect(
        taken.get_by_role("link", name=re.compile("Pas het besluit uit de evaluatie 2025 toe"))
    ).to_be_visible()
    axe_check(page)
