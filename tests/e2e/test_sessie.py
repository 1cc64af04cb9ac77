"""No typed work is lost, in Chromium (issue 22, part 4): during a long quarterly meeting
the MVOI team member is warned before the idle session ends (announced, the focus stays in
the notes), keeps it with the button; when it does end, saving leads to the login, and
after logging in the notes are back in the form, not yet saved, until "Opslaan". At 390 px,
axe on every page."""

import re

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from aanbestedingskalender.models import Kwartaaloverleg
from actieplan.models import Actieplan
from tests.e2e.conftest import code_van_app

NOTITIES = "Catering: Ketenverantwoordelijkheid alsnog uitvragen.\nIlse belt de leverancier."


def test_a_long_meeting_loses_no_notes(page, live_server, demo_data, inloggen, axe_check, settings):
    settings.SESSION_IDLE_TIMEOUT = 40  # the warning comes 20 s before the end
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("mvoiteam")
    url = f"{live_server.url}/plannen/{plan.pk}/kalender/kwartaal/2026/3/"
    page.goto(url)
    notities = page.get_by_label("Notities")
    notities.fill(NOTITIES)

    waarschuwing = page.locator("#sessie-waarschuwing")
    expect(waarschuwing).to_have_attribute("aria-live", "polite")
    expect(waarschuwing).to_contain_text("wordt u uitgelogd", timeout=30_000)
    # Announced, not grabbing: the cursor is still in the notes.
    assert page.evaluate("document.activeElement.name") == "notities"
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    waarschuwing.get_by_role("button", name="Ingelogd blijven").click()
    expect(waarschuwing).to_contain_text("U blijft ingelogd.")

    # The session ends anyway (the meeting ran on): as if 40 idle seconds went by.
    sleutel = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    sessie = SessionStore(session_key=sleutel)
    sessie["_laatste_activiteit"] -= 3600
    sessie.save()
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/inloggen/\?next="))
    assert not Kwartaaloverleg.objects.filter(actieplan=plan, jaar=2026, kwartaal=3).exists()
    page.get_by_label("Gebruikersnaam").fill("mvoiteam")
    page.get_by_label("Wachtwoord").fill("mvoi-demo-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/inloggen/code/" in page.url:
        page.get_by_label("Code").fill(code_van_app("mvoiteam"))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    # Back at the meeting, the notes in the form, said plainly, nothing saved yet.
    expect(page).to_have_url(url)
    expect(page.get_by_text("Nog niet opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Notities")).to_have_value(NOTITIES)
    assert not Kwartaaloverleg.objects.filter(actieplan=plan, jaar=2026, kwartaal=3).exists()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="is opgeslagen")).to_be_visible()
    assert (
        Kwartaaloverleg.objects.get(actieplan=plan, jaar=2026, kwartaal=3).notities.replace(
            "\r\n", "\n"
        )
        == NOTITIES
    )
