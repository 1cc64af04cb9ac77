"""Errors users can act on, in the browser: the summary at the top takes the focus, its
link moves the focus to the invalid field, which is marked; the input stays."""

from playwright.sync_api import expect


def test_the_error_summary_takes_the_focus_and_leads_to_the_field(
    page, live_server, demo_data, inloggen, axe_check, screenshot
):
    inloggen("inkoopadviseur")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    page.get_by_role("link", name="Stap 4: Aanbestedingskalender").click()
    page.get_by_role("link", name="Naar de kalender").click()
    page.get_by_role("link", name="Aanbesteding toevoegen").click()

    page.get_by_label("Kenmerk").fill("2025-99")
    page.get_by_label("Naam", exact=True).fill("Catering stadhuis")
    page.get_by_label("Procedure").select_option(label="Nationaal openbaar")
    page.get_by_label("Soort opdracht").select_option(label="Diensten")
    page.get_by_label("Startjaar").fill("2025")
    page.get_by_label("Startkwartaal").select_option(label="K3")
    page.get_by_label("Status").select_option(label="Gepubliceerd")
    page.get_by_label("Geraamde waarde").fill("€ 1.250.000,50")
    page.locator("#id_milieu-toepasbaar").check()
    page.get_by_role("button", name="Aanbesteding opslaan").click()

    samenvatting = page.locator(".mvoi-foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Leg uit waarom Milieu niet is toegepast")
    axe_check(page)
    screenshot(page, "foutoverzicht")

    samenvatting.get_by_role("link", name="Milieu: Uitleg als het niet is toegepast").click()
    uitleg = page.locator("#id_milieu-uitleg")
    expect(uitleg).to_be_focused()
    expect(uitleg).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Geraamde waarde")).to_have_value("€ 1.250.000,50")

    page.keyboard.type("Geen geschikte milieucriteria voor deze catering.")
    page.get_by_role("button", name="Aanbesteding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Catering stadhuis is opgeslagen")
    expect(page.get_by_role("row", name="Catering stadhuis")).to_contain_text("€ 1.250.000,50")


def test_the_postpone_form_is_not_red_before_anything_is_typed(
    page, live_server, demo_data, inloggen
):
    from aanbestedingskalender.models import Aanbesteding

    aanbesteding = Aanbesteding.objects.order_by("pk").first()
    inloggen("inkoopadviseur")
    page.goto(
        f"{live_server.url}/plannen/{aanbesteding.actieplan_id}/kalender/{aanbesteding.pk}/uitstellen/"
    )
    rand = "el => getComputedStyle(el).borderTopColor"
    reden, jaar = page.locator("#id_reden"), page.locator("#id_naar_jaar")
    assert reden.evaluate(rand) == jaar.evaluate(rand)  # like every untouched field

    page.get_by_role("button", name="Uitstellen").click()  # without a reason
    reden = page.locator("#id_reden")
    expect(reden).to_have_attribute("aria-invalid", "true")
    assert reden.evaluate(rand) != page.locator("#id_naar_jaar").evaluate(rand)
