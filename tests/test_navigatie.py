"""Every page inside a plan shows a breadcrumb back to the plan and the seven-step
indicator with its own step marked, so nobody has to go back to the plan to move on."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from aanbestedingskalender.models import Importbestand
from tests.aanbestedingskalender.test_resources import GOED, KOPPEN, xlsx

ALLE_ROLLEN = ("inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder")


def paginas(plan, aanbesteding, upload):
    p = plan.pk
    return {
        # url: (the step marked in the indicator, the breadcrumb's last item)
        reverse("actieplan:detail", args=[p]): (None, f"{plan.titel} {plan.periode}"),
        reverse("actieplan:update", args=[p]): (None, "Titel en periode wijzigen"),
        reverse("actieplan:stap", args=[p, "nulmeting"]): (1, "Stap 1. Nulmeting"),
        reverse("actieplan:nulmeting_mijn", args=[p]): (1, "Mijn nulmeting"),
        reverse("actieplan:nulmeting_antwoord", args=[p, "klimaat"]): (1, "Klimaat"),
        reverse("actieplan:nulmeting_thema", args=[p, "klimaat"]): (1, "Nulmeting Klimaat"),
        reverse("actieplan:themakeuze", args=[p]): (2, "Focusthema's kiezen"),
        reverse("actieplan:ambities", args=[p]): (2, "Ambities vastleggen"),
        reverse("actieplan:meetbare_doelen", args=[p]): (3, "Meetbare doelen"),
        reverse("actieplan:tekstdoelen", args=[p]): (3, "Doelen in woorden"),
        reverse("actieplan:stap", args=[p, "aanbestedingskalender"]): (
            4,
            "Stap 4. Aanbestedingskalender",
        ),
        reverse("aanbestedingskalender:kalender", args=[p]): (4, "Kalender"),
        reverse("aanbestedingskalender:aanbesteding_nieuw", args=[p]): (
            4,
            "Aanbesteding toevoegen",
        ),
        reverse("aanbestedingskalender:aanbesteding_wijzigen", args=[p, aanbesteding.pk]): (
            4,
            str(aanbesteding),
        ),
        reverse("aanbestedingskalender:aanbesteding_uitstellen", args=[p, aanbesteding.pk]): (
            4,
            f"{aanbesteding} uitstellen",
        ),
        reverse("aanbestedingskalender:aanbesteding_verwijderen", args=[p, aanbesteding.pk]): (
            4,
            f"{aanbesteding} verwijderen",
        ),
        reverse("aanbestedingskalender:kwartaal", args=[p, 2025, 2]): (
            4,
            "Kwartaaloverleg K2 2025",
        ),
        reverse("aanbestedingskalender:import", args=[p]): (4, "Importeren"),
        reverse("aanbestedingskalender:import_voorbeeld", args=[p, upload.pk]): (
            4,
            "Import controleren",
        ),
        reverse("actieplan:stap", args=[p, "jaarplanning"]): (6, "Stap 6. Jaarplanning"),
    }


def test_every_page_in_a_plan_has_the_breadcrumb_and_its_step_marked(
    client, lid, actieplan, maak_aanbesteding
):
    gebruiker = lid(*ALLE_ROLLEN)
    client.force_login(gebruiker)
    aanbesteding = maak_aanbesteding("A-1", naam="Schoonmaak")
    upload = Importbestand.objects.create(
        actieplan=actieplan,
        door=gebruiker,
        bestandsnaam="k.xlsx",
        formaat="xlsx",
        inhoud=xlsx([KOPPEN, GOED]),
    )
    for url, (stap, laatste) in paginas(actieplan, aanbesteding, upload).items():
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        soup = BeautifulSoup(antwoord.text, "html.parser")
        kruimelpad = soup.find("nav", attrs={"aria-label": "Kruimelpad"})
        assert kruimelpad is not None, url
        links = [a["href"] for a in kruimelpad.select("a")]
        assert reverse("actieplan:detail", args=[actieplan.pk]) in links or stap is None, url
        assert kruimelpad.select_one('[aria-current="page"]').get_text(strip=True) == laatste
        indicator = soup.find("nav", attrs={"aria-label": "Stappen van het actieplan"})
        assert indicator is not None, url
        gemarkeerd = indicator.select('[aria-current="step"]')
        if stap is None:
            assert gemarkeerd == [], url
        else:
            assert [a["href"] for a in gemarkeerd] == [
                reverse("actieplan:stap", args=[actieplan.pk, indicator_slug(stap)])
            ], url


def indicator_slug(nummer: int) -> str:
    from actieplan.stappen import STAPPEN

    return STAPPEN[nummer - 1].slug


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_the_plan_page_breadcrumb_leads_back_to_the_plans(client_als, actieplan, rol):
    antwoord = client_als(rol).get(reverse("actieplan:detail", args=[actieplan.pk]))
    kruimelpad = BeautifulSoup(antwoord.text, "html.parser").find(
        "nav", attrs={"aria-label": "Kruimelpad"}
    )
    assert [a.get_text(strip=True) for a in kruimelpad.select("a")] == ["Actieplannen"]
