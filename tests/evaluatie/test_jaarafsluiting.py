"""Closing a year records its results: preparing the next year moves the year's unstarted
tenders on, and the closed year's figures, its step 7 page and its plan document stay
exactly as they were (issue 22, part 2; docs/adr/0006-een-jaar-blijft-zoals-het-was.md)."""

import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from aanbestedingskalender import selectors as kalender_selectors
from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan, Jaarafsluiting
from evaluatie import selectors, services
from organisaties.models import User
from plandocument import document, pdf


@pytest.fixture
def demo_plan(db):
    call_command("demo_data", force=True, verbosity=0)
    return Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")


def pdf_tekst(plan, jaar: int) -> str:
    html = document.document_html(actieplan=plan, jaar=jaar)
    lezer = pypdf.PdfReader(io.BytesIO(pdf.render_to_pdf(html)))
    return "\n".join(pagina.extract_text() for pagina in lezer.pages)


def cijfers_op_pagina(client, plan, jaar: int) -> str:
    """Step 7's figures section as a reader sees it (the notes saying when it was recorded
    aside)."""
    html = client.get(reverse("actieplan:stap", args=[plan.pk, "evaluatie"]) + f"?jaar={jaar}").text
    tekst = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    deel = tekst[tekst.index(f"Cijfers {jaar}") : tekst.index(f"Evaluatie {jaar} van het MVOI")]
    deel = re.sub(r"\d{4} is afgesloten op .*? veranderen deze cijfers niet\. ", "", deel)
    return re.sub(r" \(vastgelegd bij het afsluiten van het jaar, [^)]*\)", "", deel)


def test_preparing_the_next_year_leaves_the_closed_year_and_its_pdf_as_they_were(client, demo_plan):
    """The demo's 2026: 10 of its 12 kansrijke tenders apply a focus theme (83 %, goal 80 %
    met). Before this change preparing 2027 moved 9 unstarted tenders on and 2026 then read
    1 of 3 – goal missed – on its page and in its PDF."""
    client.force_login(User.objects.get(username="management"))
    voor = selectors.jaarcijfers(actieplan=demo_plan, jaar=2026)
    assert (voor["voortgang"].toegepast, voor["voortgang"].kansrijk) == (10, 12)
    assert voor["voortgang"].doel_gehaald
    pagina_voor = cijfers_op_pagina(client, demo_plan, 2026)
    pdf_voor = pdf_tekst(demo_plan, 2026)

    uitkomst = services.volgend_jaar_voorbereiden(
        actieplan=demo_plan, jaar=2026, door=User.objects.get(username="coordinator")
    )
    verplaatst = uitkomst.aanbestedingen[services.AanbestedingKeuze.VERPLAATSEN]
    assert len(verplaatst) == 9
    assert (
        Aanbesteding.objects.filter(pk__in=[a.pk for a, _k in verplaatst], startjaar=2027).count()
        == 9
    )
    # What the calendar holds for 2026 now is different …
    nu = kalender_selectors.voortgang_per_jaar(actieplan=demo_plan, jaren=[2026], vastgelegd=False)[
        0
    ]
    assert (nu.toegepast, nu.kansrijk) != (10, 12)
    # … and 2026 still reads as it did: the same figures, page and PDF text.
    na = selectors.jaarcijfers(actieplan=demo_plan, jaar=2026)
    assert (na["voortgang"].toegepast, na["voortgang"].kansrijk) == (10, 12)
    assert na["voortgang"].doel_gehaald
    for sleutel in ("themas", "acties_per_status", "acties_niet_gedaan", "actietotalen"):
        assert na[sleutel] == voor[sleutel], sleutel
    assert [(r.doel.soort_id, r.waarde, r.gehaald) for r in na["andere_doelen"]] == [
        (r.doel.soort_id, r.waarde, r.gehaald) for r in voor["andere_doelen"]
    ]
    assert cijfers_op_pagina(client, demo_plan, 2026) == pagina_voor
    # The plan as stored now (the preparation marked the yearly review for 2027).
    assert pdf_tekst(Actieplan.objects.get(pk=demo_plan.pk), 2026) == pdf_voor
    # The page says since when and by whom.
    pagina = client.get(
        reverse("actieplan:stap", args=[demo_plan.pk, "evaluatie"]) + "?jaar=2026"
    ).text
    assert "2026 is afgesloten op" in pagina


def test_a_closed_year_is_recorded_once(demo_plan):
    coordinator = User.objects.get(username="coordinator")
    services.volgend_jaar_voorbereiden(actieplan=demo_plan, jaar=2026, door=coordinator)
    afsluiting = Jaarafsluiting.objects.get(actieplan=demo_plan, jaar=2026)
    # A tender of 2026 awarded afterwards does not rewrite the closed year.
    nog = Aanbesteding.objects.filter(actieplan=demo_plan, startjaar=2026, kansrijk=True)
    nog.update(kansrijk=False)
    services.volgend_jaar_voorbereiden(actieplan=demo_plan, jaar=2026, door=coordinator)
    assert Jaarafsluiting.objects.get(actieplan=demo_plan, jaar=2026).resultaten == (
        afsluiting.resultaten
    )
    assert selectors.jaarcijfers(actieplan=demo_plan, jaar=2026)["voortgang"].kansrijk == 12


def test_the_preview_changes_nothing(demo_plan):
    def stand():
        return (
            sorted(
                Aanbesteding.objects.filter(actieplan=demo_plan).values_list(
                    "pk", "startjaar", "startkwartaal", "status"
                )
            ),
            Jaarafsluiting.objects.count(),
            demo_plan.acties.count(),
        )

    vooraf = stand()
    uitkomst = services.volgend_jaar_voorbereiden(
        actieplan=demo_plan,
        jaar=2026,
        door=User.objects.get(username="coordinator"),
        proef=True,
    )
    assert uitkomst.afsluiting_nieuw
    assert uitkomst.afsluiting.resultaten["voortgang"]["kansrijk"] == 12
    assert stand() == vooraf
