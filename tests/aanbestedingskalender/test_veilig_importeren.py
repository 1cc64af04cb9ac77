"""No upload can stall a worker or answer 500: hostile spreadsheets are refused with the
import page's own Dutch message, the row limit is checked before any row is, and the
preview is computed once per upload."""

import datetime
import io
import zipfile
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from aanbestedingskalender import importeren
from aanbestedingskalender.models import Aanbesteding, Importbestand
from aanbestedingskalender.resources import AanbestedingResource
from tests.aanbestedingskalender.test_resources import GOED, KOPPEN, xlsx
from tests.aanbestedingskalender.test_views import url

GOED_BESTAND = xlsx([KOPPEN, GOED])


def met_deel(inhoud: bytes, naam: str, bewerk) -> bytes:
    """The same .xlsx with one part rewritten by `bewerk(text) -> text`."""
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uitvoer = io.BytesIO()
    with zipfile.ZipFile(uitvoer, "w", zipfile.ZIP_DEFLATED) as doel:
        for deel in bron.infolist():
            data = bron.read(deel.filename)
            if deel.filename == naam:
                data = bewerk(data.decode()).encode()
            doel.writestr(deel.filename, data)
    return uitvoer.getvalue()


def met_extra_delen(inhoud: bytes, delen: dict[str, bytes]) -> bytes:
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uitvoer = io.BytesIO()
    with zipfile.ZipFile(uitvoer, "w", zipfile.ZIP_DEFLATED) as doel:
        for deel in bron.infolist():
            doel.writestr(deel.filename, bron.read(deel.filename))
        for naam, data in delen.items():
            doel.writestr(naam, data)
    return uitvoer.getvalue()


def blad_met_entiteit(doctype: str, verwijzing: str) -> bytes:
    """The sheet starts with a DOCTYPE and the tender's name cell refers to an entity."""
    return met_deel(
        GOED_BESTAND,
        "xl/worksheets/sheet1.xml",
        lambda xml: doctype + xml.replace("Schoonmaak", verwijzing),
    )


XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LACHEN = (
    "<!DOCTYPE x [<!ENTITY lol0 'lol'>"
    + "".join(f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10}'>" for i in range(1, 10))
    + "]>"
)


def kapotte_deflate(inhoud: bytes, naam: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The same zip with garbage in the middle of one part's compressed data."""
    deel = zipfile.ZipFile(io.BytesIO(inhoud)).getinfo(naam)
    kop = 30 + len(deel.filename.encode()) + len(deel.extra)
    midden = deel.header_offset + kop + deel.compress_size // 2
    return inhoud[:midden] + b"\xff" * 16 + inhoud[midden + 16 :]


def grafiekblad_eerst() -> bytes:
    werkboek = Workbook()
    werkboek.active.append(KOPPEN)
    werkboek.create_chartsheet("Grafiek", 0)
    werkboek.active = 0
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    return uitvoer.getvalue()


def breed_blad(kolommen: int, rijen: int, cel: str = "x") -> bytes:
    werkboek = Workbook(write_only=True)
    blad = werkboek.create_sheet()
    blad.append([*KOPPEN, *(f"Extra {i}" for i in range(kolommen - len(KOPPEN)))])
    for i in range(rijen):
        blad.append([f"W-{i}", *GOED[1:], *([cel] * (kolommen - len(KOPPEN)))])
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    return uitvoer.getvalue()


ONLEESBAAR = "Sla het opnieuw op als .xlsx"
BOZE_BESTANDEN = {
    # name: (file, row, column, the message on the page)
    "externe entiteit (XXE) in het blad": (
        blad_met_entiteit(XXE, "&xxe;"),
        None,
        None,
        "XML-constructies (entiteiten of een DOCTYPE) die we om veiligheidsredenen niet lezen",
    ),
    "geneste entiteiten (billion laughs) in het blad": (
        blad_met_entiteit(LACHEN, "&lol9;"),
        None,
        None,
        "XML-constructies (entiteiten of een DOCTYPE) die we om veiligheidsredenen niet lezen",
    ),
    "externe entiteit in workbook.xml": (
        met_deel(GOED_BESTAND, "xl/workbook.xml", lambda xml: XXE + xml),
        None,
        None,
        "XML-constructies (entiteiten of een DOCTYPE) die we om veiligheidsredenen niet lezen",
    ),
    "formule": (
        xlsx([KOPPEN, [*GOED[:4], "=2024+1", *GOED[5:]]]),
        2,
        "Startjaar",
        "Deze cel bevat een formule. Zet er de waarde zelf in",
    ),
    "zipbom": (
        met_extra_delen(GOED_BESTAND, {"xl/media/bom.bin": b"\0" * (200 * 1024 * 1024)}),
        None,
        None,
        "uitgepakt veel groter dan een kalender kan zijn",
    ),
    "duizenden zipdelen": (
        met_extra_delen(GOED_BESTAND, {f"x/{i}.xml": b"" for i in range(5_000)}),
        None,
        None,
        "uitgepakt veel groter dan een kalender kan zijn",
    ),
    "kapotte XML": (
        met_deel(GOED_BESTAND, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2]),
        None,
        None,
        ONLEESBAAR,
    ),
    "kapotte zip": (GOED_BESTAND[: len(GOED_BESTAND) // 2], None, None, "geen Excel-bestand"),
    "kapotte deflate": (kapotte_deflate(GOED_BESTAND), None, None, ONLEESBAAR),
    "grafiekblad als eerste blad": (grafiekblad_eerst(), None, None, ONLEESBAAR),
    "leeg eerste blad": (xlsx([]), None, None, "de eerste rij met kolomnamen ontbreekt"),
    "te veel kolommen": (breed_blad(150, 1), 1, None, "meer dan 100 kolommen"),
    "veel XML in weinig bytes": (
        breed_blad(100, 400, cel="x" * 300),  # 12.8 MB of XML (over 11 MB), 0.2 MB zipped
        None,
        None,
        "uitgepakt veel groter dan een kalender kan zijn",
    ),
}


@pytest.mark.parametrize("geval", sorted(BOZE_BESTANDEN))
def test_a_hostile_spreadsheet_gets_a_dutch_message_and_stores_nothing(
    client_als, actieplan, maak_aanbesteding, geval
):
    inhoud, rij, kolom, melding = BOZE_BESTANDEN[geval]
    assert len(inhoud) < 2 * 1024 * 1024  # under the size limit: the content is the attack
    maak_aanbesteding("A-1")
    client = client_als("inkoopadviseur")
    bestand = SimpleUploadedFile("kalender.xlsx", inhoud)

    page = client.post(url("import", actieplan), {"bestand": bestand}, follow=True)

    assert page.status_code == 200
    fouten = BeautifulSoup(page.text, "html.parser").select("tbody tr")
    cellen = [td.get_text(strip=True) for td in fouten[0].select("td")]
    assert cellen == [str(rij or "–"), kolom or "–", mock.ANY]
    assert melding in cellen[2]
    assert "root:" not in page.text  # nothing of /etc/passwd
    assert "Import bevestigen" not in page.text
    client.post(page.redirect_chain[-1][0])  # a confirm anyway changes nothing
    assert list(Aanbesteding.objects.values_list("kenmerk", flat=True)) == ["A-1"]


def test_the_row_limit_is_checked_before_any_row_and_stated_on_the_page(
    client_als, actieplan, settings
):
    settings.IMPORT_MAX_RIJEN = 3
    client = client_als("inkoopadviseur")
    page = client.get(url("import", actieplan))
    assert "hoogstens 3 aanbestedingen" in page.text

    rijen = [[f"R-{i}", *GOED[1:]] for i in range(4)]
    bestand = SimpleUploadedFile("kalender.xlsx", xlsx([KOPPEN, *rijen]))
    with mock.patch.object(
        AanbestedingResource, "import_data", side_effect=AssertionError("rows checked")
    ):
        page = client.post(url("import", actieplan), {"bestand": bestand}, follow=True)
    assert "meer dan 3 aanbestedingen" in page.text
    assert "Import bevestigen" not in page.text

    # At the limit the file is checked as usual (here a .csv).
    regels = [KOPPEN, *([f"C-{i}", *GOED[1:]] for i in range(3))]
    csv = "\n".join(";".join(str(waarde) for waarde in regel) for regel in regels)
    bestand = SimpleUploadedFile("kalender.csv", csv.encode())
    page = client.post(url("import", actieplan), {"bestand": bestand}, follow=True)
    assert "3 toe te voegen" in page.text


def test_the_template_states_the_row_limit(client_als, actieplan, settings):
    from openpyxl import load_workbook

    settings.IMPORT_MAX_RIJEN = 2500
    response = client_als("inkoopadviseur").get(url("sjabloon", actieplan))
    werkboek = load_workbook(io.BytesIO(response.content))
    assert werkboek.sheetnames == ["Aanbestedingskalender", "Uitleg"]
    uitleg = " ".join(str(c.value) for c in werkboek["Uitleg"]["A"])
    assert "Hoogstens 2.500 aanbestedingen per bestand" in uitleg


def test_the_preview_is_computed_once_per_upload(client_als, actieplan):
    client = client_als("inkoopadviseur")
    bestand = SimpleUploadedFile("kalender.xlsx", GOED_BESTAND)
    with mock.patch.object(importeren, "_importeren", wraps=importeren._importeren) as runs:
        voorbeeld = client.post(url("import", actieplan), {"bestand": bestand}).url
        for _ in range(3):
            page = client.get(voorbeeld)
            assert "1 toe te voegen, 0 te wijzigen, 0 ongewijzigd." in page.text
        assert [c.kwargs["dry_run"] for c in runs.call_args_list] == [True]
        response = client.post(voorbeeld, follow=True)
    assert "Import klaar: 1 toegevoegd" in response.text
    # Confirming imports once; it does not check the file again first.
    assert [c.kwargs["dry_run"] for c in runs.call_args_list] == [True, False]
    assert not Importbestand.objects.exists()


def test_empty_csv_rows_only_say_the_file_is_empty(client_als, actieplan):
    bestand = SimpleUploadedFile("kalender.csv", b";;;\r\n;;;\r\n")
    page = client_als("inkoopadviseur").post(
        url("import", actieplan), {"bestand": bestand}, follow=True
    )
    assert page.status_code == 200
    assert "de eerste rij met kolomnamen ontbreekt" in page.text


def test_a_date_where_text_belongs_is_previewed_as_text(client_als, actieplan):
    datum = datetime.datetime(2025, 3, 1)
    bestand = SimpleUploadedFile("kalender.xlsx", xlsx([KOPPEN, [datum, datum, *GOED[2:]]]))
    page = client_als("inkoopadviseur").post(
        url("import", actieplan), {"bestand": bestand}, follow=True
    )
    assert page.status_code == 200
    assert "1 toe te voegen" in page.text
    assert "2025-03-01 00:00:00" in page.text


def test_blank_and_formatted_empty_rows_are_skipped_and_rows_keep_their_numbers(
    client_als, actieplan, settings
):
    settings.IMPORT_MAX_RIJEN = 2
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(KOPPEN)
    blad.append(GOED)
    blad.append([None] * len(KOPPEN))
    blad.append(["B-2", *GOED[1:5], "K9", *GOED[6:]])  # row 4: a wrong quarter
    blad.cell(row=40, column=3).number_format = "0.00"  # formatted, empty
    blad.cell(row=40, column=3).value = ""
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    bestand = SimpleUploadedFile("kalender.xlsx", uitvoer.getvalue())
    page = client_als("inkoopadviseur").post(
        url("import", actieplan), {"bestand": bestand}, follow=True
    )
    fouten = BeautifulSoup(page.text, "html.parser").select("tbody tr")
    assert [[td.get_text(strip=True) for td in tr.select("td")][:2] for tr in fouten] == [
        ["4", "Startkwartaal"]
    ]
