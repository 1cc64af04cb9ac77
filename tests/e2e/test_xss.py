"""User text with HTML, script and SVG payloads in every text field of every step, shown
on every page of the plan and in the document preview: Chromium opens no dialog (nothing
ran, which the strict CSP also guards), and no payload became markup in any page's DOM:
it is shown as text."""

from django.db import models
from playwright.sync_api import expect

from aanbestedingskalender.models import Aanbesteding, Kwartaaloverleg
from actieplan.models import Actieplan, ActieplanThema, NulmetingAntwoord, TekstDoel
from evaluatie.models import Besluit, Jaarevaluatie, TenderEvaluatie, ThemaEffect
from jaarplanning.models import Actie, Actorgroep, Borging
from tests.e2e.test_telefoon import paginas

LADINGEN = [
    '<script>alert("script")</script>',
    "<img src=x onerror=alert('img')>",
    "<svg onload=alert('svg')>",
    '"><iframe src=javascript:alert(1)>',
]
MODELLEN = [
    Actieplan,
    ActieplanThema,
    NulmetingAntwoord,
    TekstDoel,
    Aanbesteding,
    Kwartaaloverleg,
    Borging,
    Actie,
    Actorgroep,
    TenderEvaluatie,
    ThemaEffect,
    Jaarevaluatie,
    Besluit,
]
GEEN_TEKST = {"kenmerk"}  # a key the import matches on; stays unique
# What the page's DOM holds when a payload became markup instead of text (the strict CSP
# would still stop it from running, so the dialog alone cannot tell).
ALS_MARKUP = ('<script>alert("', 'onerror="alert', 'onload="alert', 'src="javascript:')


def lading_voor(veld: models.Field, index: int) -> str:
    tekst = f"{LADINGEN[index % len(LADINGEN)]} {index}"  # unique where names must be
    return tekst[: veld.max_length] if veld.max_length else tekst


def vul_met_ladingen(plan: Actieplan) -> int:
    gevuld = 0
    for model in MODELLEN:
        velden = [
            veld
            for veld in model._meta.concrete_fields
            if isinstance(veld, models.CharField | models.TextField)
            and not veld.choices
            and veld.name not in GEEN_TEKST
        ]
        rijen = model.objects.all()
        if model is Actorgroep:
            rijen = rijen.filter(organisatie=plan.organisatie)
        for index, rij in enumerate(rijen):
            for veld in velden:
                setattr(rij, veld.attname, lading_voor(veld, index))
                gevuld += 1
            models.Model.save(rij)  # as stored, past the forms' own checks
    return gevuld


def test_no_payload_in_any_text_field_runs_anywhere(
    page, live_server, demo_data, inloggen, axe_check
):
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    assert vul_met_ladingen(plan) > 200
    dialogen = []
    page.on("dialog", lambda dialoog: (dialogen.append(dialoog.message), dialoog.dismiss()))
    inloggen("coordinator")
    markup = []
    for pad in [*paginas(plan), f"/plannen/{plan.pk}/document/"]:
        page.goto(live_server.url + pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        dom = page.content()
        markup += [(pad, teken) for teken in ALS_MARKUP if teken in dom]
    expect(page.get_by_text('<script>alert("script")</script>').first).to_be_visible()
    assert dialogen == []
    assert markup == []
