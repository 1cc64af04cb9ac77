"""Decisions of the yearly evaluation: recorded by the MVOI team, changing step 2b or 3 only
when the coördinator applies them, once, through those steps' own rules and history."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from actieplan import services as plan_services
from actieplan.models import ActieplanThema, MeetbaarDoel
from evaluatie.models import Besluit
from tests.organisaties.test_views import form_data
from themes.models import Ambitieniveau, Doelsoort


@pytest.fixture
def plan_met_doelen(actieplan, themas):
    soort = Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN)
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {"soort": soort, "jaar": 2025, "streefwaarde": 75},
            {"soort": soort, "jaar": 2026, "streefwaarde": 80},
        ],
    )
    plan_services.ambities_opslaan(
        actieplan=actieplan,
        ambities={
            themas["klimaat"]: {
                "ambitie_niveau": Ambitieniveau.objects.get(nummer=4),
                "voorbehoud": "Onder voorbehoud",
                "toelichting_ambitie": "",
            }
        },
    )
    return actieplan


def test_a_goal_decision_changes_step_3_only_once_the_coordinator_applies_it(
    client_als, plan_met_doelen
):
    team = client_als("mvoi_teamlid")
    url = reverse("evaluatie:besluit", args=[plan_met_doelen.pk, 2025])
    data = form_data(team.get(url).text) | {
        "soort": ["doel"],
        "doel": ["kansrijke-aanbestedingen-met-thema|2026"],
        "streefwaarde": ["70"],
        "toelichting": ["Het tempo van 2025 haalt 80% niet."],
    }
    assert team.post(url, data).status_code == 302
    besluit = Besluit.objects.get()
    assert str(besluit) == "Kansrijke aanbestedingen met een gekozen thema toegepast 2026 naar 70%"
    doel_2026 = MeetbaarDoel.objects.get(jaar=2026)
    assert doel_2026.streefwaarde == 80  # recorded, not applied
    toepassen = reverse("evaluatie:besluit_toepassen", args=[plan_met_doelen.pk, besluit.pk])
    assert team.post(toepassen).status_code == 403  # the team records, does not apply

    coordinator = client_als("coordinator")
    assert "Ja, toepassen" in coordinator.get(toepassen).text
    assert coordinator.post(toepassen).status_code == 302
    assert MeetbaarDoel.objects.get(jaar=2026).streefwaarde == Decimal("70")
    assert MeetbaarDoel.objects.get(jaar=2025).streefwaarde == 75  # the others unchanged
    besluit.refresh_from_db()
    assert besluit.toegepast_op is not None and besluit.toegepast_door is not None
    antwoord = coordinator.post(toepassen)  # twice: refused, nothing changes
    assert "al toegepast" in antwoord.text
    stap = coordinator.get(
        reverse("actieplan:stap", args=[plan_met_doelen.pk, "evaluatie"]) + "?jaar=2025"
    )
    assert "(toegepast door" in stap.text


def test_an_ambition_decision_goes_through_step_2bs_rules_and_history(
    client_als, plan_met_doelen, themas
):
    # The agreed current level is 5: a lower ambition needs an explanation (step 2b's
    # rule), which the decision's reason gives.
    ActieplanThema.objects.filter(actieplan=plan_met_doelen, thema=themas["klimaat"]).update(
        huidig_niveau=Ambitieniveau.objects.get(nummer=5)
    )
    besluit = Besluit.objects.create(
        actieplan=plan_met_doelen,
        jaar=2025,
        soort="ambitie",
        thema=themas["klimaat"],
        ambitieniveau=Ambitieniveau.objects.get(nummer=3),
        toelichting="Klimaat gaat trager dan gedacht.",
    )
    coordinator = client_als("coordinator")
    coordinator.post(reverse("evaluatie:besluit_toepassen", args=[plan_met_doelen.pk, besluit.pk]))
    rij = ActieplanThema.objects.get(actieplan=plan_met_doelen, thema=themas["klimaat"])
    assert (rij.ambitie_niveau_id, rij.voorbehoud, rij.toelichting_ambitie) == (
        3,
        "Onder voorbehoud",
        "Klimaat gaat trager dan gedacht.",
    )
    assert rij.history.first().ambitie_niveau_id == 3  # step 2's history shows it


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"soort": ["ambitie"]}, "thema"),
        ({"soort": ["doel"], "streefwaarde": ["70"]}, "doel"),
        ({"soort": ["doel"], "doel": ["kansrijke-aanbestedingen-met-thema|2026"]}, "streefwaarde"),
        (  # a target step 3 would refuse: the decision could never be applied
            {
                "soort": ["doel"],
                "doel": ["kansrijke-aanbestedingen-met-thema|2026"],
                "streefwaarde": ["150"],
            },
            "streefwaarde",
        ),
    ],
)
def test_an_incomplete_decision_is_refused_at_its_field(client_als, plan_met_doelen, data, veld):
    client = client_als("mvoi_teamlid")
    url = reverse("evaluatie:besluit", args=[plan_met_doelen.pk, 2025])
    antwoord = client.post(url, form_data(client.get(url).text) | {"toelichting": ["x"]} | data)
    assert antwoord.status_code == 200
    invoer = BeautifulSoup(antwoord.text, "html.parser").find(attrs={"name": veld})
    assert invoer.get("aria-invalid") == "true"
    assert not Besluit.objects.exists()


@pytest.mark.parametrize("rol", ["management", "inkoopadviseur"])
def test_others_neither_record_nor_apply(client_als, rol, plan_met_doelen):
    client = client_als(rol)
    besluit = Besluit.objects.create(
        actieplan=plan_met_doelen, jaar=2025, soort="ambitie", toelichting="x"
    )
    assert (
        client.post(reverse("evaluatie:besluit", args=[plan_met_doelen.pk, 2025])).status_code
        == 403
    )
    toepassen = reverse("evaluatie:besluit_toepassen", args=[plan_met_doelen.pk, besluit.pk])
    assert client.post(toepassen).status_code == 403


def test_the_confirmation_shows_what_stands_now(client_als, plan_met_doelen):
    besluit = Besluit.objects.create(
        actieplan=plan_met_doelen,
        jaar=2025,
        soort="doel",
        doelsoort=Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN),
        doeljaar=2026,
        streefwaarde=60,
        toelichting="Lager.",
    )
    pagina = client_als("coordinator").get(
        reverse("evaluatie:besluit_toepassen", args=[plan_met_doelen.pk, besluit.pk])
    )
    assert "Nu: 80%." in pagina.text
