"""The quarterly meeting links to its tenders and to the earlier meetings; the .xlsx
export has an autofilter and columns wide enough for their contents."""

import io

from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from aanbestedingskalender import services
from mvoi.kwartalen import Kwartaal
from tests.aanbestedingskalender.test_views import url


def test_the_quarterly_meeting_links_tenders_and_earlier_meetings(
    client_als, actieplan, maak_aanbesteding
):
    aanbesteding = maak_aanbesteding("A-1", naam="Schoonmaak", startjaar=2025, startkwartaal=2)
    for kwartaal in (Kwartaal(2025, 1), Kwartaal(2024, 4)):
        services.kwartaaloverleg_opslaan(actieplan=actieplan, kwartaal=kwartaal, notities="x")
    pagina = client_als("mvoi_teamlid", "inkoopadviseur").get(url("kwartaal", actieplan, 2025, 2))
    soup = BeautifulSoup(pagina.text, "html.parser")
    assert soup.find("a", string="Schoonmaak")["href"] == url(
        "aanbesteding_wijzigen", actieplan, aanbesteding.pk
    )
    eerder = soup.find("h2", string="Eerdere overleggen").find_next("ul")
    assert [a.get_text() for a in eerder.select("a")] == [
        "Kwartaaloverleg K1 2025",
        "Kwartaaloverleg K4 2024",
    ]
    assert eerder.select("a")[1]["href"] == reverse(
        "aanbestedingskalender:kwartaal", args=[actieplan.pk, 2024, 4]
    )


def test_the_xlsx_export_has_an_autofilter_and_fitting_columns(
    client_als, actieplan, maak_aanbesteding
):
    maak_aanbesteding("A-1", naam="Schoonmaak van alle gemeentelijke gebouwen en scholen")
    inhoud = client_als("management").get(url("export", actieplan) + "?formaat=xlsx").content
    blad = load_workbook(io.BytesIO(inhoud)).active
    assert blad.auto_filter.ref == blad.dimensions
    assert blad.freeze_panes == "C2"
    assert blad.column_dimensions["B"].width >= len("Schoonmaak van alle gemeentelijke gebouwen")
