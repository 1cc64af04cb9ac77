"""The tender form shows a theme's details only once the theme is applicable, so a tender
with one theme stays short; the details open by ticking "Toepasbaar"."""

from playwright.sync_api import expect


def test_a_theme_opens_its_details_once_it_is_applicable(
    page, live_server, demo_data, inloggen, axe_check
):
    inloggen("inkoopadviseur")
    page.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
    plan_url = page.url
    page.goto(plan_url.rstrip("/") + "/kalender/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbesteding toevoegen")
    for thema in ("klimaat", "milieu", "circulair"):
        expect(page.locator(f"#id_{thema}-uitleg")).to_be_hidden()
    hoogte_dicht = page.evaluate("document.documentElement.scrollHeight")

    page.locator("#id_klimaat-toepasbaar").check()
    expect(page.locator("#id_klimaat-uitleg")).to_be_visible()
    expect(page.locator("#id_milieu-uitleg")).to_be_hidden()
    hoogte_een_thema = page.evaluate("document.documentElement.scrollHeight")
    print(f"form height: closed {hoogte_dicht}px, one theme {hoogte_een_thema}px")
    assert hoogte_een_thema < 2 * hoogte_dicht
    assert hoogte_een_thema < 2700  # 2,409 px measured; was 5,251 px with every block open
    axe_check(page)

    page.locator("#id_klimaat-toepasbaar").uncheck()
    expect(page.locator("#id_klimaat-uitleg")).to_be_hidden()
