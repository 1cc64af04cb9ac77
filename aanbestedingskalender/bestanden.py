"""Reading uploaded calendars and writing exports safely.

Exports escape formulas: in .xlsx every text is written as a text cell (a value that starts
with = + - @ never becomes a formula); in .csv such a value gets a leading apostrophe, which
the import takes off again, so an export imports back unchanged.
"""

import csv
import io
import zipfile
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

import openpyxl
import tablib
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

MAX_BESTANDSGROOTTE = 2 * 1024 * 1024  # 2 MB: thousands of tenders
# An .xlsx is a zip of a dozen XML parts. These bounds are far above any real calendar
# and far below what would exhaust a worker: a 2 MB zip can unpack to gigabytes.
MAX_UITGEPAKT = 50 * 1024 * 1024
MAX_ZIPDELEN = 1_000
GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")
FORMATEN = ("xlsx", "csv")

# openpyxl parses with defusedxml when it is installed (it is, in requirements.txt): a
# DOCTYPE with entities is then refused instead of expanded or fetched.
if not openpyxl.DEFUSEDXML:
    raise ImportError("defusedxml ontbreekt: zonder leest openpyxl XML-entiteiten.")


def max_rijen() -> int:
    """Rows one import may hold: bounds the work of one upload (see IMPORT_MAX_RIJEN)."""
    return settings.IMPORT_MAX_RIJEN


class BestandFout(Exception):
    """The file cannot be read; the message is for the user. Where the fault lies in one
    cell, `rij` (the header row counting as 1) and `kolom` say which."""

    def __init__(self, melding: str, *, rij: int | None = None, kolom: str | None = None):
        super().__init__(melding)
        self.rij = rij
        self.kolom = kolom


class VeiligeXLSX(base_formats.XLSX):
    def export_data(self, dataset, uitleg=(), **kwargs):
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
        if uitleg:  # a second sheet: the import reads the first sheet only
            toelichting = werkboek.create_sheet(_("Uitleg")[:31])
            for regel in uitleg:
                toelichting.append([regel])
                toelichting.cell(row=toelichting.max_row, column=1).data_type = "s"
            toelichting.column_dimensions["A"].width = 110
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


def exporteren(dataset: tablib.Dataset, formaat: str, *, uitleg: list[str] = ()) -> bytes:
    if formaat == "xlsx":
        return VeiligeXLSX().export_data(dataset, uitleg=uitleg)
    return VeiligeCSV().export_data(dataset)


def max_rijen_tekst() -> str:
    return number_format(max_rijen(), force_grouping=True)  # 1.000 in Dutch


def sjabloon_uitleg() -> list[str]:
    """The template's second sheet: how to fill in the first."""
    return [
        _("Aanbestedingskalender importeren"),
        _("Vul het eerste blad in: één rij per aanbesteding, de kolomnamen in de eerste rij."),
        _(
            "Hoogstens %(max)s aanbestedingen per bestand en hoogstens 2 MB; splits een "
            "grotere kalender in meer bestanden."
        )
        % {"max": max_rijen_tekst()},
        _("Het kenmerk is de sleutel: een bekend kenmerk wordt bijgewerkt, een nieuw toegevoegd."),
        _(
            "Per thema een kolom: leeg (niet toepasbaar), ‘toepasbaar’, "
            "‘toegepast: gunningscriterium, significant’ of ‘niet toegepast: uitleg’."
        ),
        _("Geen formules: zet in elke cel de waarde zelf."),
        _("Bevat het bestand een fout, dan verandert er niets."),
    ]


def formaat_van(bestandsnaam: str) -> str:
    formaat = PurePath(bestandsnaam).suffix.lower().lstrip(".")
    if formaat not in FORMATEN:
        raise BestandFout(
            _("Kies een .xlsx- of .csv-bestand; '%(naam)s' is dat niet.") % {"naam": bestandsnaam}
        )
    return formaat


def lezen(inhoud: bytes, formaat: str) -> tablib.Dataset:
    """The first sheet (or the CSV) as a dataset with the first row as headers.

    Reading stops at the first row beyond `max_rijen()`, so the row limit is checked
    before any row is imported or even checked."""
    if not inhoud.strip():
        raise BestandFout(_("Het bestand is leeg."))
    if len(inhoud) > MAX_BESTANDSGROOTTE:
        raise BestandFout(_("Het bestand is groter dan 2 MB."))
    rijen = _rijen_xlsx(inhoud) if formaat == "xlsx" else _rijen_csv(inhoud)
    dataset = _dataset(rijen)
    dataset.headers = [str(kop or "").strip() for kop in dataset.headers or []]
    if not any(dataset.headers):
        raise BestandFout(_("Het bestand is leeg: de eerste rij met kolomnamen ontbreekt."))
    if not dataset.height:
        raise BestandFout(_("Het bestand bevat kolomnamen maar geen aanbestedingen."))
    return dataset


def _dataset(rijen) -> tablib.Dataset:
    """The header row and at most max_rijen() rows after it; more is an error."""
    dataset = tablib.Dataset()
    koppen = next(rijen, None)
    if koppen is None:
        return dataset
    dataset.headers = koppen
    for aantal, rij in enumerate(rijen, start=1):
        if aantal > max_rijen():
            raise BestandFout(
                _(
                    "Het bestand bevat meer dan %(max)s aanbestedingen. Importeer hoogstens "
                    "%(max)s rijen per keer: splits het bestand."
                )
                % {"max": max_rijen_tekst()}
            )
        dataset.append((list(rij) + [None] * len(koppen))[: len(koppen)])
    return dataset


def _rijen_xlsx(inhoud: bytes):
    _controleer_zip(inhoud)
    try:
        # read_only streams the sheet; data_only=False keeps formulas visible, so that
        # a formula is refused instead of being read as its cached (or missing) result.
        werkboek = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
        blad = werkboek.active
        rijen = blad.iter_rows() if blad is not None else iter(())
        koppen = None
        for rijnummer, rij in enumerate(rijen, start=1):
            waarden = []
            for cel in rij:
                if getattr(cel, "data_type", None) == "f":
                    raise BestandFout(
                        _(
                            "Deze cel bevat een formule. Zet er de waarde zelf in "
                            "(kopiëren en ‘plakken als waarde’)."
                        ),
                        rij=rijnummer,
                        kolom=_kolomnaam(koppen, len(waarden)),
                    )
                waarden.append(getattr(cel, "value", None))
            if koppen is None:
                koppen = waarden
            yield waarden
    except BestandFout:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        InvalidFileException,
        ParseError,
        KeyError,
        ValueError,  # also defusedxml's refusals, which openpyxl wraps in a ValueError
        TypeError,
        OSError,
    ) as fout:
        if _geweigerd_door_defusedxml(fout):
            raise BestandFout(
                _(
                    "Dit Excel-bestand bevat XML-constructies (entiteiten of een DOCTYPE) die "
                    "we om veiligheidsredenen niet lezen. Sla het opnieuw op als .xlsx."
                )
            ) from fout
        raise BestandFout(
            _("Dit Excel-bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx.")
        ) from fout


def _geweigerd_door_defusedxml(fout: BaseException | None) -> bool:
    while fout is not None:
        if isinstance(fout, DefusedXmlException):
            return True
        fout = fout.__cause__ or fout.__context__
    return False


def _kolomnaam(koppen: list | None, index: int) -> str | None:
    if koppen is None or index >= len(koppen):
        return None
    return str(koppen[index] or "").strip() or None


def _controleer_zip(inhoud: bytes) -> None:
    """Refuse what is no zip, or a zip whose parts unpack to too much (a zip bomb) or are
    too many, before a single part is unpacked. The sizes checked are the ones declared
    in the zip's directory; zipfile never unpacks a part beyond its declared size."""
    bericht = _("Dit bestand is geen Excel-bestand (.xlsx), al heeft het die extensie.")
    if not zipfile.is_zipfile(io.BytesIO(inhoud)):
        raise BestandFout(bericht)
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as fout:
        raise BestandFout(bericht) from fout
    if len(delen) > MAX_ZIPDELEN or sum(deel.file_size for deel in delen) > MAX_UITGEPAKT:
        raise BestandFout(
            _(
                "Dit Excel-bestand is uitgepakt veel groter dan een kalender kan zijn; "
                "we lezen het niet. Sla het opnieuw op als .xlsx met alleen de kalender."
            )
        )


def _rijen_csv(inhoud: bytes):
    if b"\x00" in inhoud[:4096] or inhoud.startswith(b"PK\x03\x04"):
        raise BestandFout(_("Dit bestand is geen CSV-bestand (tekst), al heeft het die extensie."))
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")  # Excel's own CSV on Windows
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    try:
        for rij in csv.reader(io.StringIO(tekst), delimiter=scheiding):
            if any(cel.strip() for cel in rij):
                yield [_csv_terug(cel) for cel in rij]
    except csv.Error as fout:
        raise BestandFout(
            _("Dit CSV-bestand kan niet worden gelezen: %(fout)s.") % {"fout": fout}
        ) from fout


def _csv_terug(cel: str) -> str:
    return cel[1:] if cel.startswith("'") and cel[1:].startswith(GEVAARLIJK_BEGIN) else cel
