"""Step 7: the figures computed for a year on hand-made data with known answers (a year
whose goal is missed, a year without tenders), the answers, roles and query counts."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding
from actieplan import services as plan_services
from actieplan.stappen import STAPPEN_OP_SLUG, register
from evaluatie import selectors, services
from evaluatie.models import ANTWOORDVELDEN, Jaarevaluatie
from jaarplanning import services as planning_services
from jaarplanning.models import Actie, Actorgroep
from plandocument import document
from tests.organisaties.test_views import form_data
from themes.models import Doelsoort

STAP_7 = register.inhoud(STAPPEN_OP_SLUG["evaluatie"])
TOEGEPAST = {"toegepast": True, "vorm": "minimumeis"}


@pytest.fixture
def jaar_2025(actieplan, maak_aanbesteding, themas, organisatie):
    plan_services.themakeuze_opslaan(
        actieplan=actieplan,
        keuzes={
            t: {"focus": s == "klimaat", "onderbouwing": "o", "doorlopend": ""}
            for s, t in themas.items()
        },
    )
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {
                "soort": Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN),
                "jaar": jaar,
                "streefwaarde": doel,
            }
            for jaar, doel in ((2025, 75), (2026, 50))
        ],
    )
    a = maak_aanbesteding("A", status="gegund", toepassingen={"klimaat": TOEGEPAST})
    b = maak_aanbesteding(
        "B",
        status="gegund",
        toepassingen={"klimaat": TOEGEPAST | {"vorm": "gunningscriterium"}},
    )
    maak_aanbesteding("C", toepassingen={"klimaat": {"toegepast": False}})
    d = maak_aanbesteding("D", status="gegund", toepassingen={"klimaat": TOEGEPAST})
    e = maak_aanbesteding("E", status="gegund", toepassingen={"klimaat": TOEGEPAST})
    for aanbesteding, co2 in ((a, "10"), (b, "2.5"), (d, "1000"), (e, "500")):
        services.tender_evaluatie_opslaan(
            aanbesteding=aanbesteding,
            effecten={themas["klimaat"]: {"gewerkt": "ja", "co2_vermeden_ton": Decimal(co2)}},
        )
    # Evaluated, then D dropped (vervallen) and E's theme set back to not applied: their
    # effects no longer count.
    Aanbesteding.objects.filter(pk=d.pk).update(status="vervallen")
    e.toepassingen.filter(thema__slug="klimaat").update(toegepast=False, uitleg="Toch niet.")
    groep = Actorgroep.objects.filter(organisatie=organisatie).first()
    for titel, status, reden, budget, uren in (
        ("Klaar", "gereed", "", None, None),
        ("Later", "uitgesteld", "Trainer ziek.", None, None),
        ("Weg", "vervallen", "Niet meer nodig.", Decimal("500"), None),
        ("Bezig", "bezig", "", None, Decimal("40")),
    ):
        planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2025,
                "titel": titel,
                "actorgroep": groep,
                "startjaar": 2025,
                "startkwartaal": 2,
                "eindjaar": 2025,
                "eindkwartaal": 2,
                "status": status,
                "reden": reden,
                "extra_budget": budget,
                "extra_uren": uren,
            },
        )


def test_the_figures_of_a_year_whose_goal_was_missed(actieplan, jaar_2025):
    cijfers = selectors.jaarcijfers(actieplan=actieplan, jaar=2025)
    v = cijfers["voortgang"]
    # A and B apply the focus theme, C and E do not, D is vervallen: 2 of 4 = 50% < 75%.
    assert (v.toegepast, v.kansrijk, v.percentage, v.doel, v.doel_gehaald) == (
        2,
        4,
        50,
        75,
        False,
    )
    klimaat = next(t for t in cijfers["themas"] if t.thema.slug == "klimaat")
    assert (klimaat.toepasbaar, klimaat.toegepast) == (4, 2)
    assert klimaat.per_vorm == {"Minimumeis": 1, "Gunningscriterium": 1}
    assert (klimaat.co2_vermeden_ton, klimaat.evaluaties) == (Decimal("12.5"), 2)
    assert dict(cijfers["acties_per_status"]) == {
        "Gepland": 0,
        "Bezig": 1,
        "Gereed": 1,
        "Uitgesteld": 1,
        "Vervallen": 1,
    }
    assert [(a.titel, a.reden) for a in cijfers["acties_niet_gedaan"]] == [
        ("Later", "Trainer ziek."),
        ("Weg", "Niet meer nodig."),
    ]
    totalen = cijfers["actietotalen"]
    assert (totalen.extra_budget, totalen.extra_uren) == (0, Decimal("40"))  # "Weg" dropped
    # E applies no theme any more: not to be evaluated; D is vervallen.
    assert (cijfers["tenders_geevalueerd"], cijfers["tenders_te_evalueren"]) == (2, 2)


def test_a_year_without_tenders_has_no_share_and_no_verdict(actieplan, jaar_2025):
    v = selectors.jaarcijfers(actieplan=actieplan, jaar=2026)["voortgang"]
    assert (v.kansrijk, v.percentage, v.doel, v.doel_gehaald) == (0, None, 50, None)


def test_the_page_shows_the_figures_and_the_chart_describes_them(client_als, actieplan, jaar_2025):
    antwoord = client_als("management").get(
        reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025"
    )
    soup = BeautifulSoup(antwoord.text, "html.parser")
    tekst = " ".join(soup.text.split())
    assert (
        "In 2 van de 4 kansrijke aanbestedingen is één of meer focusthema's toegepast (50%)."
        in tekst
    )
    assert "Doel niet gehaald" in tekst
    assert "Later (uitgesteld): Trainer ziek." in tekst
    beschrijving = soup.find("desc", id="grafiek-doelen-omschrijving").text
    assert "2025: doel 75%, gerealiseerd 50%" in beschrijving
    # The years up to the evaluated one: 2026 is still being planned (step 4 shows it).
    assert "2026" not in beschrijving
    assert "Klimaat: 12,5 ton" in soup.find("desc", id="grafiek-co2-omschrijving").text
    assert "Evaluatie 2025 invullen" not in tekst  # management reads only


def test_the_team_answers_and_the_step_is_complete_with_all_nine(client_als, actieplan):
    client = client_als("mvoi_teamlid")
    url = reverse("evaluatie:jaar", args=[actieplan.pk, 2025])
    pagina = client.get(url)
    assert "Hoe vinden we de samenwerking binnen het MVOI-team?" in pagina.text
    data = form_data(pagina.text) | {veld: [f"Antwoord {veld}"] for veld in ANTWOORDVELDEN[:-1]}
    assert client.post(url, data).status_code == 302
    assert not STAP_7.compleet(actieplan, jaar=2025)  # eight of nine
    data = form_data(client.get(url).text) | {ANTWOORDVELDEN[-1]: ["De laatste"]}
    assert client.post(url, data).status_code == 302
    assert STAP_7.compleet(actieplan, jaar=2025)
    assert not STAP_7.compleet(actieplan, jaar=2026)
    assert Jaarevaluatie.objects.get().procesgericht_letten == "De laatste"


@pytest.mark.parametrize("rol", ["management", "inkoopadviseur"])
def test_others_cannot_write_the_evaluation(client_als, rol, actieplan):
    client = client_als(rol)
    url = reverse("evaluatie:jaar", args=[actieplan.pk, 2025])
    assert client.get(url).status_code == 403
    assert client.post(url, {"strategisch_goed": "x"}).status_code == 403
    assert not Jaarevaluatie.objects.exists()


def test_a_year_outside_the_plan_is_not_found(client_als, actieplan):
    url = reverse("evaluatie:jaar", args=[actieplan.pk, 2031])
    assert client_als("coordinator").get(url).status_code == 404


def test_answers_are_escaped_in_the_page_and_the_document(client_als, actieplan):
    services.jaarevaluatie_opslaan(
        actieplan=actieplan, jaar=2025, strategisch_goed="<script>x</script>", besluiten="<b>b</b>"
    )
    html = (
        client_als("management")
        .get(reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025")
        .text
    )
    fragment = document.fragment_html(
        stap=STAPPEN_OP_SLUG["evaluatie"],
        fragment=STAP_7.document(actieplan, jaar=2025),
        actieplan=actieplan,
        jaar=2025,
    )
    for tekst in (html, fragment):
        assert "<script>x</script>" not in tekst and "<b>b</b>" not in tekst
        assert "&lt;script&gt;x&lt;/script&gt;" in tekst and "&lt;b&gt;b&lt;/b&gt;" in tekst


def test_the_step_7_page_keeps_a_constant_number_of_queries(
    client_als,
    actieplan,
    jaar_2025,
    maak_aanbesteding,
    themas,
    organisatie,
    django_assert_max_num_queries,
):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025"

    def doelen_van_elke_soort(jaren):
        plan_services.meetbare_doelen_opslaan(
            actieplan=actieplan,
            doelen=[
                {
                    "soort": soort,
                    "jaar": jaar,
                    "streefwaarde": 10,
                    "drempel": 1000 if soort.met_drempel else None,
                }
                for soort in Doelsoort.objects.all()
                for jaar in jaren
            ],
        )

    doelen_van_elke_soort([2025])
    with django_assert_max_num_queries(60) as weinig:
        client.get(url)
    groep = Actorgroep.objects.filter(organisatie=organisatie).first()
    for index in range(20):
        aanbesteding = maak_aanbesteding(
            f"X-{index}", status="gegund", toepassingen={"klimaat": TOEGEPAST}
        )
        services.tender_evaluatie_opslaan(
            aanbesteding=aanbesteding,
            effecten={themas["klimaat"]: {"sroi_euro": Decimal(index)}},
        )
        planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2025,
                "titel": f"Actie {index}",
                "actorgroep": groep,
                "startjaar": 2025,
                "startkwartaal": 1,
                "eindjaar": 2025,
                "eindkwartaal": 1,
                "status": Actie.Status.UITGESTELD,
                "reden": "Later",
            },
        )
    # A longer plan period (more years in the chart) with goals of every kind each year.
    actieplan.eindjaar = 2033
    actieplan.save()
    doelen_van_elke_soort(range(2024, 2034))
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_goal_the_calendar_cannot_measure_is_filled_in_at_the_evaluation(client_als, actieplan):
    soorten = Doelsoort.objects.in_bulk()
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {"soort": soorten["circulaire-pilots"], "jaar": 2025, "streefwaarde": 3},
            {"soort": soorten["co2-reductie"], "jaar": 2025, "streefwaarde": 100},
        ],
    )
    client = client_als("mvoi_teamlid")
    url = reverse("evaluatie:jaar", args=[actieplan.pk, 2025])
    pagina = client.get(url)
    soup = BeautifulSoup(pagina.text, "html.parser")
    velden = soup.select("fieldset input[name^=doel_]")
    assert len(velden) == 1  # only the pilots: the calendar measures CO₂ itself
    assert "Het doel was 3." in soup.text
    data = form_data(pagina.text) | {velden[0]["name"]: ["2"]}
    assert client.post(url, data).status_code == 302

    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025")
    rij = " ".join(
        BeautifulSoup(stap.text, "html.parser")
        .find("h5", string="Circulaire pilots (aantal)")
        .find_next("tbody")
        .text.split()
    )
    assert rij == "2025 3 2 (ingevuld bij de evaluatie) Nog onder het doel"

    # A page opened before the goal existed (no field for it) does not empty the figure.
    zonder = {k: v for k, v in form_data(pagina.text).items() if not k.startswith("doel_")}
    zonder["versie"] = form_data(client.get(url).text)["versie"]
    assert client.post(url, zonder).status_code == 302
    assert actieplan.meetbare_doelen.get(soort_id="circulaire-pilots").gerealiseerd == 2

    # Editing the goals in step 3 keeps what the evaluation recorded.
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[{"soort": soorten["circulaire-pilots"], "jaar": 2025, "streefwaarde": 4}],
    )
    assert actieplan.meetbare_doelen.get().gerealiseerd == 2


def test_a_computed_goal_cannot_be_overwritten_at_the_evaluation(actieplan):
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {
                "soort": Doelsoort.objects.get(code="co2-reductie"),
                "jaar": 2025,
                "streefwaarde": 100,
            }
        ],
    )
    doel = actieplan.meetbare_doelen.get()
    with pytest.raises(ValidationError, match="meet de aanbestedingskalender zelf"):
        services.jaarevaluatie_opslaan(actieplan=actieplan, jaar=2025, gerealiseerd={doel: 5})
    doel.refresh_from_db()
    assert doel.gerealiseerd is None
