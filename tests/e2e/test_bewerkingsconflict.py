"""Two team members edit the agreed summary of the nulmeting at the same time, in two
browsers: the second sees what the first saved beside what they typed, keeps it, and can
save deliberately. The conflict page passes axe."""

from playwright.sync_api import expect

from actieplan.models import ActieplanThema
from tests.e2e.conftest import inloggen_op


def test_the_second_save_shows_the_conflict_and_keeps_the_input(
    browser, live_server, demo_data, axe_check, screenshot
):
    def inloggen(gebruikersnaam):
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        return inloggen_op(context.new_page(), live_server.url, gebruikersnaam)

    carla, mo = inloggen("coordinator"), inloggen("mvoiteam")
    for pagina in (carla, mo):
        pagina.get_by_role("main").get_by_role("link", name="Actieplan MVOI", exact=True).click()
        pagina.get_by_role("link", name="Stap 1: Nulmeting").click()
        pagina.get_by_role(
            "link", name="Antwoorden vergelijken en niveau vaststellen voor Klimaat"
        ).click()

    samenvatting = "Samenvatting van de nulmeting voor dit thema"
    carla.get_by_label(samenvatting).fill("Carla: CO₂-prestatieladder in 3 van 10 trajecten.")
    carla.get_by_role("button", name="Niveau en samenvatting opslaan").click()
    expect(carla.get_by_role("status")).to_contain_text("is opgeslagen")

    mo.get_by_label(samenvatting).fill("Mo: klimaat staat in het inkoopbeleid.")
    mo.get_by_role("button", name="Niveau en samenvatting opslaan").click()
    conflict = mo.locator("#bewerkingsconflict")
    expect(conflict).to_contain_text("Iemand anders heeft dit intussen opgeslagen")
    expect(conflict).to_contain_text("Carla: CO₂-prestatieladder in 3 van 10 trajecten.")
    expect(mo.get_by_label(samenvatting)).to_have_value("Mo: klimaat staat in het inkoopbeleid.")
    axe_check(mo)
    screenshot(mo, "bewerkingsconflict")
    rij = ActieplanThema.objects.get(
        thema__slug="klimaat", actieplan__organisatie__naam="Gemeente Voorbeeld"
    )
    assert rij.nulmeting_samenvatting.startswith("Carla")

    mo.get_by_role("button", name="Niveau en samenvatting opslaan").click()
    expect(mo.get_by_role("status")).to_contain_text("is opgeslagen")
    rij.refresh_from_db()
    assert rij.nulmeting_samenvatting == "Mo: klimaat staat in het inkoopbeleid."
