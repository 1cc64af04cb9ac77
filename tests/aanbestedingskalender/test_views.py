"""The calendar pages: roles, filters, forms posted as rendered, import steps, queries."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanbestedingskalender import bestanden
from aanbestedingskalender.models import Aanbesteding, Importbestand, Kwartaaloverleg
from tests.aanbestedingskalender.test_resources import KOPPEN, xlsx
from tests.organisaties.test_views import form_data
from themes.models import Productgroep


def url(naam, actieplan, *args):
    return reverse(f"aanbestedingskalender:{naam}", args=[actieplan.pk, *args])


def test_calendar_shows_an_x_in_the_start_quarter_and_the_themes(
    client_als, actieplan, maak_aanbesteding
):
    maak_aanbesteding(
        "A-1",
        naam="Schoonmaak",
        startkwartaal=3,
        toepassingen={
            "klimaat": {"toegepast": True, "vorm": "minimumeis"},
            "social-return": {"toegepast": False},
        },
    )
    response = client_als("management").get(url("kalender", actieplan) + "?jaar=2025")
    rij = next(
        tr
        for tr in BeautifulSoup(response.text, "html.parser").select("#tabel-kalender ~ tbody tr")
        if "Schoonmaak" in tr.text
    )
    cellen = [td.get_text(" ", strip=True) for td in rij.select("td")]
    assert cellen[0] == "K3"  # the start quarter (a marker of four, the third filled)
    assert len(rij.select(".mvoi-kwartaalbalk__vak")) == 4
    assert "mvoi-kwartaalbalk__vak--start" in rij.select(".mvoi-kwartaalbalk__vak")[2]["class"]
    assert "Klimaat ✓" in cellen[3] and "Social return" in cellen[3]


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("jaar=2025", {"A", "B", "C"}),
        ("jaar=2026", {"D"}),
        ("jaar=2025&status=gegund", {"B"}),
        ("jaar=2025&kansrijk=nee", {"C"}),
        ("jaar=2025&thema=", {"A", "B", "C"}),
    ],
)
def test_calendar_filters(client_als, actieplan, maak_aanbesteding, themas, query, verwacht):
    maak_aanbesteding("A", toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding("B", status="gegund")
    maak_aanbesteding("C", kansrijk=False)
    maak_aanbesteding("D", startjaar=2026)
    response = client_als("management").get(url("kalender", actieplan) + "?" + query)
    kenmerken = {
        tr.select_one(".mvoi-klein").text.split(" ")[0]
        for tr in BeautifulSoup(response.text, "html.parser").select(
            "#tabel-kalender ~ tbody tr th"
        )
    }
    assert kenmerken == {f"{k}" for k in verwacht}


def test_theme_filter(client_als, actieplan, maak_aanbesteding, themas):
    maak_aanbesteding("A", toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding("B")
    response = client_als("management").get(
        url("kalender", actieplan) + f"?jaar=2025&thema={themas['klimaat'].pk}"
    )
    assert "Aanbesteding A" in response.text and "Aanbesteding B" not in response.text


def test_calendar_keeps_a_constant_number_of_queries(
    client_als, actieplan, maak_aanbesteding, django_assert_max_num_queries
):
    client = client_als("inkoopadviseur")
    maak_aanbesteding("A-0", toepassingen={"klimaat": {"toegepast": False}})
    with django_assert_max_num_queries(40) as weinig:
        client.get(url("kalender", actieplan) + "?jaar=2025")
    for nummer in range(1, 60):
        maak_aanbesteding(
            f"A-{nummer}",
            startkwartaal=nummer % 4 + 1,
            toepassingen={
                "klimaat": {"toegepast": True, "vorm": "minimumeis"},
                "milieu": {"toegepast": False},
            },
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url("kalender", actieplan) + "?jaar=2025")
    assert "60 aanbestedingen met start in 2025" in response.text


def test_advisor_adds_a_tender_by_posting_the_rendered_form(client_als, actieplan, themas):
    client = client_als("inkoopadviseur")
    data = form_data(client.get(url("aanbesteding_nieuw", actieplan)).text)
    data.update(
        kenmerk=["2025-01"],
        naam=["Wagenpark"],
        procedure=["europees_openbaar"],
        soort=["leveringen"],
        startjaar=["2025"],
        startkwartaal=["2"],
        geraamde_waarde=["250000"],
    )
    data.update(
        {
            "klimaat-toepasbaar": ["on"],
            "klimaat-toegepast": ["on"],
            "klimaat-vorm": ["gunningscriterium"],
            "klimaat-criteria_niveau": ["ambitieus"],
            "circulair-toepasbaar": ["on"],
        }
    )
    response = client.post(url("aanbesteding_nieuw", actieplan), data)
    assert response.status_code == 302
    aanbesteding = Aanbesteding.objects.get(kenmerk="2025-01")
    assert sorted(
        (t.thema.slug, t.toegepast, t.vorm, t.criteria_niveau)
        for t in aanbesteding.toepassingen.all()
    ) == [("circulair", False, "", ""), ("klimaat", True, "gunningscriterium", "ambitieus")]


def test_published_tender_without_explanation_keeps_the_input(client_als, actieplan):
    client = client_als("mvoi_teamlid")
    data = form_data(client.get(url("aanbesteding_nieuw", actieplan)).text)
    data.update(
        kenmerk=["K-1"],
        naam=["Catering"],
        procedure=["nationaal_openbaar"],
        soort=["diensten"],
        startjaar=["2025"],
        startkwartaal=["1"],
        status=["gepubliceerd"],
    )
    data.update({"milieu-toepasbaar": ["on"]})
    response = client.post(url("aanbesteding_nieuw", actieplan), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    # One summary at the top, its line linked to Milieu's explanation field, which is marked.
    samenvatting = soup.select(".mvoi-foutoverzicht")
    assert len(samenvatting) == 1
    link = samenvatting[0].find("a", string="Milieu: Uitleg als het niet is toegepast")
    veld = soup.select_one(link["href"])
    assert veld["name"] == "milieu-uitleg" and veld["aria-invalid"] == "true"
    assert "milieu-uitleg_fouten" in veld["aria-describedby"]
    assert (
        "Leg uit waarom Milieu niet is toegepast"
        in soup.select_one("#id_milieu-uitleg_fouten").text
    )
    assert 'value="Catering"' in response.text
    assert not Aanbesteding.objects.exists()


def test_start_quarter_changes_only_by_postponing(client_als, actieplan, maak_aanbesteding):
    aanbesteding = maak_aanbesteding(startkwartaal=2)
    client = client_als("inkoopadviseur")
    wijzig = url("aanbesteding_wijzigen", actieplan, aanbesteding.pk)
    data = form_data(client.get(wijzig).text)
    data.update(startkwartaal=["4"], naam=["Nieuwe naam"])
    client.post(wijzig, data)
    aanbesteding.refresh_from_db()
    assert (aanbesteding.naam, aanbesteding.startkwartaal) == ("Nieuwe naam", 2)

    uitstel = url("aanbesteding_uitstellen", actieplan, aanbesteding.pk)
    data = form_data(client.get(uitstel).text)
    assert data["naar_kwartaal"] == ["3"]  # the next quarter is proposed
    data["reden"] = ["Aanbesteding later nodig"]
    client.post(uitstel, data)
    aanbesteding.refresh_from_db()
    assert aanbesteding.startkwartaal == 3
    assert "Van K2 2025 naar K3 2025" in client.get(wijzig).text


def test_postponing_to_an_earlier_quarter_says_why(client_als, actieplan, maak_aanbesteding):
    aanbesteding = maak_aanbesteding(startkwartaal=2)
    client = client_als("inkoopadviseur")
    uitstel = url("aanbesteding_uitstellen", actieplan, aanbesteding.pk)
    data = form_data(client.get(uitstel).text)
    data.update(naar_jaar=["2025"], naar_kwartaal=["1"], reden=["x"])
    response = client.post(uitstel, data)
    assert "Uitstellen kan alleen naar een later kwartaal dan K2 2025." in response.text


def test_delete_asks_first(client_als, actieplan, maak_aanbesteding):
    aanbesteding = maak_aanbesteding()
    client = client_als("inkoopadviseur")
    assert (
        "verwijderen?"
        in client.get(url("aanbesteding_verwijderen", actieplan, aanbesteding.pk)).text
    )
    assert Aanbesteding.objects.exists()
    client.post(url("aanbesteding_verwijderen", actieplan, aanbesteding.pk))
    assert not Aanbesteding.objects.exists()


@pytest.mark.parametrize("rol", ["management", "coordinator", "beheerder"])
def test_management_reads_but_does_not_edit_tenders(client_als, rol, actieplan, maak_aanbesteding):
    aanbesteding = maak_aanbesteding()
    client = client_als(rol)
    assert client.get(url("kalender", actieplan)).status_code == 200
    for naam, args in [
        ("aanbesteding_nieuw", ()),
        ("aanbesteding_wijzigen", (aanbesteding.pk,)),
        ("aanbesteding_uitstellen", (aanbesteding.pk,)),
        ("aanbesteding_verwijderen", (aanbesteding.pk,)),
        ("import", ()),
    ]:
        assert client.post(url(naam, actieplan, *args), {"naam": "x"}).status_code == 403
    assert Aanbesteding.objects.get().naam == "Aanbesteding A-1"


def test_quarterly_review_lists_starts_deviations_progress_and_saves_notes(
    client, lid, actieplan, maak_aanbesteding
):
    maak_aanbesteding(
        "A", naam="Start in K2", startkwartaal=2, toepassingen={"klimaat": {"toegepast": False}}
    )
    maak_aanbesteding("B", naam="Start in K3", startkwartaal=3)
    kwartaal_url = url("kwartaal", actieplan, 2025, 2)

    client.force_login(lid("inkoopadviseur"))
    page = client.get(kwartaal_url)
    assert "Start in K2" in page.text and "Start in K3" not in page.text.split("Afwijkingen")[0]
    assert "Uitleg ontbreekt" in page.text
    assert client.post(kwartaal_url, {"notities": "x"}).status_code == 403

    client.force_login(lid("mvoi_teamlid"))
    data = form_data(client.get(kwartaal_url).text)
    data.update(notities=["Klimaat bij A alsnog uitvragen."], besluiten=["Ilse past A aan."])
    client.post(kwartaal_url, data)
    overleg = Kwartaaloverleg.objects.get(actieplan=actieplan, jaar=2025, kwartaal=2)
    assert overleg.besluiten == "Ilse past A aan."
    assert "Klimaat bij A alsnog uitvragen." in client.get(kwartaal_url).text


def test_the_quarterly_meetings_deviations_come_50_a_page_beside_the_starts(client_als, actieplan):
    """Issue 26: a large organisation has thousands of deviations; the meeting shows them 50
    at a time, with their own page links that keep the page of the starting tenders."""
    from aanbestedingskalender.models import ThemaToepassing
    from tests.factories import veel_aanbestedingen
    from themes.models import Thema

    tenders = veel_aanbestedingen(
        actieplan, 120, startjaar=2025, startkwartaal=1, naam="Tender {i:03d}"
    )
    klimaat = Thema.objects.get(slug="klimaat")
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(aanbesteding=t, thema=klimaat, toegepast=False) for t in tenders
    )
    client = client_als("mvoi_teamlid")
    kwartaal_url = url("kwartaal", actieplan, 2025, 1)

    soep = BeautifulSoup(client.get(kwartaal_url + "?pagina=2").text, "html.parser")
    kop = soep.find(id="afwijkingen")
    assert " ".join(kop.text.split()) == "Afwijkingen om te bespreken (120) – pagina 1 van 3"
    rijen = soep.select("#tabel-kwartaal-1 ~ tbody tr")
    assert [r.th.text.strip() for r in rijen][:2] == ["Tender 000", "Tender 001"]
    assert len(rijen) == 50
    links = soep.find("nav", attrs={"aria-label": "Pagina’s van de afwijkingen"})
    volgende = links.find("a", rel="next")["href"]
    assert volgende == "?pagina=2&afwijkingen=2#afwijkingen"  # the starts stay on page 2

    soep = BeautifulSoup(client.get(kwartaal_url + volgende).text, "html.parser")
    rijen = soep.select("#tabel-kwartaal-1 ~ tbody tr")
    assert rijen[0].th.text.strip() == "Tender 050" and len(rijen) == 50
    assert "pagina 2 van 3" in soep.find(id="startend").text  # starts: 120 in K1 too
    soep = BeautifulSoup(client.get(kwartaal_url + "?afwijkingen=3").text, "html.parser")
    assert len(soep.select("#tabel-kwartaal-1 ~ tbody tr")) == 20


def test_export_downloads_xlsx_and_csv(client_als, actieplan, maak_aanbesteding):
    maak_aanbesteding()
    client = client_als("management")
    xlsx_antwoord = client.get(url("export", actieplan) + "?formaat=xlsx")
    assert xlsx_antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx_antwoord.streaming  # written as it is sent (issue 26)
    assert xlsx_antwoord.getvalue().startswith(b"PK")
    assert xlsx_antwoord["Content-Disposition"] == (
        'attachment; filename="aanbestedingskalender-2024-2027.xlsx"'
    )
    csv_antwoord = client.get(url("export", actieplan) + "?formaat=csv")
    assert "Aanbesteding A-1" in csv_antwoord.getvalue().decode("utf-8-sig")
    assert client.get(url("export", actieplan) + "?formaat=pdf").status_code == 404


def test_import_in_three_steps(client_als, actieplan):
    client = client_als("inkoopadviseur")
    bestand = SimpleUploadedFile(
        "kalender.xlsx",
        xlsx(
            [
                KOPPEN,
                [
                    "N-1",
                    "Nieuw",
                    "Europees openbaar",
                    "Diensten",
                    2025,
                    "K1",
                    "Gepland",
                    "ja",
                    "toepasbaar",
                ],
            ]
        ),
    )
    response = client.post(url("import", actieplan), {"bestand": bestand})
    voorbeeld = response.url
    assert not Aanbesteding.objects.exists()
    page = client.get(voorbeeld)
    assert "1 toe te voegen, 0 te wijzigen, 0 ongewijzigd." in page.text
    response = client.post(voorbeeld, follow=True)
    assert "Import klaar: 1 toegevoegd" in response.text
    assert Aanbesteding.objects.get().naam == "Nieuw"
    assert not Importbestand.objects.exists()


def test_the_confirm_imports_the_rows_the_preview_read_without_reading_the_file_again(
    client_als, actieplan, monkeypatch
):
    """The preview keeps the rows it read with the upload (issue 26: reading a 5,000-row
    .xlsx took 1.5 s of the confirm); the confirm checks and imports those same values."""
    client = client_als("inkoopadviseur")
    rij = ["N-1", "Nieuw", "Europees openbaar", "Diensten", 2025, "K1", "Gepland", "ja", ""]
    bestand = SimpleUploadedFile("kalender.xlsx", xlsx([KOPPEN, rij]))
    voorbeeld = client.post(url("import", actieplan), {"bestand": bestand}).url
    upload = Importbestand.objects.get()
    assert upload.gelezen["rijen"] == [[*rij[:-1], None]]  # an empty cell is read as None
    assert upload.gelezen["rijnummers"] == [2]

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("the confirm read the file again")

    monkeypatch.setattr(bestanden, "lezen", niet_opnieuw)
    response = client.post(voorbeeld, follow=True)
    assert "Import klaar: 1 toegevoegd" in response.text
    aanbesteding = Aanbesteding.objects.get()
    assert (aanbesteding.naam, aanbesteding.startjaar, aanbesteding.startkwartaal) == (
        "Nieuw",
        2025,
        1,
    )


def test_import_with_an_error_shows_it_and_offers_no_confirm(client_als, actieplan):
    client = client_als("inkoopadviseur")
    bestand = SimpleUploadedFile(
        "kalender.xlsx",
        xlsx(
            [
                KOPPEN,
                ["N-1", "Nieuw", "Europees openbaar", "Diensten", 2025, "K9", "Gepland", "ja", ""],
            ]
        ),
    )
    voorbeeld = client.post(url("import", actieplan), {"bestand": bestand}).url
    page = client.get(voorbeeld)
    rij = BeautifulSoup(page.text, "html.parser").select_one("tbody tr")
    assert [td.text for td in rij.select("td")][:2] == ["2", "Startkwartaal"]
    assert "Import bevestigen" not in page.text
    client.post(voorbeeld)
    assert not Aanbesteding.objects.exists()


def test_upload_refuses_other_extensions_and_keeps_nothing(client_als, actieplan):
    client = client_als("inkoopadviseur")
    response = client.post(
        url("import", actieplan), {"bestand": SimpleUploadedFile("kalender.pdf", b"%PDF")}
    )
    assert "Kies een .xlsx- of .csv-bestand" in response.text
    assert not Importbestand.objects.exists()


def test_someone_elses_upload_is_not_found(client, lid, actieplan):
    eigenaar = lid("inkoopadviseur")
    upload = Importbestand.objects.create(
        actieplan=actieplan, door=eigenaar, bestandsnaam="k.csv", formaat="csv", inhoud=b"x"
    )
    client.force_login(lid("inkoopadviseur"))
    assert client.get(url("import_voorbeeld", actieplan, upload.pk)).status_code == 404


def test_template_download_has_the_columns(client_als, actieplan):
    import io

    from openpyxl import load_workbook

    response = client_als("inkoopadviseur").get(url("sjabloon", actieplan))
    koppen = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert koppen[:3] == ["Kenmerk", "Naam", "Omschrijving"]
    assert "Thema Klimaat" in koppen and "Status" in koppen


def test_step_4_page_shows_progress_per_year(client_als, actieplan, maak_aanbesteding):
    maak_aanbesteding(toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}})
    response = client_als("management").get(
        reverse("actieplan:stap", args=[actieplan.pk, "aanbestedingskalender"])
    )
    assert "Naar de kalender (1 aanbesteding)" in response.text
    jaren = [th.text for th in BeautifulSoup(response.text, "html.parser").select("tbody th")]
    assert jaren == ["2024", "2025", "2026", "2027"]


def test_step_4_page_queries_do_not_grow_with_the_plan_period(
    client_als, actieplan, maak_aanbesteding, django_assert_max_num_queries
):
    client = client_als("management")
    maak_aanbesteding()
    stap = reverse("actieplan:stap", args=[actieplan.pk, "aanbestedingskalender"])
    actieplan.eindjaar = 2024
    actieplan.save()
    with django_assert_max_num_queries(40) as kort:
        client.get(stap)
    actieplan.eindjaar = 2033
    actieplan.save()
    with django_assert_max_num_queries(len(kort.captured_queries)):
        response = client.get(stap)
    assert response.text.count("/kalender/?jaar=") == 10


def test_a_kenmerk_already_in_the_plan_is_refused_in_words(
    client_als, actieplan, maak_aanbesteding
):
    maak_aanbesteding("A-1")
    client = client_als("inkoopadviseur")
    data = form_data(client.get(url("aanbesteding_nieuw", actieplan)).text)
    data.update(
        kenmerk=["A-1"],
        naam=["Nog een"],
        procedure=["europees_openbaar"],
        soort=["diensten"],
        startjaar=["2025"],
        startkwartaal=["3"],
    )
    response = client.post(url("aanbesteding_nieuw", actieplan), data)
    assert "Dit kenmerk staat al in de aanbestedingskalender van dit plan." in response.text
    assert Aanbesteding.objects.count() == 1


def test_every_product_group_links_to_the_mvi_criteria_tool(
    client_als, actieplan, maak_aanbesteding
):
    assert Productgroep.objects.count() == 10
    assert not Productgroep.objects.filter(criteriatool_url="").exists()
    groep = Productgroep.objects.get(naam="Catering")
    groep.criteriatool_url = "https://www.mvicriteria.nl/nl/webtool#//catering"
    groep.save()
    aanbesteding = maak_aanbesteding("A-1", productgroep=groep)
    client = client_als("inkoopadviseur")
    pagina = client.get(url("aanbesteding_wijzigen", actieplan, aanbesteding.pk))
    link = BeautifulSoup(pagina.text, "html.parser").find(
        "a", href="https://www.mvicriteria.nl/nl/webtool#//catering"
    )
    assert link is not None
    assert "MVI-criteria voor Catering in de MVI-criteriatool" in link.text
    assert link["rel"] == ["external", "noopener"]


def test_management_reads_a_tender_from_the_calendar_without_a_form(
    client_als, actieplan, maak_aanbesteding
):
    """Every object with an edit page has a read-only view for those who may read it."""
    aanbesteding = maak_aanbesteding(
        "R-1",
        naam="Schoonmaak",
        startjaar=2026,
        toepassingen={
            "klimaat": {"toegepast": True, "vorm": "gunningscriterium"},
            "circulair": {"toegepast": False, "uitleg": "Geen markt voor."},
        },
    )
    client = client_als("management")
    kalender = client.get(url("kalender", actieplan) + "?jaar=2026")
    soup = BeautifulSoup(kalender.text, "html.parser")
    link = soup.find("a", string="Schoonmaak")
    assert link["href"] == reverse(
        "aanbestedingskalender:aanbesteding", args=[actieplan.pk, aanbesteding.pk]
    )
    pagina = client.get(link["href"])
    assert pagina.status_code == 200
    tekst = " ".join(BeautifulSoup(pagina.text, "html.parser").main.get_text(" ").split())
    assert "Kenmerk R-1" in tekst
    assert "Klimaat : toegepast, gunningscriterium" in tekst
    assert "niet toegepast: Geen markt voor." in tekst
    assert "Het startkwartaal is niet verplaatst." in tekst
    assert BeautifulSoup(pagina.text, "html.parser").select("main form") == []
