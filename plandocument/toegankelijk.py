"""Two things WeasyPrint's PDF/UA output leaves to us (issue 23), done on the finished PDF
with pypdf, appended as an incremental update (the rendered bytes stay as they are):

- Running headers and page numbers are artifacts. WeasyPrint marks the page's margin
  boxes (our running header and "Pagina n van m") as tagged content that no element of the
  structure tree holds; a screen reader would find text that belongs nowhere. Their marked
  content becomes `/Artifact <</Type /Pagination>>`.
- Table headers carry their scope. WeasyPrint links cells to headers by ID, without the
  `/Scope` attribute that PDF/UA checkers and assistive technology look for. Our templates
  follow one rule (tests/plandocument/test_toegankelijkheid.py checks the HTML): a header
  in `<thead>` has scope="col", a header in a body row has scope="row"; so a TH under a
  THead gets `/Scope /Column`, any other TH `/Scope /Row`.

`tests/plandocument/test_toegankelijkheid.py` walks the structure tree of both variants.
"""

import io
import re

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

_GEMARKEERD = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")
ARTEFACT = b"/Artifact\n<</Type /Pagination>>\nBDC"


def _kinderen(element) -> list:
    kinderen = element.get("/K")
    if kinderen is None:
        return []
    return list(kinderen) if isinstance(kinderen, ArrayObject) else [kinderen]


def _boom(wortel) -> tuple[set[int], list]:
    """The object numbers of every element reachable from the root, and every TH with
    whether it sits under a THead."""
    bereikbaar: set[int] = set()
    koppen = []
    stapel = [(k, False) for k in _kinderen(wortel)]
    while stapel:
        verwijzing, in_thead = stapel.pop()
        if not hasattr(verwijzing, "idnum"):
            continue  # an MCID number or a marked-content reference
        element = verwijzing.get_object()
        if not isinstance(element, DictionaryObject) or verwijzing.idnum in bereikbaar:
            continue
        bereikbaar.add(verwijzing.idnum)
        soort = element.get("/S")
        if soort == "/TH":
            koppen.append((element, in_thead))
        stapel.extend((k, in_thead or soort == "/THead") for k in _kinderen(element))
    return bereikbaar, koppen


def afwerken(inhoud: bytes) -> bytes:
    lezer = PdfReader(io.BytesIO(inhoud))
    schrijver = PdfWriter(lezer, incremental=True)
    wortel = schrijver.root_object.get("/StructTreeRoot")
    if wortel is None:
        return inhoud
    wortel = wortel.get_object()
    bereikbaar, koppen = _boom(wortel)

    for kop, in_thead in koppen:
        attributen = kop.get("/A")
        if not isinstance(attributen, DictionaryObject):
            attributen = DictionaryObject({NameObject("/O"): NameObject("/Table")})
            kop[NameObject("/A")] = attributen
        attributen[NameObject("/Scope")] = NameObject("/Column" if in_thead else "/Row")

    # Per page, the MCIDs whose element is not in the tree: the margin boxes.
    nums = wortel["/ParentTree"].get_object()["/Nums"]
    per_pagina = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for pagina in schrijver.pages:
        sleutel = pagina.get("/StructParents")
        elementen = per_pagina.get(int(sleutel)) if sleutel is not None else None
        if not isinstance(elementen, ArrayObject):
            continue
        los = {
            mcid
            for mcid, verwijzing in enumerate(elementen)
            if hasattr(verwijzing, "idnum") and verwijzing.idnum not in bereikbaar
        }
        if not los:
            continue
        gewijzigd = False
        inhoud_pagina = pagina["/Contents"].get_object()
        stromen = (
            [s.get_object() for s in inhoud_pagina]
            if isinstance(inhoud_pagina, ArrayObject)
            else [inhoud_pagina]
        )
        for stroom in stromen:
            data = stroom.get_data()
            nieuw = _GEMARKEERD.sub(
                lambda m, los=los: ARTEFACT if int(m.group(2)) in los else m.group(0), data
            )
            if nieuw != data:
                stroom.set_data(nieuw)
                gewijzigd = True
        if gewijzigd:
            pagina.compress_content_streams()
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()
