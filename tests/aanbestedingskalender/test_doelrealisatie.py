"""Goals of every kind (step 3) against the tender calendar (step 4): what the calendar can
count is computed, the rest is left to the evaluation; one query for any number of goals."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from aanbestedingskalender import selectors
from actieplan import selectors as plan_selectors
from actieplan import services as plan_services
from actieplan.models import Jaarafsluiting
from themes.models import Doelsoort

TOEGEPAST = {"toegepast": True, "vorm": "gunningscriterium"}


@pytest.fixture
def soorten(db):
    return Doelsoort.objects.in_bulk()


@pytest.fixture
def kalender(actieplan, maak_aanbesteding, themas):
    plan_services.themakeuze_opslaan(
        actieplan=actieplan,
        keuzes={
            t: {"focus": s == "klimaat", "onderbouwing": "o", "doorlopend": ""}
            for s, t in themas.items()
        },
    )
    # 2026: two kansrijke tenders from € 250.000 (one with social return), one below it
    # with social return, one vervallen that would count for everything if it counted.
    maak_aanbesteding(
        "A",
        startjaar=2026,
        geraamde_waarde=Decimal("300000"),
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("100"),
        toepassingen={"circulair": TOEGEPAST, "klimaat": TOEGEPAST},
    )
    maak_aanbesteding(
        "B", startjaar=2026, geraamde_waarde=Decimal("250000"), co2_reductie_ton=Decimal("50.5")
    )
    maak_aanbesteding(
        "C", startjaar=2026, geraamde_waarde=Decimal("100000"), sroi_percentage=Decimal("3")
    )
    maak_aanbesteding(
        "D",
        startjaar=2026,
        status="vervallen",
        geraamde_waarde=Decimal("900000"),
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("1000"),
        toepassingen={"circulair": TOEGEPAST},
    )
    maak_aanbesteding("E", startjaar=2027, toepassingen={"circulair": TOEGEPAST})


def doelen_opslaan(actieplan, soorten, rijen):
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {"soort": soorten[code], "jaar": jaar, "streefwaarde": waarde, "drempel": drempel}
            for code, jaar, waarde, drempel in rijen
        ],
    )
    return plan_selectors.meetbare_doelen(actieplan=actieplan)


def test_each_kind_is_computed_from_the_calendar_or_left_to_the_evaluation(
    actieplan, soorten, kalender
):
    doelen = doelen_opslaan(
        actieplan,
        soorten,
        [
            ("kansrijke-aanbestedingen-met-thema", 2026, 50, None),
            ("social-return-vanaf-drempel", 2026, 50, 250_000),
            ("aanbestedingen-met-circulaire-criteria", 2026, 3, None),
            ("aanbestedingen-met-circulaire-criteria", 2027, 1, None),
            ("co2-reductie", 2026, 100, None),
            ("circulaire-pilots", 2026, 2, None),
        ],
    )
    uitkomst = {
        (r.doel.soort_id, r.doel.jaar): (r.berekend, r.waarde, r.teller, r.noemer, r.gehaald)
        for r in selectors.doelrealisatie(actieplan=actieplan, doelen=doelen)
    }
    assert uitkomst == {
        # A applies the focus theme (klimaat); B and C don't: 1 of 3.
        ("kansrijke-aanbestedingen-met-thema", 2026): (True, 33, 1, 3, False),
        # A and B are from € 250.000, only A asks social return; C is below the threshold.
        ("social-return-vanaf-drempel", 2026): (True, 50, 1, 2, True),
        ("aanbestedingen-met-circulaire-criteria", 2026): (True, 1, 1, None, False),
        ("aanbestedingen-met-circulaire-criteria", 2027): (True, 1, 1, None, True),
        ("co2-reductie", 2026): (True, Decimal("150.5"), None, None, True),
        ("circulaire-pilots", 2026): (False, None, None, None, None),
    }


def test_one_query_for_any_number_of_goals(actieplan, soorten, kalender, django_assert_num_queries):
    # One for the closed years' records, one for the figures of all goals.
    weinig = doelen_opslaan(actieplan, soorten, [("co2-reductie", 2026, 1, None)])
    with django_assert_num_queries(2):
        selectors.doelrealisatie(actieplan=actieplan, doelen=weinig)
    veel = doelen_opslaan(
        actieplan,
        soorten,
        [
            (code, jaar, 10, 100_000 if code == "social-return-vanaf-drempel" else None)
            for code in soorten
            for jaar in (2024, 2025, 2026, 2027, 2030)
        ],
    )
    assert len(veel) == 25
    with django_assert_num_queries(2):
        selectors.doelrealisatie(actieplan=actieplan, doelen=veel)
    # With a closed year among them: its goals read from the record, still two queries.
    Jaarafsluiting.objects.create(
        actieplan=actieplan,
        jaar=2025,
        resultaten={
            "doelen": [
                r.als_json()
                for r in selectors.doelrealisatie(
                    actieplan=actieplan, doelen=[d for d in veel if d.jaar == 2025]
                )
            ]
        },
    )
    with django_assert_num_queries(2):
        uitkomst = selectors.doelrealisatie(actieplan=actieplan, doelen=veel)
    assert sum(1 for r in uitkomst if r.vastgelegd_op) == 4  # the 2025 goals computed


def test_step_4_shows_each_goals_progress(client_als, actieplan, soorten, kalender):
    doelen_opslaan(
        actieplan,
        soorten,
        [
            ("social-return-vanaf-drempel", 2026, 50, 250_000),
            ("co2-reductie", 2026, 200, None),
            ("circulaire-pilots", 2026, 2, None),
        ],
    )
    client = client_als("management")
    url = reverse("actieplan:stap", args=[actieplan.pk, "aanbestedingskalender"])
    soup = BeautifulSoup(client.get(url).text, "html.parser")

    def rij(tabel):
        regio = soup.find(id=soup.find("h3", string=tabel)["id"]).find_next("table")
        return [
            " ".join(cel.text.split()) for cel in regio.select("tbody tr")[0].find_all(["th", "td"])
        ]

    assert rij("Social return in kansrijke opdrachten vanaf een drempelwaarde") == [
        "2026",
        "50% vanaf € 250.000",
        "50% (1 van 2) Doel gehaald",
    ]
    assert rij("CO₂-reductie door aanbestedingen (ton)") == [
        "2026",
        "200 ton CO₂",
        "150,5 ton CO₂ Nog onder het doel",
    ]
    assert rij("Circulaire pilots (aantal)") == ["2026", "2", "In te vullen bij de evaluatie"]


def test_a_share_is_judged_exactly_and_shown_rounded_half_up(actieplan, soorten, kalender):
    # 2026: A and B from € 250.000, one of them with social return: exactly 50%.
    [precies] = doelen_opslaan(
        actieplan, soorten, [("social-return-vanaf-drempel", 2026, Decimal("50.01"), 250_000)]
    )
    [realisatie] = selectors.doelrealisatie(actieplan=actieplan, doelen=[precies])
    assert (realisatie.waarde_tekst, realisatie.gehaald) == ("50%", False)  # 50 < 50,01
    assert selectors.procent(2, 3) == 67 and selectors.procent(149, 200) == 75
    assert selectors.procent(1, 8) == 13  # 12,5 rounds up, not to even


def test_no_co2_figure_in_the_calendar_is_not_zero_tonnes(actieplan, soorten, kalender):
    doelen = doelen_opslaan(actieplan, soorten, [("co2-reductie", 2027, 10, None)])
    [realisatie] = selectors.doelrealisatie(actieplan=actieplan, doelen=doelen)
    assert realisatie.berekend and realisatie.waarde is None and realisatie.gehaald is None


def test_the_step_4_progress_is_judged_on_the_exact_share(actieplan, maak_aanbesteding, themas):
    plan_services.themakeuze_opslaan(
        actieplan=actieplan,
        keuzes={
            t: {"focus": s == "klimaat", "onderbouwing": "o", "doorlopend": ""}
            for s, t in themas.items()
        },
    )
    doelen_opslaan(
        actieplan,
        Doelsoort.objects.in_bulk(),
        [("kansrijke-aanbestedingen-met-thema", 2025, Decimal("66.67"), None)],
    )
    maak_aanbesteding("A", toepassingen={"klimaat": TOEGEPAST})
    maak_aanbesteding("B", toepassingen={"klimaat": TOEGEPAST})
    maak_aanbesteding("C")
    voortgang = selectors.voortgang(actieplan=actieplan, jaar=2025)
    assert (voortgang.percentage, voortgang.doel_gehaald) == (67, False)
