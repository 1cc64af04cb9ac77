"""The document a board signs, read back from the PDF (issue 23): every section of the
reference plan's counterpart (the table in docs/plandocument.md), with the plan's data;
the explanation per step from the data and as the coördinator rewrote it; the cover with
the organisation's logo and colour; landscape pages for the wide tables; the year chosen
at submission."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from PIL import Image

from aanbestedingskalender import selectors as kalender_selectors
from actieplan.models import Actieplan, NulmetingAntwoord
from organisaties.models import User
from plandocument import document, goedkeuring, pdf, teksten
from plandocument.models import Toelichting

TABEL = Path(settings.BASE_DIR) / "docs" / "plandocument.md"


def referentietabel() -> list[dict]:
    """The rows of the table in docs/plandocument.md: number, marker, in the publication."""
    rijen = []
    for regel in TABEL.read_text().splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) == 5 and cellen[0].isdigit():
            rijen.append(
                {"nummer": int(cellen[0]), "tekst": cellen[3].strip("`"), "publicatie": cellen[4]}
            )
    return rijen


def tekst_van(inhoud: bytes) -> tuple[pypdf.PdfReader, str]:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return lezer, " ".join(" ".join(p.extract_text() for p in lezer.pages).split())


@pytest.fixture
def demo_plan(db):
    call_command("demo_data", force=True, verbosity=0)
    return Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")


def concept_pdf(plan, variant="intern", jaar=None) -> bytes:
    html = document.document_html(actieplan=plan, jaar=jaar or plan.lopend_jaar, variant=variant)
    return pdf.render_to_pdf(html)


def test_the_table_covers_the_reference_and_is_read_by_this_test():
    rijen = referentietabel()
    assert [r["nummer"] for r in rijen] == list(range(1, len(rijen) + 1))
    assert len(rijen) >= 18  # every section of the reference, and ours


def test_every_section_of_the_reference_is_in_the_pdf_with_the_plans_data(demo_plan):
    _lezer, intern = tekst_van(concept_pdf(demo_plan))
    _lezer, publicatie = tekst_van(concept_pdf(demo_plan, "publicatie"))
    for rij in referentietabel():
        if rij["tekst"] == "Colofon":
            continue  # only in a frozen version (below)
        assert rij["tekst"] in intern, rij
        if rij["publicatie"] == "ja":
            assert rij["tekst"] in publicatie, rij
    # What the publication leaves out: the worked-out actions, and the calendar but for
    # its line in the contents.
    assert "Uitgewerkte acties" not in publicatie
    assert "Levering groene stroom en gas 2026" in intern
    assert "Levering groene stroom en gas 2026" not in publicatie

    # With the plan's data, not headings alone: the nulmeting's method in the advisors'
    # own figures, the summary's share as the calendar computes it, a goal card per year,
    # a product group of the appendix.
    cijfers = NulmetingAntwoord.objects.filter(actieplan=demo_plan).aggregate(
        interviews=Sum("aantal_interviews"), werksessies=Sum("aantal_werksessies")
    )
    assert f"{cijfers['interviews']} interviews" in intern
    assert f"{cijfers['werksessies']} werksessies met het MVOI-team" in intern
    voortgang = kalender_selectors.voortgang(actieplan=demo_plan, jaar=demo_plan.lopend_jaar)
    assert f"{voortgang.percentage}% daarvan met één of meer focusthema's toegepast" in intern
    for jaar in (2025, 2026, 2027):
        assert f"JAARDOEL {jaar}" in intern or f"Jaardoel {jaar}" in intern
    assert "ondertekende het Manifest MVOI op 24 november 2022" in intern
    assert (
        "Gevraagd besluit" in intern and "vaststellen, met de doelen en de jaarplanning" in intern
    )


def test_the_criteria_tool_and_pianoo_are_links_in_the_pdf(demo_plan):
    lezer, _tekst = tekst_van(concept_pdf(demo_plan, "publicatie"))
    links = {
        str(annotatie.get_object()["/A"]["/URI"])
        for pagina in lezer.pages
        for annotatie in pagina.get("/Annots") or []
        if "/URI" in (annotatie.get_object().get("/A") or {})
    }
    assert any("mvicriteria.nl" in link for link in links)
    assert any("pianoo.nl" in link for link in links)


def test_the_wide_tables_print_on_landscape_pages(demo_plan):
    lezer, _tekst = tekst_van(concept_pdf(demo_plan))
    liggend = [
        i for i, pagina in enumerate(lezer.pages) if pagina.mediabox.width > pagina.mediabox.height
    ]
    assert liggend, "geen liggende pagina's"
    teksten_liggend = " ".join(lezer.pages[i].extract_text() for i in liggend)
    assert "Stap 4. Aanbestedingskalender" in teksten_liggend
    assert "Stap 6. Jaarplanning" in teksten_liggend
    # The rest is portrait: the cover, the summary, the appendices.
    assert lezer.pages[0].mediabox.height > lezer.pages[0].mediabox.width
    assert lezer.pages[-1].mediabox.height > lezer.pages[-1].mediabox.width


def _png(kleur=(200, 30, 60)) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (120, 40), kleur).save(uit, format="PNG")
    return uit.getvalue()


def test_the_cover_carries_the_organisations_logo_and_house_colour(demo_plan):
    organisatie = demo_plan.organisatie
    organisatie.huiskleur = "#8a1538"
    organisatie.logo = _png()
    organisatie.save()
    lezer, tekst = tekst_van(concept_pdf(Actieplan.objects.get(pk=demo_plan.pk)))
    voorblad = lezer.pages[0]
    beelden = voorblad["/Resources"].get("/XObject") or {}
    assert any(b.get_object()["/Subtype"] == "/Image" for b in beelden.values())
    # The band is painted in the house colour: #8a1538 = 0.541 0.082 0.220 in RGB.
    inhoud = voorblad.get_contents().get_data().decode("latin-1")
    kleuren = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", inhoud)
    assert any(
        abs(float(r) - 0.541) < 0.01
        and abs(float(g) - 0.082) < 0.01
        and abs(float(b) - 0.22) < 0.01
        for r, g, b in kleuren
    ), kleuren
    assert "Actieplan MVOI 2024–2027" in tekst


def test_the_preview_allows_exactly_its_colour_block(client_als, actieplan):
    antwoord = client_als("inkoopadviseur").get(
        reverse("plandocument:document", args=[actieplan.pk])
    )
    beleid = antwoord["Content-Security-Policy"]
    stijl = re.search(r"style-src ([^;]+)", beleid).group(1)
    assert document.kleurstijl_csp(actieplan.organisatie) in stijl
    assert "unsafe-inline" not in beleid
    assert f"<style>{document.kleurstijl(actieplan.organisatie)}</style>" in antwoord.text


def test_the_coordinator_rewrites_a_steps_explanation(client, demo_plan):
    coordinator = User.objects.get(username="coordinator")
    client.force_login(coordinator)
    url = reverse("plandocument:toelichtingen", args=[demo_plan.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    standaard = teksten.standaardteksten(actieplan=demo_plan, jaar=demo_plan.lopend_jaar)
    versie = re.search(r'name="versie" value="([^"]*)"', pagina.text).group(1)
    eigen = "We spraken twaalf collega's en hielden één werksessie met het MVOI-team."
    antwoord = client.post(url, {**standaard, "nulmeting": eigen, "versie": versie})
    assert antwoord.status_code == 302
    # Only the rewritten text is stored: the others keep following the data.
    assert dict(Toelichting.objects.values_list("sleutel", "tekst")) == {"nulmeting": eigen}
    _lezer, tekst = tekst_van(concept_pdf(demo_plan))
    assert eigen in tekst
    assert "Daarvoor gaven" not in tekst  # the default's method sentence is gone

    # A second page loaded before this save cannot overwrite it unseen.
    antwoord = client.post(url, {**standaard, "versie": versie})
    assert antwoord.status_code == 200
    assert "Iemand anders heeft dit intussen opgeslagen" in antwoord.text
    assert Toelichting.objects.get().tekst == eigen

    # Emptied: the default again, nothing stored.
    versie = re.search(r'name="versie" value="([^"]*)"', client.get(url).text).group(1)
    client.post(url, {"nulmeting": "", "versie": versie})
    assert not Toelichting.objects.exists()


def test_a_rewritten_text_is_part_of_the_version_and_waits_during_review(client, demo_plan):
    coordinator = User.objects.get(username="coordinator")
    vorige = document.momentopname(actieplan=demo_plan)
    teksten.toelichtingen_opslaan(
        actieplan=demo_plan, teksten={"borging": "Onze eigen uitleg."}, jaar=2026
    )
    nu = document.momentopname(actieplan=demo_plan)
    zinnen = [z for _stap, groep in document.wijzigingen(vorige, nu) for z in groep]
    assert "De tekst ‘Stap 5. Borging: wat is het doel?’ in het document is herschreven." in zinnen
    # A plan that keeps the defaults has the same snapshot as before texts existed.
    assert "teksten" not in vorige["actieplan"]

    goedkeuring.indienen(actieplan=demo_plan, door=coordinator)
    client.force_login(coordinator)
    url = reverse("plandocument:toelichtingen", args=[demo_plan.pk])
    assert client.post(url, {"borging": "Iets anders.", "versie": "-"}).status_code == 409
    assert Toelichting.objects.get().tekst == "Onze eigen uitleg."


def test_the_version_is_about_the_year_chosen_at_submission(client, demo_plan):
    coordinator = User.objects.get(username="coordinator")
    client.force_login(coordinator)
    url = reverse("plandocument:indienen", args=[demo_plan.pk])
    assert 'name="jaar"' in client.get(url).text
    assert client.post(url, {"jaar": "2031"}).status_code == 200  # not a year of the plan
    assert not demo_plan.versies.exists()
    antwoord = client.post(url, {"jaar": "2027", "toelichting": ""})
    assert antwoord.status_code == 302
    versie = demo_plan.versies.get()
    assert versie.jaar == 2027
    intern = versie.romp["intern"]
    assert "Doelen 2027 en hoe ze ervoor staan" in intern
    assert "Jaarplanning K4 2026 – K4 2027" in intern


def test_the_frozen_version_has_its_colophon_only_inside(demo_plan, taken_uitvoeren):
    coordinator = User.objects.get(username="coordinator")
    management = User.objects.get(username="management")
    versie = goedkeuring.indienen(actieplan=demo_plan, door=coordinator)
    goedkeuring.goedkeuren(versie=versie, door=management, opmerking="Akkoord, intern.")
    taken_uitvoeren()
    versie.refresh_from_db()
    _lezer, intern = tekst_van(bytes(versie.pdf_intern))
    _lezer, publicatie = tekst_van(bytes(versie.pdf_publicatie))
    assert "Colofon" in intern and versie.momentopname_sha256 in intern
    assert "Colofon" not in publicatie and versie.momentopname_sha256 not in publicatie
    assert "Akkoord, intern." in intern and "Akkoord, intern." not in publicatie


def test_a_field_left_alone_stays_the_default_when_the_figures_change_meanwhile(client, demo_plan):
    """The page showed the default with 15 interviews; an adviser adds one before the
    coördinator saves another text. The untouched field is not stored as the plan's own
    (it would stop following the data)."""
    client.force_login(User.objects.get(username="coordinator"))
    url = reverse("plandocument:toelichtingen", args=[demo_plan.pk])
    formulier = (
        BeautifulSoup(client.get(url).text, "html.parser").find("textarea").find_parent("form")
    )
    velden = {veld["name"]: veld.get_text().strip() for veld in formulier.find_all("textarea")}
    assert set(velden) == {soort.sleutel for soort in teksten.SOORTEN}
    verborgen = {veld["name"]: veld["value"] for veld in formulier.find_all("input", type="hidden")}

    antwoord = NulmetingAntwoord.objects.filter(actieplan=demo_plan).first()
    antwoord.aantal_interviews = (antwoord.aantal_interviews or 0) + 1
    antwoord.save()

    client.post(url, {**verborgen, **velden, "borging": "Onze eigen uitleg."})
    assert dict(Toelichting.objects.values_list("sleutel", "tekst")) == {
        "borging": "Onze eigen uitleg."
    }


def test_the_version_page_allows_its_colour_block_too(client, demo_plan):
    coordinator = User.objects.get(username="coordinator")
    goedkeuring.indienen(actieplan=demo_plan, door=coordinator)
    client.force_login(User.objects.get(username="management"))
    antwoord = client.get(reverse("plandocument:versie_document", args=[demo_plan.pk, 1]))
    assert antwoord.status_code == 200
    assert document.kleurstijl_csp(demo_plan.organisatie) in antwoord["Content-Security-Policy"]
