"""Money the Dutch way: typed as a Dutch user writes it and stored as meant (or refused
with a message), shown as € 1.250.000, exported as number cells, totals on the calendar."""

import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from aanbestedingskalender import importeren
from aanbestedingskalender.models import Aanbesteding
from basis.getallen import GeenGetal, bedrag_tonen, getal_lezen
from tests.aanbestedingskalender.test_resources import GOED, KOPPEN, xlsx
from tests.aanbestedingskalender.test_views import url
from tests.organisaties.test_views import form_data


@pytest.mark.parametrize(
    ("getypt", "bedoeld"),
    [
        ("€ 1.250.000,50", Decimal("1250000.50")),
        ("1250000,50", Decimal("1250000.50")),
        ("450.000", Decimal("450000")),
        ("1.250.000", Decimal("1250000")),
        ("2,5", Decimal("2.5")),
        ("€\u00a0125 000", Decimal("125000")),
        ("-3", Decimal("-3")),
        (125000.5, Decimal("125000.5")),  # a number cell
        ("", None),
    ],
)
def test_a_dutch_number_is_read_as_meant(getypt, bedoeld):
    assert getal_lezen(getypt) == bedoeld


@pytest.mark.parametrize("getypt", ["450.5", "1.5", "1.25.000", "12,3,4", "veel", "1e5"])
def test_an_ambiguous_or_foreign_number_is_refused_not_guessed(getypt):
    with pytest.raises(GeenGetal):
        getal_lezen(getypt)


def test_amounts_are_shown_the_dutch_way():
    assert bedrag_tonen(Decimal("1250000.00")) == "€\u00a01.250.000"
    assert bedrag_tonen(Decimal("1250000.5")) == "€\u00a01.250.000,50"
    assert bedrag_tonen(None) == "–"


def nieuw_formulier(client, actieplan, **velden):
    data = form_data(client.get(url("aanbesteding_nieuw", actieplan)).text)
    data.update(
        kenmerk=["2025-01"],
        naam=["Wagenpark"],
        procedure=["europees_openbaar"],
        soort=["leveringen"],
        startjaar=["2025"],
        startkwartaal=["2"],
    )
    data.update({veld: [waarde] for veld, waarde in velden.items()})
    return data


def test_the_tender_form_takes_amounts_as_dutch_users_type_them(client_als, actieplan):
    client = client_als("inkoopadviseur")
    data = nieuw_formulier(
        client,
        actieplan,
        geraamde_waarde="€ 1.250.000,50",
        sroi_percentage="2,5",
        co2_reductie_ton="450.000",
    )
    assert client.post(url("aanbesteding_nieuw", actieplan), data).status_code == 302
    aanbesteding = Aanbesteding.objects.get()
    assert aanbesteding.geraamde_waarde == Decimal("1250000.50")
    assert aanbesteding.sroi_percentage == Decimal("2.5")
    assert aanbesteding.co2_reductie_ton == Decimal("450000")

    # The edit form shows them the Dutch way again.
    bewerken = form_data(client.get(url("aanbesteding_wijzigen", actieplan, aanbesteding.pk)).text)
    assert bewerken["geraamde_waarde"] == ["1.250.000,50"]
    assert bewerken["sroi_percentage"] == ["2,5"]


def test_an_ambiguous_amount_is_refused_with_the_input_kept(client_als, actieplan):
    client = client_als("inkoopadviseur")
    data = nieuw_formulier(client, actieplan, geraamde_waarde="450.5")
    antwoord = client.post(url("aanbesteding_nieuw", actieplan), data)
    assert antwoord.status_code == 200
    assert "schrijf decimalen na een komma" in antwoord.text
    assert 'value="450.5"' in antwoord.text
    assert not Aanbesteding.objects.exists()


def test_the_export_has_number_cells_and_dutch_csv_decimals(
    client_als, actieplan, maak_aanbesteding
):
    maak_aanbesteding("A-1", geraamde_waarde=Decimal("180000"), sroi_percentage=Decimal("2.5"))
    client = client_als("management")
    werkboek = load_workbook(
        io.BytesIO(client.get(url("export", actieplan) + "?formaat=xlsx").getvalue())
    )
    blad = werkboek.active
    koppen = [cel.value for cel in blad[1]]
    waarde = blad.cell(row=2, column=koppen.index("Geraamde waarde (€)") + 1)
    sroi = blad.cell(row=2, column=koppen.index("SROI (%)") + 1)
    assert (waarde.data_type, waarde.value, waarde.number_format) == ("n", 180000, '"€" #,##0.00')
    assert (sroi.data_type, sroi.value) == ("n", 2.5)

    csv = client.get(url("export", actieplan) + "?formaat=csv").getvalue().decode("utf-8-sig")
    kop, rij = csv.splitlines()[:2]
    cellen = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert (cellen["Geraamde waarde (€)"], cellen["SROI (%)"]) == ("180000", "2,5")


def test_an_import_reads_dutch_amounts_as_meant(actieplan):
    koppen = [*KOPPEN, "Geraamde waarde (€)", "CO2-reductie (ton)"]
    inhoud = xlsx(
        [
            koppen,
            ["C-1", "Tekst", *GOED[2:], "€ 1.250.000,50", "2,5"],
            ["C-2", "Duizendtallen", *GOED[2:], "450.000", None],
            ["C-3", "Getalcel", *GOED[2:], 125000.5, 12],
        ]
    )
    importeren.kalender_importeren(actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx")
    waarden = dict(Aanbesteding.objects.values_list("kenmerk", "geraamde_waarde"))
    assert waarden == {
        "C-1": Decimal("1250000.50"),
        "C-2": Decimal("450000"),
        "C-3": Decimal("125000.50"),
    }
    fout = importeren.kalender_controleren(
        actieplan=actieplan,
        inhoud=xlsx([koppen, ["C-4", "Dubbelzinnig", *GOED[2:], "450.5", None]]),
        bestandsnaam="k.xlsx",
    ).fouten
    assert [(f.rij, f.kolom) for f in fout] == [(2, "Geraamde waarde (€)")]


def test_the_calendar_shows_amounts_and_totals_per_quarter_year_and_theme(
    client_als, actieplan, maak_aanbesteding
):
    toegepast = {"klimaat": {"toegepast": True, "vorm": "minimumeis"}}
    maak_aanbesteding(
        "A-1", startkwartaal=1, geraamde_waarde=Decimal("1250000"), toepassingen=toegepast
    )
    maak_aanbesteding("A-2", startkwartaal=1, geraamde_waarde=Decimal("250000.50"))
    maak_aanbesteding(
        "A-3", startkwartaal=3, geraamde_waarde=Decimal("80000"), toepassingen=toegepast
    )
    pagina = client_als("management").get(url("kalender", actieplan) + "?jaar=2025")
    soup = BeautifulSoup(pagina.text, "html.parser")
    totaal = soup.select_one("tfoot tr").get_text(" ", strip=True)
    assert totaal == "Geraamde waarde in 2025 €\u00a01.580.000,50"
    per_kwartaal = soup.find("caption", string="Geraamde waarde per kwartaal in 2025")
    rijen = [
        r.get_text(" ", strip=True) for r in per_kwartaal.find_parent("table").select("tbody tr")
    ]
    assert rijen == ["K1 €\u00a01.500.000,50", "K2 –", "K3 €\u00a080.000", "K4 –"]
    per_thema = soup.find("caption", string="Geraamde waarde per toegepast thema in 2025")
    rijen = [r.get_text(" ", strip=True) for r in per_thema.find_parent("table").select("tbody tr")]
    assert rijen == ["Klimaat €\u00a01.330.000"]
    assert "€\u00a01.250.000" in pagina.text
