"""Nothing silently overwritten: on every edit form, two people who loaded the same
version cannot both save it. The second sees what is stored now beside what they typed,
keeps their input, and can then deliberately save again."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding, Kwartaaloverleg
from actieplan import services as plan_services
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel, NulmetingAntwoord, TekstDoel
from evaluatie.models import ThemaEffect
from jaarplanning import services as planning_services
from jaarplanning.models import Actie, Actorgroep, Borging
from organisaties.models import Lidmaatschap
from tests.factories import LidmaatschapFactory
from tests.organisaties.test_views import form_data
from themes.models import Doelsoort, Thema

CONFLICT = "Iemand anders heeft dit intussen opgeslagen"


@dataclass
class Geval:
    rollen: tuple[str, ...]
    url: Callable  # (actieplan, objecten) -> url
    invullen: Callable  # (data, waarde) -> None: type a value into the posted form
    opgeslagen: Callable  # (actieplan, objecten) -> the stored value to compare
    waarden: tuple = ("Versie van A", "Versie van B")
    zelfde_persoon: bool = False  # one person in two browser tabs


def zet(veld):
    def invullen(data, waarde):
        data[veld] = [waarde]

    return invullen


def klimaat(actieplan):
    return ActieplanThema.objects.filter(actieplan=actieplan, thema__slug="klimaat").first()


def themakeuze_invullen(data, waarde):
    data["klimaat-focus"] = ["on"]
    data["klimaat-onderbouwing"] = [waarde]


GEVALLEN = {
    "aanbesteding": Geval(
        ("inkoopadviseur",),
        lambda plan, o: reverse(
            "aanbestedingskalender:aanbesteding_wijzigen", args=[plan.pk, o["aanbesteding"].pk]
        ),
        zet("naam"),
        lambda plan, o: Aanbesteding.objects.get(pk=o["aanbesteding"].pk).naam,
    ),
    "uitstellen": Geval(
        ("inkoopadviseur",),
        lambda plan, o: reverse(
            "aanbestedingskalender:aanbesteding_uitstellen", args=[plan.pk, o["aanbesteding"].pk]
        ),
        lambda data, waarde: data.update(
            reden=[waarde], naar_kwartaal=["4" if waarde.endswith("B") else "3"]
        ),
        lambda plan, o: o["aanbesteding"].verplaatsingen.order_by("-pk").first().reden,
    ),
    "nulmeting vaststellen": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("actieplan:nulmeting_thema", args=[plan.pk, "klimaat"]),
        zet("nulmeting_samenvatting"),
        lambda plan, o: klimaat(plan).nulmeting_samenvatting,
    ),
    "eigen nulmeting in twee tabbladen": Geval(
        ("inkoopadviseur",),
        lambda plan, o: reverse("actieplan:nulmeting_antwoord", args=[plan.pk, "klimaat"]),
        zet("onderbouwing"),
        lambda plan, o: NulmetingAntwoord.objects.get(actieplan=plan).onderbouwing,
        zelfde_persoon=True,
    ),
    "themakeuze": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("actieplan:themakeuze", args=[plan.pk]),
        themakeuze_invullen,
        lambda plan, o: klimaat(plan).onderbouwing,
    ),
    "ambities": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("actieplan:ambities", args=[plan.pk]),
        zet("klimaat-voorbehoud"),
        lambda plan, o: klimaat(plan).voorbehoud,
    ),
    "meetbare doelen": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("actieplan:meetbare_doelen", args=[plan.pk]),
        zet("doel-0-streefwaarde"),
        lambda plan, o: f"{MeetbaarDoel.objects.get(actieplan=plan).streefwaarde:f}".removesuffix(
            ".00"
        ),
        waarden=("80", "90"),
    ),
    "doelen in woorden": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("actieplan:tekstdoelen", args=[plan.pk]),
        zet("tekstdoel-0-tekst"),
        lambda plan, o: TekstDoel.objects.get(actieplan=plan).tekst,
    ),
    "kwartaaloverleg": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("aanbestedingskalender:kwartaal", args=[plan.pk, 2025, 1]),
        zet("notities"),
        lambda plan, o: Kwartaaloverleg.objects.get(actieplan=plan).notities,
    ),
    "actie": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("jaarplanning:actie_wijzigen", args=[plan.pk, o["actie"].pk]),
        zet("titel"),
        lambda plan, o: Actie.objects.get(pk=o["actie"].pk).titel,
    ),
    "actorgroepen": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("jaarplanning:actorgroepen", args=[plan.pk]),
        zet("groep-0-naam"),
        lambda plan, o: Actorgroep.objects.filter(organisatie=plan.organisatie).first().naam,
    ),
    "borging": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("jaarplanning:borging", args=[plan.pk]),
        zet("in_organisatie"),
        lambda plan, o: Borging.objects.get(actieplan=plan).in_organisatie,
    ),
    "evaluatie van een aanbesteding": Geval(
        ("mvoi_teamlid",),
        lambda plan, o: reverse("evaluatie:tender", args=[plan.pk, o["gegund"].pk]),
        zet("klimaat-markt"),
        lambda plan, o: ThemaEffect.objects.get(evaluatie__aanbesteding=o["gegund"]).markt,
    ),
    "titel en periode": Geval(
        ("coordinator",),
        lambda plan, o: reverse("actieplan:update", args=[plan.pk]),
        zet("titel"),
        lambda plan, o: Actieplan.objects.get(pk=plan.pk).titel,
    ),
    "rollen van een lid": Geval(
        ("beheerder",),
        lambda plan, o: reverse("organisaties:lid_wijzigen", args=[o["lid"].pk]),
        lambda data, waarde: data.__setitem__("rollen", waarde.split(",")),
        lambda plan, o: ",".join(
            sorted(Lidmaatschap.objects.get(pk=o["lid"].pk).rollen.values_list("code", flat=True))
        ),
        waarden=("coordinator,management", "inkoopadviseur,management"),
    ),
}


def zonder_versie(data: dict) -> dict:
    """The fields a person typed (a textarea's leading newline is HTML's, not theirs)."""
    return {
        veld: [waarde.strip() for waarde in waarden]
        for veld, waarden in data.items()
        if veld not in ("versie", "csrfmiddlewaretoken")
    }


@pytest.fixture
def objecten(actieplan, maak_aanbesteding, organisatie):
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {
                "soort": Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN),
                "jaar": 2025,
                "streefwaarde": 75,
            }
        ],
    )
    plan_services.tekstdoelen_opslaan(
        actieplan=actieplan, doelen=[{"thema": None, "tekst": "Eerste versie"}]
    )
    return {
        "aanbesteding": maak_aanbesteding(
            "A-1", naam="Schoonmaak", startjaar=2025, startkwartaal=2
        ),
        "lid": LidmaatschapFactory(organisatie=organisatie, rollen=["management"]),
        "gegund": maak_aanbesteding(
            "G-1",
            status="gegund",
            toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
        ),
        "actie": planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2025,
                "titel": "Kennissessie",
                "actorgroep": Actorgroep.objects.filter(organisatie=organisatie).first(),
                "startjaar": 2025,
                "startkwartaal": 1,
                "eindjaar": 2025,
                "eindkwartaal": 1,
            },
        ),
    }


@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_the_second_save_of_the_same_version_is_a_conflict_that_keeps_the_input(
    naam, lid, actieplan, objecten
):
    geval = GEVALLEN[naam]
    waarde_a, waarde_b = geval.waarden
    a, b = Client(), Client()
    persoon = lid(*geval.rollen)
    a.force_login(persoon)
    b.force_login(persoon if geval.zelfde_persoon else lid(*geval.rollen))
    url = geval.url(actieplan, objecten)
    data_a = form_data(a.get(url).text)
    data_b = form_data(b.get(url).text)
    assert data_a["versie"] == data_b["versie"]

    geval.invullen(data_a, waarde_a)
    assert a.post(url, data_a).status_code == 302
    assert geval.opgeslagen(actieplan, objecten) == waarde_a

    geval.invullen(data_b, waarde_b)
    antwoord = b.post(url, data_b)
    assert antwoord.status_code == 200
    assert geval.opgeslagen(actieplan, objecten) == waarde_a  # nothing overwritten
    melding = BeautifulSoup(antwoord.text, "html.parser").select_one("#bewerkingsconflict")
    assert CONFLICT in melding.get_text()
    opnieuw = form_data(antwoord.text)
    assert opnieuw["versie"] != data_b["versie"]  # now the stored version
    assert zonder_versie(opnieuw) == zonder_versie(data_b)  # every field as B typed it

    # Having seen the difference, B saves again on purpose.
    assert b.post(url, form_data(antwoord.text)).status_code == 302
    assert geval.opgeslagen(actieplan, objecten) == waarde_b


def test_the_conflict_shows_field_stored_value_and_your_value(client, lid, actieplan, objecten):
    url = GEVALLEN["aanbesteding"].url(actieplan, objecten)
    a, b = Client(), Client()
    a.force_login(lid("inkoopadviseur"))
    b.force_login(lid("inkoopadviseur"))
    data_a, data_b = form_data(a.get(url).text), form_data(b.get(url).text)
    data_a["naam"] = ["Schoonmaak gemeentehuis"]
    a.post(url, data_a)
    data_b["naam"] = ["Schoonmaak kantoren"]
    data_b["afdeling"] = ["Facilitair"]
    antwoord = b.post(url, data_b)
    rijen = [
        [cel.get_text(strip=True) for cel in tr.select("th, td")]
        for tr in BeautifulSoup(antwoord.text, "html.parser").select("#bewerkingsconflict tbody tr")
    ]
    assert ["Naam", "Schoonmaak gemeentehuis", "Schoonmaak kantoren"] in rijen
    assert ["Afdeling", "–", "Facilitair"] in rijen
    assert Aanbesteding.objects.get(kenmerk="A-1").versie == 2  # created, then A's save


def test_a_page_of_six_themes_names_the_theme_that_differs(lid, actieplan):
    url = reverse("actieplan:themakeuze", args=[actieplan.pk])
    a, b = Client(), Client()
    a.force_login(lid("mvoi_teamlid"))
    b.force_login(lid("mvoi_teamlid"))
    data_a, data_b = form_data(a.get(url).text), form_data(b.get(url).text)
    themakeuze_invullen(data_a, "Klimaat volgens A")
    a.post(url, data_a)
    themakeuze_invullen(data_b, "Klimaat volgens B")
    antwoord = b.post(url, data_b)
    tekst = BeautifulSoup(antwoord.text, "html.parser").select_one("#bewerkingsconflict").text
    assert "Klimaat: Onderbouwing" in tekst
    assert "Klimaat volgens A" in tekst and "Klimaat volgens B" in tekst
    assert Thema.objects.count() == ActieplanThema.objects.filter(actieplan=actieplan).count()


def test_a_post_without_a_version_is_refused_and_keeps_the_input(client_als, actieplan, objecten):
    client = client_als("inkoopadviseur")
    url = GEVALLEN["aanbesteding"].url(actieplan, objecten)
    data = form_data(client.get(url).text)
    del data["versie"]
    data["naam"] = ["Zonder versie"]
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200
    assert "Dit formulier is verlopen. Laad de pagina opnieuw" in antwoord.text
    assert 'value="Zonder versie"' in antwoord.text
    assert Aanbesteding.objects.get(kenmerk="A-1").naam == "Schoonmaak"


def test_a_tender_conflict_names_the_theme_application_that_differs(lid, actieplan, objecten):
    url = GEVALLEN["aanbesteding"].url(actieplan, objecten)
    a, b = Client(), Client()
    a.force_login(lid("inkoopadviseur"))
    b.force_login(lid("inkoopadviseur"))
    data_a, data_b = form_data(a.get(url).text), form_data(b.get(url).text)
    data_a.update({"klimaat-toepasbaar": ["on"]})  # A only marks Klimaat applicable
    assert a.post(url, data_a).status_code == 302
    data_b["naam"] = ["Schoonmaak kantoren"]
    antwoord = b.post(url, data_b)
    rijen = [
        [cel.get_text(strip=True) for cel in tr.select("th, td")]
        for tr in BeautifulSoup(antwoord.text, "html.parser").select("#bewerkingsconflict tbody tr")
    ]
    assert ["Klimaat: Toepasbaar", "ja", "nee"] in rijen
