"""Reading uploaded calendars and writing exports safely.

Exports escape formulas: in .xlsx every text is written as a text cell (a value that starts
with = + - @ never becomes a formula); in .csv such a value gets a leading apostrophe, which
the import takes off again, so an export imports back unchanged.
"""

import csv
import datetime
import io
import logging
import zipfile
from decimal import Decimal
from pathlib import PurePath

import openpyxl
import tablib
from defusedxml import DefusedXmlException
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from basis.getallen import getal_tonen

from . import stroom

MB = 1024 * 1024
# The largest upload follows the row limit too: the app's own CSV with every column filled
# takes about 0.6 KB a row (0.2 KB zipped as .xlsx): a MB per 1,000 rows, at least 2 MB.
RIJEN_PER_MB = 1000
MIN_MB = 2
# An .xlsx is a zip of a dozen XML parts. These bounds are far above any real calendar
# and far below what would exhaust a worker: a small zip can unpack to gigabytes. Read
# row by row (openpyxl's read-only mode), 11 MB of XML parses in 0.6 s (measured with a
# hostile 100-column sheet, 0.17 MB zipped). The XML bound follows the row limit: the app's
# own export with every column filled takes about 1.2 KB a row (5,000 rows: 5.95 MB, over
# the fixed 5 MB this was), so whatever the export writes within the row limit imports.
XML_PER_RIJ = 2 * 1024
XML_VAST = 1024 * 1024  # the parts of a workbook that are not rows (styles, the sheet's frame)
MAX_UITGEPAKT = 50 * 1024 * 1024  # with pictures (xl/media), which are not parsed
MAX_ZIPDELEN = 1_000
MAX_KOLOMMEN = 100
GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")
FORMATEN = ("xlsx", "csv")
INHOUDSTYPEN = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
EURO = '"€" #,##0.00'  # Excel shows it with the reader's own separators

logger = logging.getLogger(__name__)

# openpyxl parses with defusedxml when it is installed (it is, in requirements.txt): a
# DOCTYPE with entities is then refused instead of expanded or fetched.
if not openpyxl.DEFUSEDXML:
    raise ImportError("defusedxml ontbreekt: zonder leest openpyxl XML-entiteiten.")


def max_rijen() -> int:
    """Rows one import may hold: bounds the work of one upload (see IMPORT_MAX_RIJEN)."""
    return settings.IMPORT_MAX_RIJEN


def _max_mb() -> int:
    return max(MIN_MB, -(-max_rijen() // RIJEN_PER_MB))  # rounded up


def max_bestandsgrootte() -> int:
    """The largest file one import reads (5 MB at 5,000 rows)."""
    return _max_mb() * MB


def max_mb_tekst() -> str:
    return str(_max_mb())


def max_xml() -> int:
    """The XML an .xlsx of max_rijen() rows may unpack to (11 MB at 5,000 rows)."""
    return XML_VAST + max_rijen() * XML_PER_RIJ


class BestandFout(Exception):
    """The file cannot be read; the message is for the user. Where the fault lies in one
    cell, `rij` (the header row counting as 1) and `kolom` say which."""

    def __init__(self, melding: str, *, rij: int | None = None, kolom: str | None = None):
        super().__init__(melding)
        self.rij = rij
        self.kolom = kolom


class VeiligeXLSX(base_formats.XLSX):
    """openpyxl's write-only mode: rows are streamed into the file instead of kept as cell
    objects (3,000 tenders: about twice as fast, a fraction of the memory). Every text is a
    text cell, never a formula; amounts are number cells shown in euros."""

    def export_data(self, dataset, uitleg=(), **kwargs):
        werkboek = Workbook(write_only=True)
        blad = werkboek.create_sheet(_("Aanbestedingskalender")[:31])
        koppen = list(dataset.headers)
        # What a write-only sheet needs before its rows: widths, frozen panes, filter.
        for index, kop in enumerate(koppen):
            breedte = max([len(str(kop))] + [len(str(w or "")) for w in dataset.get_col(index)])
            blad.column_dimensions[get_column_letter(index + 1)].width = min(breedte + 3, 60)
        blad.freeze_panes = "C2"  # the header row and the kenmerk/naam columns stay put
        blad.auto_filter.ref = f"A1:{get_column_letter(max(len(koppen), 1))}{len(dataset) + 1}"
        vet = Font(bold=True)
        blad.append([_cel(blad, kop, font=vet) for kop in koppen])
        bedragen = {i for i, kop in enumerate(koppen) if "(€)" in kop}
        for rij in dataset:
            blad.append(
                [
                    _cel(blad, waarde, bedrag=i in bedragen and waarde is not None)
                    for i, waarde in enumerate(rij)
                ]
            )
        if uitleg:  # a second sheet: the import reads the first sheet only
            toelichting = werkboek.create_sheet(_("Uitleg")[:31])
            toelichting.column_dimensions["A"].width = 110
            for regel in uitleg:
                toelichting.append([_cel(toelichting, regel)])
        uitvoer = io.BytesIO()
        werkboek.save(uitvoer)
        return uitvoer.getvalue()


def _cel(blad, waarde, *, font=None, bedrag=False):
    """A plain value where openpyxl writes it right; a cell of our own for a text that
    openpyxl would take for a formula (it begins with =), an amount, or a bold header."""
    if not (font or bedrag or (isinstance(waarde, str) and waarde.startswith("="))):
        return waarde
    cel = WriteOnlyCell(blad, value=waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # text, never a formula
    if font:
        cel.font = font
    if bedrag:
        cel.number_format = EURO  # a number cell, shown as € 1.250.000,00
    return cel


class VeiligeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        uitvoer = io.StringIO()
        schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(dataset.headers)
        for rij in dataset:
            schrijver.writerow([_csv_cel(waarde) for waarde in rij])
        return uitvoer.getvalue().encode("utf-8-sig")  # with BOM, so Excel reads UTF-8


def _csv_cel(waarde) -> str:
    if isinstance(waarde, Decimal | float | int) and not isinstance(waarde, bool):
        # A Dutch decimal (1250000,5), as Excel in Dutch reads it; never 1.8E+5.
        return format(Decimal(str(waarde)).normalize(), "f").replace(".", ",")
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(GEVAARLIJK_BEGIN) else tekst


def exporteren(dataset: tablib.Dataset, formaat: str, *, uitleg: list[str] = ()) -> bytes:
    if formaat == "xlsx":
        return VeiligeXLSX().export_data(dataset, uitleg=uitleg)
    return VeiligeCSV().export_data(dataset)


def stroom_antwoord(koppen: list[str], rijen, formaat: str, naam: str) -> StreamingHttpResponse:
    """A download written as it is sent (stroom.py): rows are read, written and sent a few
    hundred at a time. `rijen` first gives the column widths (read with the rows), then
    the rows."""
    rijen = iter(rijen)
    if formaat == "xlsx":
        inhoud = _xlsx_met_breedtes(koppen, rijen)
    else:
        inhoud = _csv_zonder_breedtes(koppen, rijen)
    antwoord = StreamingHttpResponse(inhoud, content_type=INHOUDSTYPEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord


def _xlsx_met_breedtes(koppen, rijen):
    breedtes = next(rijen)
    yield from stroom.xlsx_stroom(koppen, rijen, blad=_("Aanbestedingskalender"), breedtes=breedtes)


def _csv_zonder_breedtes(koppen, rijen):
    next(rijen)  # a .csv has no widths
    yield from stroom.csv_stroom(koppen, rijen, _csv_cel)


def antwoord(inhoud: bytes, formaat: str, naam: str) -> HttpResponse:
    """A download of an exported file."""
    antwoord = HttpResponse(inhoud, content_type=INHOUDSTYPEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord


def max_rijen_tekst() -> str:
    return getal_tonen(max_rijen())  # 1.000 in Dutch


def sjabloon_uitleg() -> list[str]:
    """The template's second sheet: how to fill in the first."""
    return [
        _("Aanbestedingskalender importeren"),
        _("Vul het eerste blad in: één rij per aanbesteding, de kolomnamen in de eerste rij."),
        _(
            "Hoogstens %(max)s aanbestedingen per bestand en hoogstens %(mb)s MB; splits een "
            "grotere kalender in meer bestanden."
        )
        % {"max": max_rijen_tekst(), "mb": max_mb_tekst()},
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
    """The first sheet (or the CSV) as a dataset: the first non-empty row gives the
    headers, empty rows are skipped. `dataset.rijnummers` holds each row's number in the
    file (as the spreadsheet shows it) and `dataset.koprij` the header row's.

    Reading stops at the first row beyond `max_rijen()`, so the row limit is checked
    before any row is imported or even checked; the column limit likewise."""
    if not inhoud.strip():
        raise BestandFout(_("Het bestand is leeg."))
    if len(inhoud) > max_bestandsgrootte():
        raise BestandFout(_("Het bestand is groter dan %(mb)s MB.") % {"mb": max_mb_tekst()})
    rijen = _rijen_xlsx(inhoud) if formaat == "xlsx" else _rijen_csv(inhoud)
    return _dataset(rijen)


def _dataset(rijen) -> tablib.Dataset:
    """The header row and at most max_rijen() non-empty rows after it; more is an error."""
    eerste = next(rijen, None)
    if eerste is None:
        raise BestandFout(_("Het bestand is leeg: de eerste rij met kolomnamen ontbreekt."))
    koprij, koppen = eerste[0], [str(kop or "").strip() for kop in eerste[1]]
    while koppen and not koppen[-1]:  # formatted but empty cells right of the headers
        koppen.pop()
    if len(koppen) > MAX_KOLOMMEN:
        raise BestandFout(
            _("Het bestand heeft meer dan %(max)s kolommen; gebruik de kolommen van het sjabloon.")
            % {"max": MAX_KOLOMMEN},
            rij=koprij,
        )
    dataset = tablib.Dataset(headers=koppen)
    dataset.koprij = koprij
    dataset.rijnummers = []
    for aantal, (rijnummer, rij) in enumerate(rijen, start=1):
        if aantal > max_rijen():
            raise BestandFout(
                _(
                    "Het bestand bevat meer dan %(max)s aanbestedingen. Importeer hoogstens "
                    "%(max)s rijen per keer: splits het bestand."
                )
                % {"max": max_rijen_tekst()}
            )
        dataset.append((list(rij) + [None] * len(koppen))[: len(koppen)])
        dataset.rijnummers.append(rijnummer)
    if not dataset.height:
        raise BestandFout(_("Het bestand bevat kolomnamen maar geen aanbestedingen."))
    return dataset


# --- The read rows, kept with an upload (issue 26) ---------------------------------------
# The preview reads the file once; its rows are kept with the upload, so the confirm checks
# and imports the very same values without reading the file again (openpyxl took 1.5 s of
# a 5,000-row confirm). Each cell keeps its type: JSON's own (text, whole number,
# true/false, empty), or a number with a fraction, a date, a time or a duration as a tagged
# value – PostgreSQL's jsonb keeps numbers as decimals and gives 1e16 back as a whole
# number and -0.0 as 0.0, so a float travels as its repr.

_GETAGD = {
    "datetime": (datetime.datetime, datetime.datetime.fromisoformat),
    "date": (datetime.date, datetime.date.fromisoformat),
    "time": (datetime.time, datetime.time.fromisoformat),
}


def _cel_als_json(waarde):
    if waarde is None or isinstance(waarde, bool | int):
        return waarde
    if isinstance(waarde, str):
        if "\x00" in waarde:  # PostgreSQL's jsonb holds no NUL character
            raise ValueError("NUL")
        return waarde
    if isinstance(waarde, float):
        return {"float": repr(waarde)}
    if isinstance(waarde, datetime.timedelta):
        return {"timedelta": [waarde.days, waarde.seconds, waarde.microseconds]}
    for tag, (soort, _terug) in _GETAGD.items():  # datetime before date: it is one too
        if isinstance(waarde, soort):
            return {tag: waarde.isoformat()}
    raise ValueError(type(waarde).__name__)


def _cel_uit_json(waarde):
    if not isinstance(waarde, dict):
        return waarde
    ((tag, tekst),) = waarde.items()
    if tag == "float":
        return float(tekst)
    if tag == "timedelta":
        dagen, seconden, microseconden = tekst
        return datetime.timedelta(days=dagen, seconds=seconden, microseconds=microseconden)
    return _GETAGD[tag][1](tekst)


def gelezen_als_json(dataset: tablib.Dataset) -> dict | None:
    """The dataset `lezen` gave, as JSON to keep with the upload (None: a value that JSON
    in the database cannot hold exactly; the confirm then reads the file again)."""
    try:
        rijen = [[_cel_als_json(waarde) for waarde in rij] for rij in dataset]
        _cel_als_json("".join(dataset.headers))  # a NUL in a header, too
    except ValueError:
        return None
    return {
        "koppen": list(dataset.headers),
        "koprij": dataset.koprij,
        "rijnummers": list(dataset.rijnummers),
        "rijen": rijen,
    }


def gelezen_uit_json(gegevens: dict) -> tablib.Dataset:
    """The dataset as `lezen` gave it at the preview."""
    dataset = tablib.Dataset(headers=gegevens["koppen"])
    dataset.koprij = gegevens["koprij"]
    dataset.rijnummers = list(gegevens["rijnummers"])
    for rij in gegevens["rijen"]:
        dataset.append([_cel_uit_json(waarde) for waarde in rij])
    return dataset


def _leeg(waarden) -> bool:
    return all(waarde is None or str(waarde).strip() == "" for waarde in waarden)


def _rijen_xlsx(inhoud: bytes):
    """(row number, values) of each non-empty row of the first sheet."""
    _controleer_zip(inhoud)
    try:
        # read_only streams the sheet; data_only=False keeps formulas visible, so that
        # a formula is refused instead of being read as its cached (or missing) result.
        werkboek = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
        blad = werkboek.worksheets[0] if werkboek.worksheets else None
        if blad is None or not hasattr(blad, "iter_rows"):
            raise BestandFout(_("Het eerste blad van dit Excel-bestand bevat geen tabel."))
        koppen = None
        for rijnummer, rij in enumerate(blad.iter_rows(max_col=MAX_KOLOMMEN + 1), start=1):
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
            if _leeg(waarden):
                continue
            if koppen is None:
                koppen = waarden
            yield rijnummer, waarden
    except BestandFout:
        raise
    except Exception as fout:
        # openpyxl is no hardened parser: a damaged or hostile file ends in many kinds of
        # exceptions (zlib.error, IndexError, AttributeError, ParseError, ...). Whatever
        # it is, it is the file's fault: say so, never answer 500.
        if _geweigerd_door_defusedxml(fout):
            raise BestandFout(
                _(
                    "Dit Excel-bestand bevat XML-constructies (entiteiten of een DOCTYPE) die "
                    "we om veiligheidsredenen niet lezen. Sla het opnieuw op als .xlsx."
                )
            ) from fout
        logger.info("Onleesbaar .xlsx-bestand: %s: %s", type(fout).__name__, fout)
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
    """Refuse what is no zip, or a zip whose parts unpack to too much (a zip bomb), whose
    XML is more than a calendar needs (every MB of XML costs about a second to parse), or
    that has too many parts, before a single part is unpacked. The sizes are the ones the
    zip's directory declares; zipfile never unpacks a part beyond its declared size."""
    bericht = _("Dit bestand is geen Excel-bestand (.xlsx), al heeft het die extensie.")
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except Exception as fout:  # not a zip, or a damaged one: whatever zipfile raises
        raise BestandFout(bericht) from fout
    xml = sum(deel.file_size for deel in delen if not deel.filename.startswith("xl/media/"))
    if (
        len(delen) > MAX_ZIPDELEN
        or xml > max_xml()
        or sum(deel.file_size for deel in delen) > MAX_UITGEPAKT
    ):
        raise BestandFout(
            _(
                "Dit Excel-bestand is uitgepakt veel groter dan een kalender kan zijn; "
                "we lezen het niet. Sla het opnieuw op als .xlsx met alleen de kalender."
            )
        )


def _rijen_csv(inhoud: bytes):
    """(row number, values) of each non-empty record."""
    # A NUL byte anywhere: no text file (and PostgreSQL stores no NUL in a text or JSON
    # value: a NUL in a cell or header would fail the save with a server error).
    if b"\x00" in inhoud or inhoud.startswith(b"PK\x03\x04"):
        raise BestandFout(_("Dit bestand is geen CSV-bestand (tekst), al heeft het die extensie."))
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")  # Excel's own CSV on Windows
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    try:
        lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
        for rijnummer, rij in enumerate(lezer, start=1):
            if not _leeg(rij):
                yield rijnummer, [_csv_terug(cel) for cel in rij]
    except csv.Error as fout:
        raise BestandFout(
            _("Dit CSV-bestand kan niet worden gelezen: %(fout)s.") % {"fout": fout}
        ) from fout


def _csv_terug(cel: str) -> str:
    return cel[1:] if cel.startswith("'") and cel[1:].startswith(GEVAARLIJK_BEGIN) else cel
