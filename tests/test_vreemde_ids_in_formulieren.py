"""Forms that name an object by its id refuse another organisation's: a tender's owner,
an action's actor group, responsible member and tender. The choices are the own
organisation's; a crafted id is "not one of the choices" and nothing is saved."""

from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding
from jaarplanning.models import Actie, Actorgroep
from tests.factories import ActieplanFactory, LidmaatschapFactory
from tests.organisaties.test_views import form_data

GEEN_GELDIGE_KEUZE = "Selecteer een geldige keuze"


def vreemd(andere_organisatie):
    plan = ActieplanFactory(organisatie=andere_organisatie)
    lid = LidmaatschapFactory(organisatie=andere_organisatie, rollen=["inkoopadviseur"])
    tender = Aanbesteding.objects.create(
        actieplan=plan,
        kenmerk="V-1",
        naam="Vreemde tender",
        procedure="anders",
        soort="werken",
        startjaar=2025,
        startkwartaal=1,
    )
    groep = Actorgroep.objects.filter(organisatie=andere_organisatie).first()
    return lid.user, tender, groep


def test_a_tender_refuses_another_organisations_owner(
    client_als, actieplan, andere_organisatie, themas
):
    vreemde_eigenaar, _tender, _groep = vreemd(andere_organisatie)
    client = client_als("inkoopadviseur")
    url = reverse("aanbestedingskalender:aanbesteding_nieuw", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    data.update(
        kenmerk=["2025-01"],
        naam=["Wagenpark"],
        procedure=["europees_openbaar"],
        soort=["leveringen"],
        startjaar=["2025"],
        startkwartaal=["2"],
        eigenaar=[str(vreemde_eigenaar.pk)],
    )
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200
    assert GEEN_GELDIGE_KEUZE in antwoord.text
    assert not Aanbesteding.objects.filter(actieplan=actieplan).exists()


def test_an_action_refuses_another_organisations_group_member_and_tender(
    client_als, actieplan, andere_organisatie
):
    vreemde_eigenaar, vreemde_tender, vreemde_groep = vreemd(andere_organisatie)
    eigen_groep = Actorgroep.objects.filter(organisatie=actieplan.organisatie).first()
    client = client_als("mvoi_teamlid")
    url = reverse("jaarplanning:actie_nieuw", args=[actieplan.pk]) + "?jaar=2025"
    basis = form_data(client.get(url).text) | {
        "titel": ["Kennissessie"],
        "actorgroep": [str(eigen_groep.pk)],
        "start": ["K1 2025"],
        "eind": ["K2 2025"],
    }
    # The tender is typed (its reference or name, searched within the plan): another
    # organisation's, by id, by reference or by name, is not found.
    geen_tender = "Geen aanbesteding in de kalender van dit plan heeft"
    for veld, waarde, melding in (
        ("actorgroep", vreemde_groep.pk, GEEN_GELDIGE_KEUZE),
        ("verantwoordelijke", vreemde_eigenaar.pk, GEEN_GELDIGE_KEUZE),
        ("aanbesteding", vreemde_tender.pk, geen_tender),
        ("aanbesteding", vreemde_tender.kenmerk, geen_tender),
        ("aanbesteding", vreemde_tender.naam, geen_tender),
    ):
        antwoord = client.post(url, basis | {veld: [str(waarde)]})
        assert antwoord.status_code == 200, veld
        assert melding in antwoord.text, (veld, waarde)
    assert not Actie.objects.filter(actieplan=actieplan).exists()
    # The same form with the own organisation's choices saves: the refusals were the ids.
    assert client.post(url, basis).status_code == 302
