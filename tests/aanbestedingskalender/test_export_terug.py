"""Whatever the export writes within the row limit imports back (issue 26): a calendar of
IMPORT_MAX_RIJEN tenders with every column filled, exported as .xlsx and as .csv, is read
by the import without being refused (before: the fixed 5 MB XML bound refused the app's
own .xlsx of 5,000 such rows; it unpacks to about 6 MB)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aanbestedingskalender import bestanden
from aanbestedingskalender.models import ThemaToepassing
from tests.factories import veel_aanbestedingen
from themes.models import Productgroep


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_a_full_export_at_the_row_limit_imports_back(
    client_als, actieplan, adviseur, themas, settings, formaat
):
    aantal = settings.IMPORT_MAX_RIJEN
    assert aantal == 5000  # the product's limit, not a smaller one for the test
    productgroep = Productgroep.objects.first()
    tenders = veel_aanbestedingen(
        actieplan,
        aantal,
        kenmerk="2026-{i:05d}",
        naam="Onderhoud en beheer van de openbare verlichting, perceel {i}",
        omschrijving="Meerjarig onderhoud, storingen binnen 24 uur, LED-vervanging. " * 2,
        afdeling="Openbare ruimte",
        eigenaar=adviseur,
        productgroep=productgroep,
        geraamde_waarde=lambda i: Decimal("1250000.50") + i,
        startjaar=2026,
        contract_start=datetime.date(2026, 7, 1),
        contract_eind=datetime.date(2030, 6, 30),
        kansrijk=True,
        status="gepland",
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("12.5"),
    )
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(
            aanbesteding=a,
            thema=t,
            toegepast=True,
            vorm="gunningscriterium",
            criteria_niveau="basis",
        )
        for a in tenders
        for t in themas.values()
    )
    export = client_als("coordinator").get(
        reverse("aanbestedingskalender:export", args=[actieplan.pk]) + f"?jaar=&formaat={formaat}"
    )
    inhoud = b"".join(export.streaming_content) if export.streaming else export.content
    dataset = bestanden.lezen(inhoud, formaat)  # refused before with BestandFout
    assert len(dataset) == aantal
    assert dataset[0][dataset.headers.index("Naam")].endswith("perceel 0")


def test_the_export_is_written_as_it_is_read_in_flat_memory(client_als, actieplan, themas):
    """Issue 26: the export read every tender, built the whole file and then sent it (4.3 s
    before the first byte at 10,000 tenders, all of it in memory). Now 500 tenders are
    read, written and sent at a time: five times the calendar, about the same peak."""
    import tracemalloc

    def met_themas(van: int, aantal: int) -> None:
        tenders = veel_aanbestedingen(actieplan, aantal, van=van, startjaar=2026)
        ThemaToepassing.objects.bulk_create(
            ThemaToepassing(aanbesteding=a, thema=t, toegepast=True, vorm="anders")
            for a in tenders
            for t in (themas["klimaat"], themas["milieu"])
        )

    client = client_als("management")
    url = reverse("aanbestedingskalender:export", args=[actieplan.pk]) + "?formaat=xlsx"

    def piek() -> tuple[float, int]:
        tracemalloc.start()
        antwoord = client.get(url)
        assert antwoord.streaming
        grootte = sum(len(stuk) for stuk in antwoord.streaming_content)
        _, hoogste = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return hoogste, grootte

    met_themas(0, 600)
    klein, klein_bestand = piek()
    met_themas(600, 2_400)
    groot, groot_bestand = piek()
    assert groot_bestand > 4 * klein_bestand  # five times the tenders in the file
    assert groot < 1.5 * klein, (klein / 2**20, groot / 2**20)


def test_the_streamed_xlsx_is_a_zip_excel_opens(client_als, actieplan, themas):
    """Review of issue 26: a streaming zip library marked the sheet (size unknown) Zip64,
    with 0xFFFFFFFF sizes in its local header and a central directory without Zip64 –
    a layout Excel refuses. The export is now Python's zipfile writing to a stream: every
    member's local header has zero sizes and the data-descriptor flag, no Zip64 field, and
    the central directory has the real sizes."""
    import io
    import struct
    import zipfile

    veel_aanbestedingen(actieplan, 700, startjaar=2026)
    client = client_als("management")
    antwoord = client.get(
        reverse("aanbestedingskalender:export", args=[actieplan.pk]) + "?formaat=xlsx"
    )
    inhoud = antwoord.getvalue()
    archief = zipfile.ZipFile(io.BytesIO(inhoud))
    assert archief.testzip() is None
    for info in archief.infolist():
        (
            handtekening,
            _versie,
            vlag,
            _methode,
            _tijd,
            _datum,
            _crc,
            gepakt,
            ongepakt,
            naamlengte,
            extralengte,
        ) = struct.unpack("<IHHHHHIIIHH", inhoud[info.header_offset : info.header_offset + 30])
        assert handtekening == 0x04034B50, info.filename
        assert vlag & 0x08, info.filename  # sizes follow in a data descriptor
        assert (gepakt, ongepakt) == (0, 0), info.filename  # never 0xFFFFFFFF (Zip64)
        extra = inhoud[info.header_offset + 30 + naamlengte :][:extralengte]
        assert b"\x01\x00" not in extra[:2], info.filename  # no Zip64 extra field
        assert info.file_size > 0 and info.compress_size > 0
    assert {"xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"} <= set(
        archief.namelist()
    )


def test_the_export_sent_after_the_request_reads_one_snapshot(
    referentiegegevens_transactioneel, client_als, actieplan
):
    """As in production: the streamed rows are read after the request's own transaction has
    ended, in a transaction of their own that first asks PostgreSQL for one snapshot
    (REPEATABLE READ) – its first statement, or PostgreSQL refuses (the first version did
    it inside the test's transaction only, where that is skipped)."""
    import io

    from openpyxl import load_workbook

    veel_aanbestedingen(actieplan, 700, startjaar=2026)
    antwoord = client_als("management").get(
        reverse("aanbestedingskalender:export", args=[actieplan.pk]) + "?formaat=xlsx"
    )
    blad = load_workbook(io.BytesIO(antwoord.getvalue())).active
    assert blad.max_row == 701
