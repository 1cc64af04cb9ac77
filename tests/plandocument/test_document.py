"""The plan as a PDF (WeasyPrint), read back with pypdf: every section and the data of
every step, the publication variant without the calendar and the worked-out actions, the
accessibility structure, and user text that stays text and fetches nothing."""

import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from actieplan import services as plan_services
from actieplan.models import Actieplan
from jaarplanning import services as planning_services
from organisaties.models import User
from plandocument import document, pdf


@pytest.fixture
def demo_plan(db, settings):
    call_command("demo_data", force=True, verbosity=0)
    return Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")


def pdf_aanvragen(client, plan, variant: str, taken_uitvoeren) -> bytes:
    """As a member does: ask for the PDF, let the worker make it, follow the status page's
    download link."""
    antwoord = client.post(
        reverse("plandocument:document_pdf", args=[plan.pk]), {"variant": variant}
    )
    assert antwoord.status_code == 302
    status = client.get(antwoord["Location"])
    assert "Wacht op verwerking" in status.text
    assert taken_uitvoeren() == 1
    klaar = client.get(antwoord["Location"]).text
    download = re.search(r'href="([^"]+/download/)"', klaar).group(1)
    pdf_antwoord = client.get(download)
    assert pdf_antwoord["Content-Type"] == "application/pdf"
    return pdf_antwoord.content


def lezen(inhoud: bytes) -> tuple[pypdf.PdfReader, str]:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return lezer, "\n".join(pagina.extract_text() for pagina in lezer.pages)


def test_the_pdf_holds_every_section_and_every_steps_data(client, demo_plan, taken_uitvoeren):
    client.force_login(User.objects.get(username="management"))
    lezer, tekst = lezen(pdf_aanvragen(client, demo_plan, "intern", taken_uitvoeren))
    tekst = " ".join(tekst.split())
    for verwacht in (
        "Actieplan MVOI 2024–2027",
        "Gemeente Voorbeeld",
        "Inhoud",
        "Inleiding: wat is MVOI?",
        "ondertekende het Manifest MVOI op 24 november 2022",
        "Samenhang met andere programma's",
        "coalitieprogramma en het Klimaatakkoord",  # the coördinator's text on coherence
        "De thema's in één oogopslag",
        "Niet vastgesteld: dit is een concept.",
        "Stap 1. Nulmeting",
        "Stap 2. Thema's",
        "Stap 3. Ambities & doelen",
        "Stap 4. Aanbestedingskalender",
        "Stap 5. Borging",
        "Stap 6. Jaarplanning",
        "Stap 7. Evaluatie",
        "Bijlage 1: de thema's van MVOI",
        "Bijlage 2: de ambitieniveaus",
        "In 75% van de kansrijke aanbestedingen",  # a goal of step 3
        "Levering groene stroom en gas 2026",  # a tender of the year's calendar
        "MVOI is opgenomen in het startdocument.",  # step 5's text
        "Uitgewerkte acties",
        "Aanbestedingskalender 2027 opstellen",  # an action of the planning
        # Step 7 with the figures its page shows (issue 23): per theme, the other goals,
        # the actions per status.
        "Niveau nu → ambitie",
        "De andere meetbare doelen",
        "Acties uit de jaarplanning",
        f"Pagina 3 van {len(lezer.pages)}",
    ):
        assert verwacht in tekst, verwacht
    # The table of contents (after the cover and the management summary) gives page
    # numbers.
    assert "Stap 1. Nulmeting ...." in " ".join(lezer.pages[2].extract_text().split())
    # Tagged for accessibility, in Dutch, with bookmarks.
    wortel = lezer.trailer["/Root"]
    assert wortel["/Lang"] == "nl"
    assert "/StructTreeRoot" in wortel
    assert lezer.outline


def test_the_publication_leaves_out_the_calendar_and_the_worked_out_actions(
    client, demo_plan, taken_uitvoeren
):
    client.force_login(User.objects.get(username="management"))
    url = reverse("plandocument:document_pdf", args=[demo_plan.pk])
    _lezer, tekst = lezen(pdf_aanvragen(client, demo_plan, "publicatie", taken_uitvoeren))
    tekst = " ".join(tekst.split())
    assert "Stap 6. Jaarplanning" in tekst and "Stap 5. Borging" in tekst
    # Said in the contents, not printed: no tender of the calendar appears.
    assert "Stap 4. Aanbestedingskalender: niet in deze versie voor publicatie" in tekst
    assert tekst.count("Stap 4. Aanbestedingskalender") == 1
    assert "Levering groene stroom" not in tekst
    assert "Uitgewerkte acties" not in tekst
    assert client.post(url, {"variant": "geheim"}).status_code == 404


def test_a_requested_pdf_is_the_members_own(client, client_als, demo_plan, taken_uitvoeren):
    """Another member of the same organisation cannot fetch it; a new request of the same
    variant replaces the member's previous one."""
    client.force_login(User.objects.get(username="management"))
    url = reverse("plandocument:document_pdf", args=[demo_plan.pk])
    eerste = client.post(url, {"variant": "publicatie"})["Location"]
    tweede = client.post(url, {"variant": "publicatie"})["Location"]
    assert client.get(eerste).status_code == 404
    assert client.get(tweede).status_code == 200
    client.force_login(User.objects.get(username="mvoiteam"))
    assert client.get(tweede).status_code == 404
    assert client.get(tweede + "download/").status_code == 404


def test_a_failed_pdf_says_so(client, actieplan, lid, taken_uitvoeren, monkeypatch):
    client.force_login(lid("management"))
    monkeypatch.setattr(pdf, "render_to_pdf", lambda *a, **k: 1 / 0)
    status = client.post(
        reverse("plandocument:document_pdf", args=[actieplan.pk]), {"variant": "intern"}
    )["Location"]
    taken_uitvoeren()
    pagina = client.get(status).text
    assert "Het maken van de PDF is mislukt" in pagina
    assert "data-ververs" not in pagina
    assert client.get(status + "download/").status_code == 404


def test_user_text_stays_text_and_nothing_is_fetched(actieplan, organisatie):
    gevaarlijk = (
        '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://169.254.169.254/">'
        ' <div style="background: url(https://elders.example/x.png)">x</div>'
    )
    plan_services.tekstdoelen_opslaan(
        actieplan=actieplan, doelen=[{"thema": None, "tekst": gevaarlijk}]
    )
    planning_services.borging_opslaan(
        actieplan=actieplan, in_organisatie=gevaarlijk, in_inkoopproces="<b>vet</b>"
    )
    html = document.document_html(actieplan=actieplan, jaar=2025)
    assert '<img src="file:///etc/passwd">' not in html
    opgevraagd: list[str] = []
    _lezer, tekst = lezen(pdf.render_to_pdf(html, opgevraagd=opgevraagd))
    tekst = " ".join(tekst.split())
    assert '<img src="file:///etc/passwd">' in tekst  # printed as the text it is
    assert "<b>vet</b>" in tekst
    assert opgevraagd == [f"{pdf.EIGEN_ORIGIN}/static/css/document.css"]


def test_the_calendar_lists_each_tender_under_the_quarter_it_starts_in(
    actieplan, maak_aanbesteding
):
    maak_aanbesteding(
        "A-1",
        naam="Wegonderhoud",
        startkwartaal=3,
        toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
    )
    maak_aanbesteding(
        "A-2",
        naam="Schoonmaak",
        startkwartaal=1,
        toepassingen={"circulair": {"toegepast": False, "uitleg": "Geen markt"}},
    )
    maak_aanbesteding("A-3", naam="Catering", startkwartaal=3)
    maak_aanbesteding("A-4", naam="Volgend jaar", startjaar=2026, startkwartaal=3)
    maak_aanbesteding("A-5", naam="Niet kansrijk", startkwartaal=3, kansrijk=False)
    _lezer, tekst = lezen(pdf.render_to_pdf(document.document_html(actieplan=actieplan, jaar=2025)))
    kalender = " ".join(tekst.split()).split("Stap 4. Aanbestedingskalender", 2)[-1]
    kalender = kalender.split("Stap 5.")[0]
    assert re.findall(r"Start in K\d 2025: \d aanbesteding(?:en)?", kalender) == [
        "Start in K1 2025: 1 aanbesteding",
        "Start in K2 2025: 0 aanbestedingen",
        "Start in K3 2025: 2 aanbestedingen",
        "Start in K4 2025: 0 aanbestedingen",
    ]
    k1, k3 = kalender.index("K1 2025"), kalender.index("K3 2025")
    assert k1 < kalender.index("Schoonmaak Circulair") < k3
    assert k3 < kalender.index("Catering") and k3 < kalender.index("Wegonderhoud Klimaat ✓")
    assert "Volgend jaar" not in kalender and "Niet kansrijk" not in kalender


def test_the_fetcher_serves_only_the_projects_static_files():
    assert pdf.eigen_bestand(f"{pdf.EIGEN_ORIGIN}/static/css/document.css")
    for url in (
        "file:///etc/passwd",
        "https://elders.example/static/css/document.css",
        f"{pdf.EIGEN_ORIGIN}/static/../manage.py",
        f"{pdf.EIGEN_ORIGIN}/static/css/%2e%2e/%2e%2e/manage.py",
        f"{pdf.EIGEN_ORIGIN}/admin/",
    ):
        assert pdf.eigen_bestand(url) is None, url


def test_the_browser_preview_is_the_same_document(client_als, actieplan):
    antwoord = client_als("inkoopadviseur").get(
        reverse("plandocument:document", args=[actieplan.pk])
    )
    assert antwoord.status_code == 200
    assert '<html lang="nl">' in antwoord.text
    assert 'href="#stap-evaluatie"' in antwoord.text


def test_step_6_prints_each_actions_status_and_the_totals_without_dropped_ones(actieplan):
    """A dropped action is marked as such in the grid and the table, with its reason, and
    its budget does not count in the total (issue 23)."""
    from jaarplanning.models import Actorgroep

    groep = Actorgroep.objects.filter(organisatie=actieplan.organisatie).first()
    for titel, status, reden, budget in (
        ("Training inkopers", "gepland", "", 1000),
        ("Marktdag circulair", "vervallen", "Geen animo bij leveranciers.", 5000),
    ):
        planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": actieplan.lopend_jaar,
                "titel": titel,
                "actorgroep": groep,
                "startjaar": actieplan.lopend_jaar,
                "startkwartaal": 2,
                "eindjaar": actieplan.lopend_jaar,
                "eindkwartaal": 2,
                "status": status,
                "reden": reden,
                "extra_budget": budget,
            },
        )
    html = document.document_html(actieplan=actieplan, jaar=actieplan.lopend_jaar)
    tekst = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())
    assert "Marktdag circulair (vervallen)" in tekst
    assert "Vervallen: Geen animo bij leveranciers." in tekst
    assert "Vervallen: telt niet mee" in tekst
    assert "Totaal van 2 acties (vervallen acties tellen niet mee) € 1.000, 0 uur" in tekst


def test_the_member_chooses_the_plan_year_of_the_document(client, demo_plan, taken_uitvoeren):
    """The concept is about the year asked for (issue 23): its calendar lists that year's
    tenders; a year outside the plan is refused."""
    client.force_login(User.objects.get(username="coordinator"))
    plan_pagina = client.get(reverse("actieplan:detail", args=[demo_plan.pk])).text
    assert 'name="jaar"' in plan_pagina and '<option value="2025"' in plan_pagina
    antwoord = client.post(
        reverse("plandocument:document_pdf", args=[demo_plan.pk]),
        {"variant": "intern", "jaar": "2025"},
    )
    assert "Over planjaar 2025." in client.get(antwoord["Location"]).text
    taken_uitvoeren()
    from plandocument.models import Documentopdracht

    _lezer, tekst = lezen(bytes(Documentopdracht.objects.get(jaar=2025).pdf))
    tekst = " ".join(tekst.split())
    assert "De kansrijke aanbestedingen van 2025" in tekst
    assert "De kansrijke aanbestedingen van 2026" not in tekst
    browser = client.get(reverse("plandocument:document", args=[demo_plan.pk]) + "?jaar=2025")
    assert "De kansrijke aanbestedingen van 2025" in browser.text
    assert "Concept · planjaar 2025" in browser.text  # the cover says which year
    assert 'aria-current="page">2025<' in browser.text
    fout = client.post(
        reverse("plandocument:document_pdf", args=[demo_plan.pk]),
        {"variant": "intern", "jaar": "2031"},
    )
    assert fout.status_code == 404


def test_both_variants_can_be_asked_for_side_by_side(client, demo_plan, taken_uitvoeren):
    """Asking for the publication PDF does not remove the internal one (issue 23); asking
    for the same variant again replaces it."""
    from plandocument.models import Documentopdracht

    client.force_login(User.objects.get(username="coordinator"))
    url = reverse("plandocument:document_pdf", args=[demo_plan.pk])
    intern = client.post(url, {"variant": "intern"})["Location"]
    publicatie = client.post(url, {"variant": "publicatie"})["Location"]
    assert Documentopdracht.objects.count() == 2
    assert client.get(intern).status_code == client.get(publicatie).status_code == 200
    client.post(url, {"variant": "intern"})
    assert sorted(Documentopdracht.objects.values_list("variant", flat=True)) == [
        "intern",
        "publicatie",
    ]
    assert client.get(intern).status_code == 404  # the earlier internal one was replaced
