"""The calendar's export written as it is read and sent as it is written: a .csv row by row,
an .xlsx (a zip of XML) member by member with its sheet row by row. The first bytes leave
before the last tender is read, and memory stays flat however long the calendar (issue 26:
10,000 tenders took 4.3 s before the first byte, all of it in memory).

The zip is Python's own zipfile writing to a stream it cannot seek in: each member's local
header holds zero sizes and a 32-bit data descriptor follows its data – the layout of
Java's ZipOutputStream, which Excel opens. Not Zip64 (a streaming zip library marks
members of unknown size Zip64, with sizes in the local header that disagree with the
central directory: Excel refuses or repairs that); a sheet of over 2 GiB would fail loudly
instead, far beyond the import's 5,000 rows.

The .xlsx is written by hand, as openpyxl would for these values: every text an inline
text cell (never a formula), amounts number cells in euros, other numbers number cells,
the header row bold and frozen with the first two columns, an autofilter over the rows.
"""

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

RIJEN_PER_STUK = 200  # rows written (and compressed) at a time

# Characters XML 1.0 cannot hold (openpyxl refuses them): left out of a cell's text.
_ONGELDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_HOOFD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# Cell styles (styles.xml's cellXfs): 0 plain, 1 an amount in euros, 2 bold (the header).
GEWOON, BEDRAG, VET = 0, 1, 2
EURO = '"€" #,##0.00'


def csv_stroom(koppen: list[str], rijen: Iterable[list], cel) -> Iterator[bytes]:
    """A Dutch .csv (semicolons, UTF-8 with BOM), `cel` turning a value into its text."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(koppen)
    yield "\ufeff".encode() + buffer.getvalue().encode()
    stuk = []
    for nummer, rij in enumerate(rijen, start=1):
        stuk.append([cel(waarde) for waarde in rij])
        if nummer % RIJEN_PER_STUK == 0:
            yield _csv_regels(stuk)
            stuk = []
    if stuk:
        yield _csv_regels(stuk)


def _csv_regels(rijen: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rijen)
    return buffer.getvalue().encode()


def _tekst(waarde: str) -> str:
    tekst = escape(_ONGELDIG.sub("", waarde))
    ruimte = ' xml:space="preserve"' if tekst != tekst.strip() or "\n" in tekst else ""
    return f"<is><t{ruimte}>{tekst}</t></is>"


def _cel(ref: str, waarde, stijl: int) -> str:
    if waarde is None or waarde == "":
        return ""
    s = f' s="{stijl}"' if stijl else ""
    if isinstance(waarde, Decimal):
        return f'<c r="{ref}"{s}><v>{format(waarde, "f")}</v></c>'
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return f'<c r="{ref}"{s}><v>{waarde}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr">{_tekst(str(waarde))}</c>'


def _rij(nummer: int, waarden: list, letters: list[str], stijlen: list[int]) -> str:
    cellen = "".join(
        _cel(f"{letter}{nummer}", waarde, stijl)
        for letter, waarde, stijl in zip(letters, waarden, stijlen, strict=False)
    )
    return f'<row r="{nummer}">{cellen}</row>'


def xlsx_stroom(
    koppen: list[str], rijen: Iterable[list], *, blad: str, breedtes: list[int]
) -> Iterator[bytes]:
    """An .xlsx of one sheet named `blad`: the header row, then `rijen`; `breedtes` per
    column (characters). A column whose header says (€) holds amounts."""
    letters = [get_column_letter(i + 1) for i in range(max(len(koppen), 1))]
    stijlen = [BEDRAG if "(€)" in kop else GEWOON for kop in koppen]
    geteld = {"rijen": 0}
    blad = blad[:31]

    def werkblad() -> Iterator[bytes]:
        kolommen = "".join(
            f'<col min="{i}" max="{i}" width="{b}" customWidth="1"/>'
            for i, b in enumerate(breedtes, start=1)
        )
        yield (
            f'{_HOOFD}<worksheet {_NS} {_NS_R}><sheetViews><sheetView workbookViewId="0">'
            '<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" '
            'state="frozen"/><selection pane="bottomRight" activeCell="C2" sqref="C2"/>'
            '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{kolommen}</cols><sheetData>" + _rij(1, koppen, letters, [VET] * len(koppen))
        ).encode()
        stuk = []
        for nummer, rij in enumerate(rijen, start=2):
            stuk.append(_rij(nummer, rij, letters, stijlen))
            geteld["rijen"] = nummer - 1
            if len(stuk) == RIJEN_PER_STUK:
                yield "".join(stuk).encode()
                stuk = []
        yield (
            "".join(stuk)
            + f'</sheetData><autoFilter ref="{_filter(letters, geteld)}"/></worksheet>'
        ).encode()

    def werkboek() -> Iterator[bytes]:
        # Written after the sheet: the filter's range needs the number of rows.
        bereik = _filter(letters, geteld, absoluut=True)
        yield (
            f"{_HOOFD}<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
            f'<sheets><sheet name={quoteattr(blad)} sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">{escape(_blad_naam(blad))}!{bereik}</definedName></definedNames>'
            "</workbook>"
        ).encode()

    yield from zip_stroom(
        [
            ("[Content_Types].xml", [_INHOUDSTYPEN.encode()]),
            ("_rels/.rels", [_RELS.encode()]),
            ("xl/_rels/workbook.xml.rels", [_WERKBOEK_RELS.encode()]),
            ("xl/styles.xml", [_STIJLEN.encode()]),
            ("xl/worksheets/sheet1.xml", werkblad()),
            ("xl/workbook.xml", werkboek()),
        ]
    )


class _Stroom(io.RawIOBase):
    """Where zipfile writes: kept until taken, and not seekable (so zipfile writes data
    descriptors instead of going back to fill in the sizes)."""

    def __init__(self):
        self._stukken: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, inhoud) -> int:
        self._stukken.append(bytes(inhoud))
        return len(inhoud)

    def nemen(self) -> bytes:
        inhoud = b"".join(self._stukken)
        self._stukken.clear()
        return inhoud


def zip_stroom(leden: list[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    """A deflated zip of `leden` (name, pieces of its content), given out as it is made."""
    stroom = _Stroom()
    with zipfile.ZipFile(stroom, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        for naam, stukken in leden:
            info = zipfile.ZipInfo(naam, date_time=time.localtime()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with zip_.open(info, "w") as lid:
                for stuk in stukken:
                    lid.write(stuk)
                    if inhoud := stroom.nemen():
                        yield inhoud
    yield stroom.nemen()


def _filter(letters: list[str], geteld: dict, *, absoluut: bool = False) -> str:
    laatste = geteld["rijen"] + 1
    if absoluut:
        return f"${letters[0]}$1:${letters[-1]}${laatste}"
    return f"{letters[0]}1:{letters[-1]}{laatste}"


def _blad_naam(blad: str) -> str:
    return "'" + blad.replace("'", "''") + "'"


_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_INHOUDSTYPEN = (
    f'{_HOOFD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.styles+xml"/>'
    "</Types>"
)
_RELS = (
    f'{_HOOFD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WERKBOEK_RELS = (
    f'{_HOOFD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STIJLEN = (
    f"{_HOOFD}<styleSheet {_NS}>"
    f'<numFmts count="1"><numFmt numFmtId="164" formatCode={quoteattr(EURO)}/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
