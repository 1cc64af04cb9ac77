"""Issue 26: the pages a large organisation found slow cost the same number of queries with
10,000 tenders in a year as with 300 – nothing is read row by row, and what grows with the
calendar (the deviations, the tenders to carry over, an action's tender) is paged or
searched. Each page is also opened once at each size, so a page that breaks under a
large calendar fails here too. The times are in docs/performance.md (make bench)."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbestedingskalender.models import ThemaToepassing, Verplaatsing
from evaluatie.models import TenderEvaluatie, ThemaEffect
from jaarplanning.models import Actie, Actorgroep
from plandocument.models import Planversie
from tests.factories import veel_aanbestedingen
from themes.models import Thema

ROLLEN = ["inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder"]


def vullen(plan, *, van: int, aantal: int, eigenaar) -> None:
    """`aantal` tenders in 2026, each with two themes applied and one not (a deviation,
    every other one explained), every fourth awarded and evaluated, every tenth moved."""
    themas = list(Thema.objects.order_by("volgorde"))
    tenders = veel_aanbestedingen(
        plan,
        aantal,
        van=van,
        startjaar=2026,
        eigenaar=eigenaar,
        geraamde_waarde=lambda i: Decimal(50_000 + i),
        kansrijk=True,
        status=lambda i: "gegund" if i % 4 == 0 else "gepland",
    )
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(
            aanbesteding=t,
            thema=themas[(i + k) % 6],
            toegepast=k < 2,
            vorm="minimumeis" if k < 2 else "",
            uitleg="Geen markt." if k == 2 and i % 2 else "",
        )
        for i, t in enumerate(tenders)
        for k in range(3)
    )
    evaluaties = TenderEvaluatie.objects.bulk_create(
        TenderEvaluatie(aanbesteding=t) for t in tenders if t.status == "gegund"
    )
    ThemaEffect.objects.bulk_create(
        ThemaEffect(evaluatie=e, thema=themas[0], gewerkt="ja", co2_vermeden_ton=Decimal(1))
        for e in evaluaties
    )
    Verplaatsing.objects.bulk_create(
        Verplaatsing(
            aanbesteding=t,
            van_jaar=2026,
            van_kwartaal=1,
            naar_jaar=2026,
            naar_kwartaal=2,
            reden="Markt",
        )
        for t in tenders[::10]
    )
    groep = Actorgroep.objects.filter(organisatie=plan.organisatie).first()
    Actie.objects.bulk_create(
        Actie(
            actieplan=plan,
            jaar=2026,
            titel=f"Actie {van + i}",
            actorgroep=groep,
            startjaar=2026,
            startkwartaal=1,
            eindjaar=2026,
            eindkwartaal=1,
            aanbesteding=tenders[i],
        )
        for i in range(0, aantal, 20)
    )


def paginas(plan) -> dict[str, str]:
    actie = Actie.objects.filter(actieplan=plan).order_by("pk").first()
    p = plan.pk
    return {
        "plan": reverse("actieplan:detail", args=[p]),
        "versies": reverse("plandocument:versies", args=[p]),
        "versie": reverse("plandocument:versie", args=[p, 1]),
        "versie_status": reverse("plandocument:versie_status", args=[p, 1]),
        "indienen": reverse("plandocument:indienen", args=[p]),
        "sinds_vastgesteld": reverse("plandocument:sinds_vastgesteld", args=[p]),
        "document": reverse("plandocument:document", args=[p]) + "?jaar=2026",
        "kalender": reverse("aanbestedingskalender:kalender", args=[p]) + "?jaar=2026",
        "kwartaal": reverse("aanbestedingskalender:kwartaal", args=[p, 2026, 2]),
        "geschiedenis": reverse("actieplan:geschiedenis", args=[p]),
        "actie_nieuw": reverse("jaarplanning:actie_nieuw", args=[p]) + "?jaar=2026",
        "actie_wijzigen": reverse("jaarplanning:actie_wijzigen", args=[p, actie.pk]),
        "stap 4": reverse("actieplan:stap", args=[p, "aanbestedingskalender"]) + "?jaar=2026",
        "stap 6": reverse("actieplan:stap", args=[p, "jaarplanning"]) + "?jaar=2026",
        "stap 7": reverse("actieplan:stap", args=[p, "evaluatie"]) + "?jaar=2026",
        "meetbare doelen": reverse("actieplan:meetbare_doelen", args=[p]),
        "te evalueren": reverse("evaluatie:aanbestedingen", args=[p]),
        "volgend jaar": reverse("evaluatie:volgend_jaar", args=[p, 2026]),
    }


def tellen(client, urls: dict[str, str]) -> dict[str, int]:
    uit = {}
    for naam, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            antwoord = client.get(url)
        assert antwoord.status_code == 200, (naam, antwoord.status_code)
        uit[naam] = len(queries)
    return uit


def test_the_large_organisations_pages_cost_the_same_queries_at_300_and_10000_tenders(
    client, lid, actieplan, taken_uitvoeren
):
    ik = lid(*ROLLEN)
    collega = lid("management")
    vullen(actieplan, van=0, aantal=300, eigenaar=ik)
    # An adopted version (frozen, PDF and all) and a rejected one after it: the version
    # pages compare real snapshots.
    client.force_login(ik)
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {"jaar": "2026"})
    client.force_login(collega)
    client.post(
        reverse("plandocument:versie", args=[actieplan.pk, 1]),
        {"besluit": "goedkeuren", "opmerking": ""},
    )
    taken_uitvoeren()
    assert Planversie.objects.get(actieplan=actieplan, nummer=1).vastgelegd
    client.force_login(ik)
    urls = paginas(actieplan)
    tellen(client, urls)  # once first: what a first visit keeps (the session, a comparison)
    klein = tellen(client, urls)

    vullen(actieplan, van=300, aantal=9_700, eigenaar=ik)
    groot = tellen(client, urls)
    anders = {naam: (klein[naam], groot[naam]) for naam in urls if klein[naam] != groot[naam]}
    assert anders == {}
