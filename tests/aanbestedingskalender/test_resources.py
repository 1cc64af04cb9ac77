"""Import and export: the round trip, and a battery of malformed files that change nothing."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from aanbestedingskalender import bestanden, importeren
from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
from aanbestedingskalender.resources import AanbestedingResource


def exporteer(actieplan, formaat):
    resource = AanbestedingResource(actieplan=actieplan)
    return bestanden.exporteren(resource.export(resource.get_queryset()), formaat)


def kalender(actieplan):
    """The calendar as comparable data: every field and every theme application."""
    return [
        (
            a.kenmerk,
            a.naam,
            a.omschrijving,
            a.afdeling,
            a.eigenaar_id,
            a.productgroep_id,
            a.geraamde_waarde,
            a.procedure,
            a.soort,
            a.startjaar,
            a.startkwartaal,
            a.contract_start,
            a.contract_eind,
            a.kansrijk,
            a.status,
            a.sroi_percentage,
            a.co2_reductie_ton,
            sorted(
                (t.thema.slug, t.toegepast, t.vorm, t.criteria_niveau, t.uitleg)
                for t in a.toepassingen.all()
            ),
        )
        for a in Aanbesteding.objects.filter(actieplan=actieplan).order_by("kenmerk")
    ]


@pytest.fixture
def gevulde_kalender(maak_aanbesteding):
    import datetime
    from decimal import Decimal

    maak_aanbesteding(
        "A-1",
        omschrijving='=HYPERLINK("http://kwaad.example")',
        afdeling="+Facilitair",
        geraamde_waarde=Decimal("125000.50"),
        contract_start=datetime.date(2025, 7, 1),
        contract_eind=datetime.date(2029, 6, 30),
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("12.5"),
        status=Aanbesteding.Status.GEGUND,
        toepassingen={
            "klimaat": {
                "toegepast": True,
                "vorm": "gunningscriterium",
                "criteria_niveau": "significant",
            },
            "circulair": {"toegepast": False, "uitleg": "-Geen markt voor circulaire servers."},
        },
    )
    maak_aanbesteding(
        "A-2", kansrijk=False, startkwartaal=4, toepassingen={"milieu": {"toegepast": False}}
    )
    maak_aanbesteding("A-3", eigenaar=None, productgroep=None, startjaar=2026, startkwartaal=1)


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_calendar(actieplan, gevulde_kalender, formaat):
    voor = kalender(actieplan)
    inhoud = exporteer(actieplan, formaat)
    Aanbesteding.objects.filter(actieplan=actieplan).delete()

    resultaat = importeren.kalender_importeren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam=f"k.{formaat}"
    )

    assert resultaat.fouten == []
    assert len(resultaat.nieuw) == 3
    assert kalender(actieplan) == voor


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_importing_the_export_again_changes_nothing(actieplan, gevulde_kalender, formaat):
    resultaat = importeren.kalender_controleren(
        actieplan=actieplan, inhoud=exporteer(actieplan, formaat), bestandsnaam=f"k.{formaat}"
    )
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == ([], [], 3)


def test_xlsx_export_writes_formulas_as_text(actieplan, gevulde_kalender):
    blad = load_workbook(io.BytesIO(exporteer(actieplan, "xlsx"))).active
    koppen = [c.value for c in blad[1]]
    cel = blad.cell(row=2, column=koppen.index("Omschrijving") + 1)
    assert cel.value == '=HYPERLINK("http://kwaad.example")'
    assert cel.data_type == "s"
    assert blad.cell(row=2, column=koppen.index("Afdeling") + 1).data_type == "s"


def test_csv_export_escapes_formulas(actieplan, gevulde_kalender):
    tekst = exporteer(actieplan, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in tekst
    assert ";'+Facilitair;" in tekst
    assert "niet toegepast: -Geen markt" in tekst  # only a cell's first character counts


# --- The battery of bad files ---------------------------------------------------------


def xlsx(rijen):
    werkboek = Workbook()
    for rij in rijen:
        werkboek.active.append(rij)
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    return uitvoer.getvalue()


KOPPEN = [
    "Kenmerk",
    "Naam",
    "Procedure",
    "Soort",
    "Startjaar",
    "Startkwartaal",
    "Status",
    "Kansrijk",
    "Thema Klimaat",
]
GOED = [
    "B-1",
    "Schoonmaak",
    "Europees openbaar",
    "Diensten",
    2025,
    "K3",
    "Gepland",
    "ja",
    "toepasbaar",
]


def met(**vervang):
    rij = dict(zip(KOPPEN, GOED, strict=True)) | vervang
    return [KOPPEN, list(rij.values())]


SLECHTE_BESTANDEN = {
    "leeg": (b"", "k.xlsx", None, None, "Het bestand is leeg."),
    "alleen koppen": (xlsx([KOPPEN]), "k.xlsx", None, None, "geen aanbestedingen"),
    "geen xlsx": (b"Kenmerk;Naam\nA;B\n", "k.xlsx", None, None, "geen Excel-bestand"),
    "geen csv": (xlsx(met()), "k.csv", None, None, "geen CSV-bestand"),
    "verkeerde extensie": (b"x", "k.pdf", None, None, "Kies een .xlsx- of .csv-bestand"),
    "te groot": (b"a;b\n" * 1_400_000, "k.csv", None, None, "groter dan 5 MB"),
    "kolom ontbreekt": (
        xlsx([KOPPEN[1:], GOED[1:]]),
        "k.xlsx",
        1,
        None,
        "Deze kolommen ontbreken: Kenmerk.",
    ),
    "onbekende kolom": (
        xlsx([[*KOPPEN, "Budgethouder"], [*GOED, "x"]]),
        "k.xlsx",
        1,
        "Budgethouder",
        "Onbekende kolom 'Budgethouder'",
    ),
    "onbekend thema": (
        xlsx([[*KOPPEN, "Thema Duurzaamheid"], [*GOED, "toepasbaar"]]),
        "k.xlsx",
        1,
        "Thema Duurzaamheid",
        "Onbekend thema in kolom 'Thema Duurzaamheid'",
    ),
    "onbekende status": (
        xlsx(met(Status="Klaar")),
        "k.xlsx",
        2,
        "Status",
        "Onbekende status 'Klaar'",
    ),
    "onbekende procedure": (
        xlsx(met(Procedure="Openbaar")),
        "k.xlsx",
        2,
        "Procedure",
        "Onbekende procedure 'Openbaar'",
    ),
    "slecht jaar": (
        xlsx(met(Startjaar="volgend jaar")),
        "k.xlsx",
        2,
        "Startjaar",
        "geen geheel getal",
    ),
    "slecht kwartaal": (
        xlsx(met(Startkwartaal="K5")),
        "k.xlsx",
        2,
        "Startkwartaal",
        "geen kwartaal",
    ),
    "slechte datum": (
        xlsx([[*KOPPEN, "Start contract"], [*GOED, "31-02-2025"]]),
        "k.xlsx",
        2,
        "Start contract",
        "geen datum",
    ),
    "slecht getal": (
        xlsx([[*KOPPEN, "Geraamde waarde (€)"], [*GOED, "veel"]]),
        "k.xlsx",
        2,
        "Geraamde waarde (€)",
        "'veel' is geen getal",
    ),
    "slechte ja/nee": (xlsx(met(Kansrijk="misschien")), "k.xlsx", 2, "Kansrijk", "'ja' of 'nee'"),
    "slechte themacel": (
        xlsx(met(**{"Thema Klimaat": "heel veel"})),
        "k.xlsx",
        2,
        "Thema Klimaat",
        "'heel veel' begrijpen we niet",
    ),
    "onbekende vorm": (
        xlsx(met(**{"Thema Klimaat": "toegepast: wens"})),
        "k.xlsx",
        2,
        "Thema Klimaat",
        "Onbekende vorm 'wens'",
    ),
    "pas toe of leg uit": (
        xlsx(met(Status="Gegund")),
        "k.xlsx",
        2,
        "Status",
        "leg uit waarom Klimaat niet is toegepast",
    ),
    "onbekende eigenaar": (
        xlsx([[*KOPPEN, "Eigenaar (e-mail)"], [*GOED, "vreemde@elders.nl"]]),
        "k.xlsx",
        2,
        "Eigenaar (e-mail)",
        "",
    ),
    "dubbel kenmerk": (
        xlsx([*met(), GOED]),
        "k.xlsx",
        3,
        "Kenmerk",
        "Kenmerk 'B-1' staat ook in rij 2.",
    ),
    "naam leeg": (xlsx(met(Naam="")), "k.xlsx", 2, "Naam", "Dit veld kan niet leeg zijn"),
}


@pytest.mark.parametrize("geval", sorted(SLECHTE_BESTANDEN))
def test_a_bad_file_says_where_and_changes_nothing(actieplan, gevulde_kalender, geval):
    inhoud, naam, rij, kolom, melding = SLECHTE_BESTANDEN[geval]
    voor = kalender(actieplan)
    resultaat = importeren.kalender_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam=naam
    )
    assert not resultaat.geldig
    fout = resultaat.fouten[0]
    assert (fout.rij, fout.kolom) == (rij, kolom), resultaat.fouten
    assert melding in fout.melding
    with pytest.raises(importeren.ImportMislukt):
        importeren.kalender_importeren(actieplan=actieplan, inhoud=inhoud, bestandsnaam=naam)
    assert kalender(actieplan) == voor


def test_one_bad_row_stops_the_good_rows_too(actieplan, gevulde_kalender):
    voor = kalender(actieplan)
    inhoud = xlsx(
        [
            KOPPEN,
            ["C-1", "Goed", "Europees openbaar", "Diensten", 2025, 1, "Gepland", "ja", ""],
            ["C-2", "Fout", "Europees openbaar", "Diensten", 2025, 9, "Gepland", "ja", ""],
        ]
    )
    resultaat = importeren.kalender_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx"
    )
    assert [(f.rij, f.kolom) for f in resultaat.fouten] == [(3, "Startkwartaal")]
    assert [r["kenmerk"] for r in resultaat.nieuw] == ["C-1"]
    with pytest.raises(importeren.ImportMislukt):
        importeren.kalender_importeren(actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx")
    assert kalender(actieplan) == voor
    assert not ThemaToepassing.objects.filter(aanbesteding__kenmerk="C-1").exists()


def test_preview_shows_added_and_changed_with_the_difference(actieplan, gevulde_kalender):
    inhoud = xlsx(
        [
            KOPPEN,
            [
                "A-2",
                "Aanbesteding A-2",
                "Europees openbaar",
                "Diensten",
                2025,
                "K4",
                "Uitgesteld",
                "nee",
                "",
            ],
            ["N-1", "Nieuw", "Nationaal openbaar", "Werken", 2026, 2, "Gepland", "ja", ""],
        ]
    )
    resultaat = importeren.kalender_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx"
    )
    assert resultaat.fouten == []
    assert [r["kenmerk"] for r in resultaat.nieuw] == ["N-1"]
    assert [r["kenmerk"] for r in resultaat.gewijzigd] == ["A-2"]
    assert {v["kolom"]: (v["oud"], v["nieuw"]) for v in resultaat.gewijzigd[0]["verschil"]} == {
        "Status": ("Gepland", "Uitgesteld"),
    }


def test_import_never_touches_another_plans_tender(actieplan, gevulde_kalender, ander_actieplan):
    from aanbestedingskalender import services

    services.aanbesteding_opslaan(
        actieplan=ander_actieplan,
        velden={
            "kenmerk": "X-1",
            "naam": "Van een ander",
            "procedure": "anders",
            "soort": "werken",
            "startjaar": 2025,
            "startkwartaal": 1,
        },
        toepassingen={},
    )
    inhoud = xlsx(
        [KOPPEN, ["X-1", "Overschreven?", "Anders", "Werken", 2025, 1, "Gepland", "ja", ""]]
    )
    resultaat = importeren.kalender_importeren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx"
    )
    assert [r["kenmerk"] for r in resultaat.nieuw] == ["X-1"]
    assert Aanbesteding.objects.get(actieplan=ander_actieplan).naam == "Van een ander"
