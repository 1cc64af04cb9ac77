"""Accessible by proof (issue 23): both variants of the demo plan's PDF, walked through
their structure tree with pypdf. Checked: the document's language, title and that viewers
show the title; marked and tagged; bookmarks for every section; every table header with
its scope (column in a header row, row otherwise) and every data cell linked to its
headers; every figure (chart, drawing, logo) with alternative text; running headers and
page numbers as artifacts and every other piece of text in the tree; no chart label
under 9 pt. README.md says what is checked and what not."""

import io
import re

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from pypdf.generic import ArrayObject, DictionaryObject

from actieplan.models import Actieplan
from actieplan.stappen import STAPPEN
from plandocument import document, pdf

_GEMAAKT: dict = {}


@pytest.fixture
def documenten(db):
    """The demo plan's concept in both variants: (html, reader) per variant. Made once for
    this module (the checks read the files, not the database)."""
    if not _GEMAAKT:
        call_command("demo_data", force=True, verbosity=0)
        plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
        for variant in document.VARIANTEN:
            html = document.document_html(actieplan=plan, jaar=plan.lopend_jaar, variant=variant)
            _GEMAAKT[variant] = (html, pdf.render_to_pdf(html))
    return {
        variant: (html, pypdf.PdfReader(io.BytesIO(inhoud)))
        for variant, (html, inhoud) in _GEMAAKT.items()
    }


VARIANT = pytest.mark.parametrize("variant", ["intern", "publicatie"])


def _kinderen(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, ArrayObject) else [k]


def boom(lezer) -> tuple[list[tuple[DictionaryObject, list[str]]], set[int]]:
    """Every structure element reachable from the root with the tags above it, and the
    object numbers of them."""
    wortel = lezer.trailer["/Root"]["/StructTreeRoot"].get_object()
    elementen, nummers = [], set()
    stapel = [(k, []) for k in _kinderen(wortel)]
    while stapel:
        verwijzing, boven = stapel.pop()
        if not hasattr(verwijzing, "idnum") or verwijzing.idnum in nummers:
            continue
        element = verwijzing.get_object()
        nummers.add(verwijzing.idnum)
        elementen.append((element, boven))
        stapel.extend((k, [*boven, str(element.get("/S"))]) for k in _kinderen(element))
    return elementen, nummers


@VARIANT
def test_language_title_and_marking(documenten, variant):
    html, lezer = documenten[variant]
    wortel = lezer.trailer["/Root"]
    assert wortel["/Lang"] == "nl"
    assert wortel["/MarkInfo"]["/Marked"].value is True
    assert wortel["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    titel = BeautifulSoup(html, "html.parser").title.string
    assert lezer.metadata.title == titel
    assert "Actieplan MVOI 2024–2027" in titel


@VARIANT
def test_bookmarks_for_every_section(documenten, variant):
    _html, lezer = documenten[variant]

    def titels(lijst):
        for item in lijst:
            if isinstance(item, list):
                yield from titels(item)
            else:
                yield " ".join(item.title.split())

    bladwijzers = set(titels(lezer.outline))
    verwacht = {
        "Samenvatting voor het management",
        "Inhoud",
        "Inleiding: wat is MVOI?",
        "Bijlage 1: de thema's van MVOI",
        "Bijlage 2: de ambitieniveaus",
    } | {
        f"Stap {stap.nummer}. {stap.titel}"
        for stap in STAPPEN
        if not (variant == "publicatie" and stap.slug in document.NIET_IN_PUBLICATIE)
    }
    assert verwacht <= bladwijzers, verwacht - bladwijzers


@VARIANT
def test_every_table_header_has_its_scope_and_every_cell_its_headers(documenten, variant):
    _html, lezer = documenten[variant]
    elementen, _nummers = boom(lezer)
    koppen = [(e, boven) for e, boven in elementen if e.get("/S") == "/TH"]
    cellen = [e for e, _boven in elementen if e.get("/S") == "/TD"]
    assert len(koppen) > 50 and len(cellen) > 50
    for kop, boven in koppen:
        verwacht = "/Column" if "/THead" in boven else "/Row"
        assert kop["/A"]["/Scope"] == verwacht, boven
        assert kop.get("/ID"), "een kop zonder ID kan geen cel dragen"
    ids = {str(kop["/ID"]) for kop, _boven in koppen}
    for cel in cellen:
        koppen_van_cel = [str(k) for k in cel["/A"].get("/Headers", [])]
        assert koppen_van_cel, "een cel zonder kop"
        assert set(koppen_van_cel) <= ids


def test_the_templates_follow_the_scope_rule(documenten):
    """What toegankelijk.py relies on: a header in <thead> has scope="col", any other
    header scope="row"."""
    for html, _lezer in documenten.values():
        soep = BeautifulSoup(html, "html.parser")
        for th in soep.find_all("th"):
            verwacht = "col" if th.find_parent("thead") else "row"
            assert th.get("scope") == verwacht, str(th)[:120]


@VARIANT
def test_every_figure_has_alternative_text(documenten, variant):
    _html, lezer = documenten[variant]
    elementen, _nummers = boom(lezer)
    figuren = [e for e, _boven in elementen if e.get("/S") == "/Figure"]
    assert len(figuren) >= 5  # the seven steps, the nulmeting, the matrix, step 7, the levels
    for figuur in figuren:
        assert str(figuur.get("/Alt", "")).strip(), figuur


@VARIANT
def test_running_headers_are_artifacts_and_all_other_text_is_in_the_tree(documenten, variant):
    _html, lezer = documenten[variant]
    _elementen, nummers = boom(lezer)
    nums = lezer.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    per_pagina = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index in (3, len(lezer.pages) - 1):
        pagina = lezer.pages[index]
        elementen = per_pagina[int(pagina["/StructParents"])]
        stapel: list = []
        tekst_per_soort: dict[str, list[str]] = {"artefact": [], "boom": [], "los": []}

        def voor(operator, operanden, cm, tm, stapel=stapel):
            if operator == b"BDC":
                stapel.append((str(operanden[0]), operanden[1].get("/MCID")))
            elif operator == b"BMC":
                stapel.append((str(operanden[0]), None))
            elif operator == b"EMC" and stapel:
                stapel.pop()

        def tekst(t, cm, tm, font, grootte, stapel=stapel, uit=tekst_per_soort, els=elementen):
            if not t.strip():
                return
            if any(tag == "/Artifact" for tag, _mcid in stapel):
                uit["artefact"].append(t)
            elif stapel and stapel[-1][1] is not None:
                element = els[stapel[-1][1]]
                uit["boom" if element.idnum in nummers else "los"].append(t)
            else:
                uit["los"].append(t)

        pagina.extract_text(visitor_operand_before=voor, visitor_text=tekst)
        # Exactly the running header (organisation, plan) and the page number: nothing of
        # the page's own content was made an artifact.
        artefact = " ".join(" ".join(tekst_per_soort["artefact"]).split())
        assert artefact == (
            f"Gemeente Voorbeeld Actieplan MVOI 2024–2027 Pagina {index + 1} van {len(lezer.pages)}"
        ), artefact
        assert tekst_per_soort["boom"], "de pagina heeft inhoud in de boom"
        assert tekst_per_soort["los"] == [], tekst_per_soort["los"][:5]


def test_no_chart_label_prints_under_9_pt(documenten):
    """Each SVG's smallest text, times the scale it prints at (its figure's box in the PDF
    against its viewBox), is 9 pt or more."""
    html, lezer = documenten["intern"]
    elementen, _nummers = boom(lezer)
    breedte_per_alt = {
        " ".join(str(e["/Alt"]).split()): float(e["/A"]["/BBox"][2]) - float(e["/A"]["/BBox"][0])
        for e, _boven in elementen
        if e.get("/S") == "/Figure" and "/BBox" in e.get("/A", {})
    }
    gemeten = 0
    for svg in BeautifulSoup(html, "html.parser").find_all("svg"):
        titel = " ".join(svg.find("title").get_text().split())
        if titel not in breedte_per_alt:
            continue
        schaal = breedte_per_alt[titel] / float(svg["viewbox"].split()[2])
        standaard = float(svg.get("font-size", 16))
        kleinste = min(float(t.get("font-size", standaard)) for t in svg.find_all("text"))
        assert kleinste * schaal >= 9, (titel, round(kleinste * schaal, 1))
        gemeten += 1
    assert gemeten >= 5


def test_no_text_is_hidden_from_the_tree_by_our_own_processing(documenten):
    """The post-processing only turns the margin boxes into artifacts: every MCID left in
    a page's content belongs to an element of the tree."""
    _html, lezer = documenten["intern"]
    _elementen, nummers = boom(lezer)
    nums = lezer.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    per_pagina = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    gevonden = 0
    for pagina in lezer.pages:
        data = pagina.get_contents().get_data()
        elementen = per_pagina[int(pagina["/StructParents"])]
        for mcid in map(int, re.findall(rb"<</MCID (\d+)>>", data)):
            assert elementen[mcid].idnum in nummers
            gevonden += 1
    assert gevonden > 500  # the pattern matches the content as WeasyPrint writes it
