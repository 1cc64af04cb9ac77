"""The evaluation after each awarded kansrijke tender: who records it, what it holds, and
the calendar showing which tenders still lack one."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding
from evaluatie import services
from evaluatie.models import TenderEvaluatie, ThemaEffect
from tests.organisaties.test_views import form_data

TOEGEPAST = {"toegepast": True, "vorm": "gunningscriterium", "criteria_niveau": "significant"}


@pytest.fixture
def gegund(maak_aanbesteding):
    return maak_aanbesteding(
        "G-1",
        naam="Leerlingenvervoer",
        status=Aanbesteding.Status.GEGUND,
        geraamde_waarde=Decimal("900000"),
        toepassingen={
            "klimaat": TOEGEPAST,
            "social-return": TOEGEPAST,
            "circulair": {"toegepast": False, "uitleg": "Geen markt."},
        },
    )


def url(actieplan, aanbesteding):
    return reverse("evaluatie:tender", args=[actieplan.pk, aanbesteding.pk])


def test_the_owner_records_the_evaluation_per_applied_theme_with_dutch_figures(
    client, actieplan, gegund, adviseur
):
    client.force_login(adviseur)  # the tender's owner, an advisor
    pagina = client.get(url(actieplan, gegund))
    soup = BeautifulSoup(pagina.text, "html.parser")
    themas = [legend.text for legend in soup.select("fieldset.mvoi-formset-rij > legend")]
    assert themas == ["Klimaat", "Social return (SROI)"]  # applied only: not Circulair
    assert "Gunningscriterium, significant" in soup.text
    data = form_data(pagina.text) | {
        "klimaat-markt": ["Elektrische bussen"],
        "klimaat-gewerkt": ["ja"],
        "klimaat-co2_vermeden_ton": ["12,5"],
        "social-return-gewerkt": ["deels"],
        "social-return-sroi_euro": ["€ 45.000"],
        "social-return-sroi_percentage": ["5"],
    }
    antwoord = client.post(url(actieplan, gegund), data)
    assert antwoord.status_code == 302
    effecten = {e.thema.slug: e for e in ThemaEffect.objects.select_related("thema").all()}
    assert effecten["klimaat"].co2_vermeden_ton == Decimal("12.5")
    assert (effecten["social-return"].sroi_euro, effecten["social-return"].gewerkt) == (
        Decimal("45000"),
        "deels",
    )
    assert TenderEvaluatie.objects.get().door == adviseur


def test_another_effect_needs_its_unit_at_the_field(client, actieplan, gegund, adviseur):
    client.force_login(adviseur)
    data = form_data(client.get(url(actieplan, gegund)).text) | {"klimaat-overig_waarde": ["250"]}
    antwoord = client.post(url(actieplan, gegund), data)
    soup = BeautifulSoup(antwoord.text, "html.parser")
    assert soup.find(attrs={"name": "klimaat-overig_eenheid"})["aria-invalid"] == "true"
    assert "Geef bij een ander effect ook de eenheid." in soup.text
    assert not TenderEvaluatie.objects.exists()


@pytest.mark.parametrize("rol", ["inkoopadviseur", "management"])
def test_others_than_the_owner_and_the_team_read_but_do_not_record(
    client_als, rol, actieplan, gegund
):
    client = client_als(rol)  # a new member: not the tender's owner
    pagina = client.get(url(actieplan, gegund))
    assert pagina.status_code == 200
    assert "Evaluatie opslaan" not in pagina.text
    assert client.post(url(actieplan, gegund), form_data(pagina.text)).status_code == 403
    assert not TenderEvaluatie.objects.exists()


def test_the_team_may_evaluate_any_tender(client_als, actieplan, gegund):
    client = client_als("mvoi_teamlid")
    data = form_data(client.get(url(actieplan, gegund)).text) | {"klimaat-gewerkt": ["nee"]}
    assert client.post(url(actieplan, gegund), data).status_code == 302
    assert ThemaEffect.objects.get(thema__slug="klimaat").gewerkt == "nee"


def test_only_an_awarded_tender_and_its_applied_themes_are_evaluated(
    maak_aanbesteding, gegund, themas
):
    gepland = maak_aanbesteding("P-1", toepassingen={"klimaat": TOEGEPAST})
    with pytest.raises(ValidationError, match="zodra ze gegund is"):
        services.tender_evaluatie_opslaan(aanbesteding=gepland, effecten={})
    with pytest.raises(ValidationError, match="niet toegepast"):
        services.tender_evaluatie_opslaan(
            aanbesteding=gegund, effecten={themas["circulair"]: {"gewerkt": "ja"}}
        )
    assert not TenderEvaluatie.objects.exists()


def test_the_calendar_shows_which_awarded_tenders_lack_their_evaluation(
    client_als, actieplan, gegund, maak_aanbesteding, themas
):
    maak_aanbesteding("G-2", naam="Zonder MVOI", status="gegund")  # nothing applied
    client = client_als("management")
    kalender = reverse("aanbestedingskalender:kalender", args=[actieplan.pk]) + "?jaar=2025"

    def ontbrekend():
        soup = BeautifulSoup(client.get(kalender).text, "html.parser")
        tabel = soup.select_one(".mvoi-kalender")  # the phone's cards say the same
        kaarten = soup.select_one(".mvoi-kalender-kaarten")
        assert len(kaarten.find_all("a", string="Evaluatie ontbreekt")) == len(
            tabel.find_all("a", string="Evaluatie ontbreekt")
        )
        return [
            a.find_parent("tr").th.a.text
            if a.find_parent("tr").th.a
            else a.find_parent("tr").th.text.split()[0]
            for a in tabel.find_all("a", string="Evaluatie ontbreekt")
        ]

    assert len(ontbrekend()) == 1
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "aanbestedingskalender"]))
    assert "Evaluaties van aanbestedingen (1 ontbreekt)" in stap.text
    services.tender_evaluatie_opslaan(
        aanbesteding=gegund, effecten={themas["klimaat"]: {"gewerkt": "ja"}}
    )
    assert ontbrekend() == []
    lijst = client.get(reverse("evaluatie:aanbestedingen", args=[actieplan.pk]))
    assert "0 aanbestedingen wachten op hun evaluatie." in lijst.text


def test_the_tenders_to_evaluate_come_fifty_a_page_and_the_missing_are_counted(
    client_als, actieplan, themas
):
    """Issue 26: a large organisation awards thousands a year; the list read them all."""
    from aanbestedingskalender.models import ThemaToepassing
    from tests.factories import veel_aanbestedingen

    tenders = veel_aanbestedingen(
        actieplan, 120, startjaar=2025, status="gegund", kansrijk=True, naam="Tender {i:03d}"
    )
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(aanbesteding=t, thema=themas["klimaat"], toegepast=True, vorm="anders")
        for t in tenders
    )
    TenderEvaluatie.objects.bulk_create(TenderEvaluatie(aanbesteding=t) for t in tenders[:30])
    client = client_als("mvoi_teamlid")
    url = reverse("evaluatie:aanbestedingen", args=[actieplan.pk])
    pagina = client.get(url).text
    assert "90 aanbestedingen wachten op hun evaluatie." in pagina
    soep = BeautifulSoup(pagina, "html.parser")
    assert len(soep.select("#tabel-evaluaties ~ tbody tr")) == 50
    volgende = soep.find("nav", attrs={"aria-label": "Pagina’s van de evaluaties"}).find(
        "a", rel="next"
    )["href"]
    assert volgende == "?pagina=2"
    soep = BeautifulSoup(client.get(url + "?pagina=3").text, "html.parser")
    assert len(soep.select("#tabel-evaluaties ~ tbody tr")) == 20
