"""The quarterly meeting links to its tenders and to the earlier meetings; the .xlsx
export has an autofilter and columns wide enough for their contents."""

import io

from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from aanbestedingskalender import services
from basis.kwartalen import Kwartaal
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
    inhoud = client_als("management").get(url("export", actieplan) + "?formaat=xlsx").getvalue()
    blad = load_workbook(io.BytesIO(inhoud)).active
    assert blad.auto_filter.ref == blad.dimensions
    assert blad.freeze_panes == "C2"
    assert blad.column_dimensions["B"].width >= len("Schoonmaak van alle gemeentelijke gebouwen")


def rijen(pagina) -> list[str]:
    soup = BeautifulSoup(pagina.text, "html.parser")
    return [th.find("a").get_text() for th in soup.select("#tabel-kalender ~ tbody th[scope=row]")]


def test_the_calendar_searches_by_name_or_kenmerk(client_als, actieplan, maak_aanbesteding):
    maak_aanbesteding("SCH-1", naam="Schoonmaak stadhuis")
    maak_aanbesteding("ICT-7", naam="Laptops")
    maak_aanbesteding("X-9", naam="Catering")
    client = client_als("inkoopadviseur")
    assert rijen(client.get(url("kalender", actieplan) + "?jaar=2025&zoek=schoon")) == [
        "Schoonmaak stadhuis"
    ]
    assert rijen(client.get(url("kalender", actieplan) + "?jaar=2025&zoek=ict-7")) == ["Laptops"]


def test_the_calendar_sorts_by_a_column_both_ways(client_als, actieplan, maak_aanbesteding):
    from decimal import Decimal

    maak_aanbesteding("A-1", naam="Bruggen", geraamde_waarde=Decimal("500000"))
    maak_aanbesteding("A-2", naam="Auto's", geraamde_waarde=Decimal("2000000"))
    maak_aanbesteding("A-3", naam="Catering", geraamde_waarde=None)
    client = client_als("inkoopadviseur")
    pagina = client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=naam")
    assert rijen(pagina) == ["Auto's", "Bruggen", "Catering"]
    kop = BeautifulSoup(pagina.text, "html.parser").find("th", attrs={"aria-sort": True})
    assert kop["aria-sort"] == "ascending" and "sorteer=-naam" in kop.a["href"]
    assert "jaar=2025" in kop.a["href"]  # the other filters stay in the link
    pagina = client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=-waarde")
    assert rijen(pagina) == ["Auto's", "Bruggen", "Catering"]  # no value last
    pagina = client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=waarde")
    assert rijen(pagina) == ["Bruggen", "Auto's", "Catering"]


def test_the_calendar_shows_fifty_rows_a_page_and_keeps_the_filters(
    client_als, actieplan, maak_aanbesteding
):
    for nummer in range(120):
        maak_aanbesteding(f"P-{nummer:03d}", naam=f"Perceel {nummer:03d}")
    client = client_als("inkoopadviseur")
    eerste = client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=naam")
    assert len(rijen(eerste)) == 50
    assert "120 aanbestedingen met start in 2025 (pagina 1 van 3)" in eerste.text
    navigatie = BeautifulSoup(eerste.text, "html.parser").find(
        "nav", attrs={"aria-label": "Pagina’s van de kalender"}
    )
    volgende = navigatie.find("a", rel="next")["href"]
    assert "jaar=2025" in volgende and "sorteer=naam" in volgende and "pagina=2" in volgende
    derde = client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=naam&pagina=3")
    assert rijen(derde)[0] == "Perceel 100" and len(rijen(derde)) == 20


def test_the_calendar_shows_the_whole_plan_period(client_als, actieplan, maak_aanbesteding):
    from decimal import Decimal

    maak_aanbesteding(
        "A-1", naam="Bruggen", startjaar=2025, startkwartaal=2, geraamde_waarde=Decimal("100000")
    )
    maak_aanbesteding(
        "A-2", naam="Catering", startjaar=2026, startkwartaal=1, geraamde_waarde=Decimal("50000")
    )
    pagina = client_als("management").get(url("kalender", actieplan) + "?jaar=")
    soup = BeautifulSoup(pagina.text, "html.parser")
    koppen = [th.get_text(" ", strip=True) for th in soup.select("#tabel-kalender ~ thead th")]
    # The same columns as a year (value and themes stay); the start says its year.
    assert [k.split(" (")[0] for k in koppen] == [
        "Aanbesteding",
        "Start",
        "Eigenaar",
        "Geraamde waarde",
        "Toepasbare thema's",
        "Status",
    ]
    for rij in soup.select("#tabel-kalender ~ tbody tr"):
        naam = rij.th.get_text(" ", strip=True).split()[0]
        start = rij.select_one("td.mvoi-start").get_text(" ", strip=True)
        assert start == {"Bruggen": "K2 2025", "Catering": "K1 2026"}[naam]
    assert "2 aanbestedingen met start in 2024–2027" in pagina.text
    per_kwartaal = soup.find("caption", string="Geraamde waarde per kwartaal in 2024–2027")
    rijen = [
        r.get_text(" ", strip=True) for r in per_kwartaal.find_parent("table").select("tbody tr")
    ]
    assert len(rijen) == 16 and rijen[0] == "K1 2024 –"
    assert rijen[5] == "K2 2025 €\u00a0100.000" and rijen[8] == "K1 2026 €\u00a050.000"
    assert "€\u00a0150.000" in soup.select_one("tfoot").get_text()


def test_every_sort_link_sorts_both_ways_and_keeps_the_year(
    client_als, actieplan, maak_aanbesteding, adviseur
):
    """Each column header toggles between its two orders; the second click is a valid
    order too (it used to drop every filter), and the first click from the default page
    keeps the year shown."""
    maak_aanbesteding("A-1", naam="Bruggen", status="gepland")
    maak_aanbesteding("A-2", naam="Auto's", status="gegund")
    client = client_als("inkoopadviseur")
    for kolom in ("naam", "eigenaar", "waarde", "status"):
        pagina = client.get(url("kalender", actieplan) + f"?jaar=2025&sorteer={kolom}")
        kop = BeautifulSoup(pagina.text, "html.parser").find("th", attrs={"aria-sort": True})
        tweede = kop.a["href"]
        assert "jaar=2025" in tweede
        antwoord = client.get(url("kalender", actieplan) + tweede)
        kop = BeautifulSoup(antwoord.text, "html.parser").find("th", attrs={"aria-sort": True})
        assert kop is not None and kop["aria-sort"] == "descending", kolom
    assert rijen(client.get(url("kalender", actieplan) + "?jaar=2025&sorteer=-status")) == [
        "Bruggen",
        "Auto's",
    ]
    # From the calendar as it opens (the plan's current year), sorting keeps that year.
    standaard = client.get(url("kalender", actieplan))
    link = BeautifulSoup(standaard.text, "html.parser").find("a", class_="mvoi-sorteer")["href"]
    assert f"jaar={actieplan.lopend_jaar}" in link


def test_the_quarterly_meeting_links_stay_within_the_plan_period(client_als, actieplan):
    client = client_als("mvoi_teamlid")
    eerste = client.get(url("kwartaal", actieplan, actieplan.startjaar, 1)).text
    assert f"K4 {actieplan.startjaar - 1}" not in eerste
    assert f"K2 {actieplan.startjaar}" in eerste
    laatste = client.get(url("kwartaal", actieplan, actieplan.eindjaar, 4)).text
    assert f"K1 {actieplan.eindjaar + 1}" not in laatste
    assert f"K3 {actieplan.eindjaar}" in laatste


def test_many_pages_show_the_first_the_last_and_those_around_the_current(
    client_als, actieplan, maak_aanbesteding, monkeypatch
):
    from basis import paginering

    monkeypatch.setattr(paginering, "PER_PAGINA", 2)  # 40 tenders: twenty pages
    for nummer in range(40):
        maak_aanbesteding(f"P-{nummer:03d}", naam=f"Perceel {nummer:03d}")
    pagina = client_als("inkoopadviseur").get(url("kalender", actieplan) + "?jaar=2025&pagina=10")
    navigatie = BeautifulSoup(pagina.text, "html.parser").find(
        "nav", attrs={"aria-label": "Pagina’s van de kalender"}
    )
    nummers = [
        " ".join(el.get_text(" ", strip=True).split()).replace("Pagina ", "")
        for el in navigatie.select(".utrecht-pagination__page-link")
    ]
    assert nummers == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]
    assert navigatie.find(attrs={"aria-current": "page"}).get_text(strip=True).endswith("10")


def test_the_quarterly_meeting_pages_the_tenders_that_start(
    client_als, actieplan, maak_aanbesteding, monkeypatch
):
    from basis import paginering

    monkeypatch.setattr(paginering, "PER_PAGINA", 2)
    for nummer in range(5):
        maak_aanbesteding(f"K-{nummer}", naam=f"Start {nummer}", startkwartaal=2)
    maak_aanbesteding("K-9", naam="Later", startkwartaal=3)
    client = client_als("inkoopadviseur")
    adres = reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, 2025, 2])
    eerste = BeautifulSoup(client.get(adres).text, "html.parser")
    kop = eerste.find(id="startend")
    assert " ".join(kop.get_text().split()) == "Start in K2 2025 (5) – pagina 1 van 3"
    assert [a.get_text() for a in kop.find_next("ul").select("strong a")] == ["Start 0", "Start 1"]
    navigatie = eerste.find(
        "nav", attrs={"aria-label": "Pagina’s van de aanbestedingen die dit kwartaal starten"}
    )
    assert navigatie.find("a", rel="next")["href"] == "?pagina=2#startend"
    derde = BeautifulSoup(client.get(adres + "?pagina=3").text, "html.parser")
    assert [a.get_text() for a in derde.find(id="startend").find_next("ul").select("strong a")] == [
        "Start 4"
    ]


def test_a_finished_plan_opens_on_its_last_year_with_tenders_and_says_so(
    client_als, actieplan, maak_aanbesteding
):
    """Issue 25: after the period the yearly pages opened on the current plan year, an
    empty last year, without saying so."""
    actieplan.startjaar, actieplan.eindjaar = 2020, 2023
    actieplan.save()
    maak_aanbesteding("A-1", naam="Bruggen", startjaar=2021, startkwartaal=2)
    maak_aanbesteding("A-2", naam="Catering", startjaar=2022, startkwartaal=1)
    client = client_als("management")
    pagina = client.get(url("kalender", actieplan)).text
    assert "1 aanbesteding met start in 2022" in pagina
    assert "De planperiode 2020–2023 is voorbij. U ziet 2022" in pagina
    # Another year chosen: no note; step 6 names the year it shows.
    assert "is voorbij" not in client.get(url("kalender", actieplan) + "?jaar=2021").text
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "jaarplanning"])).text
    assert "De planperiode 2020–2023 is voorbij. U ziet 2023." in stap  # no actions at all
    from jaarplanning.models import Actie, Actorgroep

    Actie.objects.create(
        actieplan=actieplan,
        actorgroep=Actorgroep.objects.create(
            organisatie=actieplan.organisatie, naam="Marktpartijen"
        ),
        jaar=2021,
        titel="Marktdag",
        startjaar=2021,
        startkwartaal=2,
        eindjaar=2021,
        eindkwartaal=2,
    )
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "jaarplanning"])).text
    assert "De planperiode 2020–2023 is voorbij. U ziet 2021." in stap
    assert "Marktdag" in stap
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"])).text
    assert "De planperiode 2020–2023 is voorbij. U ziet 2022." in stap
