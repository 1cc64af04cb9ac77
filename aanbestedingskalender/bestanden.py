"""Reading uploaded calendars and writing exports safely.

Exports escape formulas: in .xlsx every text is written as a text cell (a value that starts
with = + - @ never becomes a formula); in .csv such a value gets a leading apostrophe, which
the import takes off again, so an export imports back unchanged.
"""

import csv
import io
import zipfile
from pathlib import PurePath

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

MAX_BESTANDSGROOTTE = 2 * 1024 * 1024  # 2 MB: thousands of tenders
GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")
FORMATEN = ("xlsx", "csv")


class BestandFout(Exception):
    """The file as a whole cannot be read; the message is for the user."""


class VeiligeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        werkboek = Workbook()
        blad = werkboek.active
        blad.title = _("Aanbestedingskalender")[:31]
        blad.append(dataset.headers)
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij_index, rij in enumerate(dataset, start=2):
            for kolom_index, waarde in enumerate(rij, start=1):
                cel = blad.cell(row=rij_index, column=kolom_index, value=waarde)
                if isinstance(waarde, str):
                    cel.data_type = "s"  # text, never a formula
        blad.freeze_panes = "C2"
        uitvoer = io.BytesIO()
        werkboek.save(uitvoer)
        return uitvoer.getvalue()


class VeiligeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        uitvoer = io.StringIO()
        schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(dataset.headers)
        for rij in dataset:
            schrijver.writerow([_csv_cel(waarde) for waarde in rij])
        return uitvoer.getvalue().encode("utf-8-sig")  # with BOM, so Excel reads UTF-8


def _csv_cel(waarde) -> str:
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(GEVAARLIJK_BEGIN) else tekst


def exporteren(dataset: tablib.Dataset, formaat: str) -> bytes:
    return (VeiligeXLSX if formaat == "xlsx" else VeiligeCSV)().export_data(dataset)


def formaat_van(bestandsnaam: str) -> str:
    formaat = PurePath(bestandsnaam).suffix.lower().lstrip(".")
    if formaat not in FORMATEN:
        raise BestandFout(
            _("Kies een .xlsx- of .csv-bestand; '%(naam)s' is dat niet.") % {"naam": bestandsnaam}
        )
    return formaat


def lezen(inhoud: bytes, formaat: str) -> tablib.Dataset:
    """The first sheet (or the CSV) as a dataset with the first row as headers."""
    if not inhoud.strip():
        raise BestandFout(_("Het bestand is leeg."))
    if len(inhoud) > MAX_BESTANDSGROOTTE:
        raise BestandFout(_("Het bestand is groter dan 2 MB."))
    dataset = _lees_xlsx(inhoud) if formaat == "xlsx" else _lees_csv(inhoud)
    dataset.headers = [str(kop or "").strip() for kop in dataset.headers or []]
    if not any(dataset.headers):
        raise BestandFout(_("Het bestand is leeg: de eerste rij met kolomnamen ontbreekt."))
    if not dataset.height:
        raise BestandFout(_("Het bestand bevat kolomnamen maar geen aanbestedingen."))
    return dataset


def _lees_xlsx(inhoud: bytes) -> tablib.Dataset:
    if not zipfile.is_zipfile(io.BytesIO(inhoud)):
        raise BestandFout(
            _("Dit bestand is geen Excel-bestand (.xlsx), al heeft het die extensie.")
        )
    try:
        return base_formats.XLSX().create_dataset(inhoud)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as fout:
        raise BestandFout(
            _("Dit Excel-bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx.")
        ) from fout


def _lees_csv(inhoud: bytes) -> tablib.Dataset:
    if b"\x00" in inhoud[:4096] or inhoud.startswith(b"PK\x03\x04"):
        raise BestandFout(_("Dit bestand is geen CSV-bestand (tekst), al heeft het die extensie."))
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")  # Excel's own CSV on Windows
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    rijen = [
        [_csv_terug(cel) for cel in rij]
        for rij in csv.reader(io.StringIO(tekst), delimiter=scheiding)
        if any(cel.strip() for cel in rij)
    ]
    dataset = tablib.Dataset()
    if not rijen:
        return dataset
    koppen, *data = rijen
    dataset.headers = koppen
    for rij in data:
        dataset.append((rij + [""] * len(koppen))[: len(koppen)])
    return dataset


def _csv_terug(cel: str) -> str:
    return cel[1:] if cel.startswith("'") and cel[1:].startswith(GEVAARLIJK_BEGIN) else cel
