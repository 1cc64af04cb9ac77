"""Every page with an object in it (the URL walk of the tenant-scoping test) costs the same
number of queries for an organisation whose plans hold 10 tenders, actions and advisors'
answers as for one whose plans hold 300 tenders, 150 actions and answers of 15 advisors:
nothing is loaded row by row. The export is one of the pages."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
from actieplan.models import Actieplan, NulmetingAntwoord
from evaluatie.models import TenderEvaluatie, ThemaEffect
from jaarplanning.models import Actie, Actorgroep
from tests.factories import LidmaatschapFactory
from tests.test_tenant_scoping import FOREIGN_OBJECTS
from themes.models import Ambitieniveau, Thema

ROLLEN = ["inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder"]


def groeien(organisatie, *, tenders: int, acties: int, adviseurs: int) -> None:
    """Add to every plan of the organisation, in bulk."""
    themas = list(Thema.objects.order_by("volgorde"))
    niveau = Ambitieniveau.objects.order_by("pk").first()
    groep = Actorgroep.objects.filter(organisatie=organisatie).first()
    mensen = [
        LidmaatschapFactory(organisatie=organisatie, rollen=["inkoopadviseur"]).user
        for _ in range(adviseurs)
    ]
    for plan in Actieplan.objects.filter(organisatie=organisatie):
        begin = Aanbesteding.objects.filter(actieplan=plan).count()
        nieuw = Aanbesteding.objects.bulk_create(
            Aanbesteding(
                actieplan=plan,
                kenmerk=f"G-{begin + i}",
                naam=f"Aanbesteding {i}",
                procedure="anders",
                soort="diensten",
                startjaar=plan.startjaar + i % 2,
                startkwartaal=i % 4 + 1,
                eigenaar=mensen[i % len(mensen)],
                geraamde_waarde=Decimal(100_000),
                kansrijk=True,
                status="gegund" if i % 4 == 0 else "gepland",
            )
            for i in range(tenders)
        )
        ThemaToepassing.objects.bulk_create(
            ThemaToepassing(
                aanbesteding=a, thema=themas[(i + k) % 6], toegepast=True, vorm="minimumeis"
            )
            for i, a in enumerate(nieuw)
            for k in range(2)
        )
        evaluaties = TenderEvaluatie.objects.bulk_create(
            TenderEvaluatie(aanbesteding=a) for a in nieuw if a.status == "gegund"
        )
        ThemaEffect.objects.bulk_create(
            ThemaEffect(evaluatie=e, thema=themas[0], gewerkt="ja") for e in evaluaties
        )
        Actie.objects.bulk_create(
            Actie(
                actieplan=plan,
                jaar=plan.startjaar,
                titel=f"Actie {i}",
                actorgroep=groep,
                startjaar=plan.startjaar,
                startkwartaal=i % 4 + 1,
                eindjaar=plan.startjaar,
                eindkwartaal=4,
            )
            for i in range(acties)
        )
        NulmetingAntwoord.objects.bulk_create(
            NulmetingAntwoord(actieplan=plan, user=u, thema=t, niveau=niveau)
            for u in mensen
            for t in themas
        )


def tellen(client, urls: dict[str, str]) -> dict[str, int]:
    uit = {}
    for naam, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        uit[naam] = len(queries)
    return uit


def test_every_page_costs_the_same_queries_with_30_times_the_data(client, lid, organisatie):
    client.force_login(lid(*ROLLEN))
    urls = {
        naam: reverse(naam, kwargs=bouwer(organisatie))
        for naam, bouwer in sorted(FOREIGN_OBJECTS.items())
    }
    groeien(organisatie, tenders=10, acties=10, adviseurs=2)
    tellen(client, urls)  # once first: what a first visit loads and keeps (the session …)
    klein = tellen(client, urls)
    groeien(organisatie, tenders=290, acties=140, adviseurs=13)
    groot = tellen(client, urls)
    anders = {naam: (klein[naam], groot[naam]) for naam in urls if klein[naam] != groot[naam]}
    assert anders == {}
    assert len(urls) > 50 and "aanbestedingskalender:export" in urls
