"""Two things WeasyPrint's PDF/UA output leaves to us (issue 23), done in WeasyPrint's
`finisher` hook on the PDF's objects before they are written (no second pass over the
file):

- Running headers and page numbers are artifacts. WeasyPrint marks the page's margin
  boxes (our running header and "Pagina n van m") as tagged content that no element of the
  structure tree holds; a screen reader would find text that belongs nowhere. Their marked
  content becomes `/Artifact <</Type /Pagination>>`.
- Table headers carry their scope. WeasyPrint links cells to headers by ID, without the
  `/Scope` attribute that PDF/UA checkers and assistive technology look for. Our templates
  follow one rule (tests/plandocument/test_toegankelijkheid.py checks the HTML): a header
  in `<thead>` has scope="col", a header in a body row has scope="row"; so a TH under a
  THead gets `/Scope /Column`, any other TH `/Scope /Row`.

`tests/plandocument/test_toegankelijkheid.py` walks both variants' structure trees in the
written file, so a WeasyPrint upgrade that changes what this relies on fails there.
"""


def _object(pdf, verwijzing):
    """The pydyf object a reference (b"12 0 R") points at; anything else is returned as is
    (an MCID number)."""
    if isinstance(verwijzing, bytes) and verwijzing.endswith(b" R"):
        return pdf.objects[int(verwijzing.split()[0])]
    return verwijzing


def _kinderen(element) -> list:
    kinderen = element.get("K")
    if kinderen is None:
        return []
    return list(kinderen) if isinstance(kinderen, list) else [kinderen]


def afwerken(document, pdf) -> None:
    """The finisher: called by WeasyPrint with the rendered document and the pydyf PDF."""
    verwijzing = pdf.catalog.get("StructTreeRoot")
    if verwijzing is None:
        return
    wortel = _object(pdf, verwijzing)

    # Every element reachable from the root; each TH gets its scope on the way.
    bereikbaar: set[int] = set()
    stapel = [(k, False) for k in _kinderen(wortel)]
    while stapel:
        kind, in_thead = stapel.pop()
        element = _object(pdf, kind)
        if not isinstance(element, dict) or id(element) in bereikbaar:
            continue
        bereikbaar.add(id(element))
        soort = element.get("S")
        if soort == "/TH":
            attributen = element.get("A")
            if attributen is None:
                attributen = element["A"] = type(element)({"O": "/Table"})
            attributen["Scope"] = "/Column" if in_thead else "/Row"
        stapel.extend((k, in_thead or soort == "/THead") for k in _kinderen(element))

    # Per page, the MCIDs whose element is not in the tree (the margin boxes): their
    # marked content in the page's stream becomes a pagination artifact.
    nums = _object(pdf, wortel["ParentTree"])["Nums"]
    per_pagina = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}
    for paginanummer, pagina_nummer_object in enumerate(pdf.pages["Kids"][::3]):
        pagina = pdf.objects[pagina_nummer_object]
        elementen = per_pagina.get(pagina.get("StructParents", paginanummer))
        if not isinstance(elementen, list):
            continue
        los = {
            mcid
            for mcid, verwijzing in enumerate(elementen)
            if id(_object(pdf, verwijzing)) not in bereikbaar
        }
        if not los:
            continue
        stroom = _object(pdf, pagina["Contents"]).stream
        for i in range(1, len(stroom) - 1):
            eigenschappen = stroom[i]
            if (
                stroom[i + 1] == b"BDC"
                and isinstance(eigenschappen, dict)
                and eigenschappen.get("MCID") in los
            ):
                stroom[i - 1] = "/Artifact"
                stroom[i] = type(eigenschappen)({"Type": "/Pagination"})
