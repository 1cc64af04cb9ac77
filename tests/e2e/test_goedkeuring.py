"""Approval in Chromium: the coördinator submits the plan; while it is under review the
strategy (steps 1–3) waits, read-only with the reason, and an advisor on a phone goes on
with the calendar; management approves it, the background worker freezes what was
submitted while the page refreshes itself, and management downloads the same PDF twice.
axe on every page."""

import io
import re

import pypdf
from django.core.management import call_command
from playwright.sync_api import expect


def pdf_tekst(inhoud: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join(p.extract_text() for p in lezer.pages).split())


def test_coordinator_submits_management_approves_and_downloads(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("coordinator")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 3: Ambities")).first.click()
    expect(page.get_by_role("link", name="Meetbare doelen bewerken")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Actieplan MVOI 2024")).first.click()
    expect(page.get_by_text("Nog geen versie van dit plan is door het management")).to_be_visible()
    page.get_by_role("link", name="Ter goedkeuring aanbieden").click()
    expect(
        page.get_by_text("Er is nog geen vastgestelde (goedgekeurde) versie om mee te vergelijken.")
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("Toelichting voor het management").fill(
        "Het plan voor 2026, graag uw besluit."
    )
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    expect(page.get_by_role("status")).to_contain_text("Versie 1 ligt ter goedkeuring")
    wacht = re.compile("Tot het besluit wachten stap 1 tot en met 3 en de titel")
    expect(page.get_by_text(wacht)).to_be_visible()
    axe_check(page)
    screenshot(page, "goedkeuring-ingediend")
    # The strategy offers no changes while the plan is under review; its edit page shows
    # the step read-only, with the reason.
    page.get_by_role("link", name=re.compile("Stap 3: Ambities")).first.click()
    expect(page.get_by_role("link", name="Meetbare doelen bewerken")).to_have_count(0)
    expect(page.get_by_text(wacht)).to_be_visible()
    page.goto(page.url.replace("stappen/ambities-doelen/", "doelen/meetbaar/"))
    expect(page.get_by_role("status")).to_contain_text("Deze pagina is nu alleen te lezen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ambities")
    axe_check(page)
    page.get_by_role("button", name="Uitloggen").click()

    # An advisor on a phone goes on with the calendar meanwhile.
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("inkoopadviseur")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name=re.compile("Stap 4: Aanbestedingskalender")).click()
    page.get_by_role("link", name=re.compile("^Naar de kalender")).click()
    page.get_by_label("Jaar").select_option("2026")
    page.get_by_role("button", name="Filteren").click()
    # The calendar's first tender: a table row on a wide screen, a card on a phone.
    page.locator(".mvoi-kalender tbody, .mvoi-kalender-kaarten").get_by_role("link").filter(
        visible=True
    ).first.click()
    page.get_by_label("Naam", exact=True).fill("Beoordelingsproef")
    page.get_by_role("button", name="Aanbesteding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    expect(page.get_by_role("link", name="Beoordelingsproef")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.set_viewport_size({"width": 1280, "height": 800})

    inloggen("management")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name="Naar versie 1").click()
    expect(page.get_by_text("Het plan voor 2026, graag uw besluit.")).to_be_visible()

    # Management first reads the concept as a PDF: made in the background too.
    page.get_by_role("button", name="PDF maken (intern)").click()
    expect(page.get_by_text("Wacht op verwerking: de PDF wordt zo gemaakt")).to_be_visible()
    axe_check(page)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    concept = page.get_by_role("link", name="PDF downloaden (intern)")
    expect(concept).to_be_visible(timeout=15_000)
    with page.expect_download() as download:
        concept.click()
    assert "Niet vastgesteld: dit is een concept." in pdf_tekst(download.value.path().read_bytes())
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versie 1")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies of u het plan goedkeurt of afwijst.")
    axe_check(page)
    page.get_by_role("radio", name=re.compile("^Goedkeuren:")).check()
    page.get_by_label("Opmerking (verplicht bij afwijzen)").fill(
        "Akkoord; ter kennisname naar de raad."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text(re.compile("Wacht op verwerking|worden nu gemaakt"))).to_be_visible()
    axe_check(page)

    # The worker picks up the task; the page refreshes itself until the PDFs are there.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    downloaden = page.get_by_role("link", name="PDF van versie 1 (intern)")
    expect(downloaden).to_be_visible(timeout=15_000)
    expect(page.get_by_text("is goedgekeurd en wordt vastgelegd")).to_have_count(0)
    axe_check(page)
    screenshot(page, "goedkeuring-vastgelegd")

    inhoud = []
    for _ in range(2):
        with page.expect_download() as download:
            downloaden.click()
        inhoud.append(download.value.path().read_bytes())
    assert inhoud[0] == inhoud[1]
    tekst = pdf_tekst(inhoud[0])
    assert "Vastgesteld door het management" in tekst
    assert "Goedgekeurd door Mark Management" in tekst
    assert "Akkoord; ter kennisname naar de raad." in tekst
    # What was submitted, not the advisor's change during the review.
    assert "Beoordelingsproef" not in tekst

    page.get_by_role("link", name="Alle versies").click()
    expect(page.get_by_role("cell", name="Goedgekeurd")).to_be_visible()
    axe_check(page)

    # Management reads a tender read-only from the calendar (no edit rights, no form).
    page.get_by_role("link", name=re.compile("^Actieplan MVOI 2024")).first.click()
    page.get_by_role("link", name=re.compile("Stap 4: Aanbestedingskalender")).click()
    page.get_by_role("link", name=re.compile("^Naar de kalender")).click()
    # The calendar's first tender: a table row on a wide screen, a card on a phone.
    page.locator(".mvoi-kalender tbody, .mvoi-kalender-kaarten").get_by_role("link").filter(
        visible=True
    ).first.click()
    expect(page.get_by_role("heading", name="Thema's")).to_be_visible()
    expect(page.get_by_role("main").locator("form")).to_have_count(0)
    axe_check(page)
