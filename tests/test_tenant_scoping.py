"""Every URL with an object in it answers 404 for another organisation's object.

The test walks the URL configuration: a new URL with a `pk` fails here until it is added to
FOREIGN_OBJECTS, so no URL can forget its tenant check unnoticed.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aanbestedingskalender.models import Aanbesteding, Importbestand
from evaluatie.models import Besluit
from jaarplanning.models import Actie, Actorgroep
from organisaties.models import Rol, Uitnodiging
from plandocument.models import Documentopdracht, Planversie
from tests.factories import ActieplanFactory, LidmaatschapFactory


def plan_van(anders):
    return {"pk": ActieplanFactory(organisatie=anders).pk}


def aanbesteding_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    aanbesteding = Aanbesteding.objects.create(
        actieplan=plan,
        kenmerk="V-1",
        naam="Vreemd",
        procedure="anders",
        soort="werken",
        startjaar=2025,
        startkwartaal=1,
    )
    return {"pk": plan.pk, "aanbesteding": aanbesteding.pk}


def import_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    lid = LidmaatschapFactory(organisatie=anders, rollen=["inkoopadviseur"])
    upload = Importbestand.objects.create(
        actieplan=plan, door=lid.user, bestandsnaam="k.csv", formaat="csv", inhoud=b"x"
    )
    return {"pk": plan.pk, "upload": upload.pk}


def planningsimport_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    lid = LidmaatschapFactory(organisatie=anders, rollen=["mvoi_teamlid"])
    upload = Importbestand.objects.create(
        actieplan=plan,
        door=lid.user,
        soort=Importbestand.Soort.JAARPLANNING,
        bestandsnaam="p.csv",
        formaat="csv",
        inhoud=b"x",
    )
    return {"pk": plan.pk, "upload": upload.pk}


def besluit_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    besluit = Besluit.objects.create(
        actieplan=plan, jaar=2025, soort="ambitie", toelichting="Vreemd"
    )
    return {"pk": plan.pk, "besluit": besluit.pk}


def actie_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    actie = Actie.objects.create(
        actieplan=plan,
        jaar=2025,
        titel="Vreemd",
        actorgroep=Actorgroep.objects.filter(organisatie=anders).first(),
        startjaar=2025,
        startkwartaal=1,
        eindjaar=2025,
        eindkwartaal=1,
    )
    return {"pk": plan.pk, "actie": actie.pk}


def versie_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    lid = LidmaatschapFactory(organisatie=anders, rollen=["coordinator"])
    versie = Planversie.objects.create(
        actieplan=plan, nummer=1, jaar=2025, ingediend_door=lid.user, momentopname={}
    )
    return {"pk": plan.pk, "nummer": versie.nummer}


def documentopdracht_van(anders):
    plan = ActieplanFactory(organisatie=anders)
    lid = LidmaatschapFactory(organisatie=anders, rollen=["management"])
    opdracht = Documentopdracht.objects.create(
        actieplan=plan, aangevraagd_door=lid.user, variant="intern", status="klaar", pdf=b"x"
    )
    return {"pk": plan.pk, "opdracht": opdracht.pk}


# URL name -> (kwargs builder for another organisation's object)
FOREIGN_OBJECTS = {
    "actieplan:detail": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:update": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:stap": lambda anders: {
        "pk": ActieplanFactory(organisatie=anders).pk,
        "stap": "nulmeting",
    },
    "actieplan:nulmeting_mijn": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:nulmeting_antwoord": lambda anders: {
        "pk": ActieplanFactory(organisatie=anders).pk,
        "thema": "klimaat",
    },
    "actieplan:nulmeting_thema": lambda anders: {
        "pk": ActieplanFactory(organisatie=anders).pk,
        "thema": "klimaat",
    },
    "actieplan:themakeuze": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:ambities": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:meetbare_doelen": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "actieplan:tekstdoelen": lambda anders: {"pk": ActieplanFactory(organisatie=anders).pk},
    "aanbestedingskalender:kalender": plan_van,
    "aanbestedingskalender:aanbesteding_nieuw": plan_van,
    "aanbestedingskalender:kwartaal_nu": plan_van,
    "aanbestedingskalender:kwartaal": lambda anders: (
        plan_van(anders) | {"jaar": 2025, "kwartaal": 1}
    ),
    "aanbestedingskalender:export": plan_van,
    "aanbestedingskalender:sjabloon": plan_van,
    "aanbestedingskalender:zoeken": plan_van,
    "aanbestedingskalender:import": plan_van,
    "aanbestedingskalender:import_voorbeeld": lambda anders: import_van(anders),
    "aanbestedingskalender:aanbesteding_wijzigen": lambda anders: aanbesteding_van(anders),
    "aanbestedingskalender:aanbesteding": lambda anders: aanbesteding_van(anders),
    "aanbestedingskalender:aanbesteding_uitstellen": lambda anders: aanbesteding_van(anders),
    "aanbestedingskalender:aanbesteding_verwijderen": lambda anders: aanbesteding_van(anders),
    "evaluatie:aanbestedingen": plan_van,
    "evaluatie:jaar": lambda anders: plan_van(anders) | {"jaar": 2025},
    "evaluatie:volgend_jaar": lambda anders: plan_van(anders) | {"jaar": 2025},
    "evaluatie:besluit": lambda anders: plan_van(anders) | {"jaar": 2025},
    "evaluatie:besluit_toepassen": lambda anders: besluit_van(anders),
    "actieplan:herziening_afronden": plan_van,
    "actieplan:nulmeting_vragen": plan_van,
    "plandocument:document": plan_van,
    "plandocument:document_pdf": plan_van,
    "plandocument:toelichtingen": plan_van,
    "plandocument:document_opdracht": documentopdracht_van,
    "plandocument:document_opdracht_status": documentopdracht_van,
    "plandocument:document_opdracht_pdf": documentopdracht_van,
    "plandocument:indienen": plan_van,
    "actieplan:geschiedenis": plan_van,
    "plandocument:versies": plan_van,
    "plandocument:sinds_vastgesteld": plan_van,
    "plandocument:versie": versie_van,
    "plandocument:versie_status": versie_van,
    "plandocument:versie_intrekken": versie_van,
    "plandocument:versie_opnieuw": versie_van,
    "plandocument:versie_terugdraaien": versie_van,
    "plandocument:versie_pdf": lambda anders: versie_van(anders) | {"variant": "intern"},
    "plandocument:versie_document": versie_van,
    "evaluatie:tender": aanbesteding_van,
    "jaarplanning:acties": plan_van,
    "jaarplanning:export": plan_van,
    "jaarplanning:actorgroepen": plan_van,
    "jaarplanning:import": plan_van,
    "jaarplanning:import_voorbeeld": lambda anders: planningsimport_van(anders),
    "jaarplanning:actie_nieuw": plan_van,
    "jaarplanning:borging": plan_van,
    "jaarplanning:actie_wijzigen": actie_van,
    "jaarplanning:actie_verwijderen": actie_van,
    "organisaties:lid_wijzigen": lambda anders: {
        "pk": LidmaatschapFactory(organisatie=anders, rollen=["beheerder"]).pk
    },
    "organisaties:lid_verwijderen": lambda anders: {
        "pk": LidmaatschapFactory(organisatie=anders, rollen=["beheerder"]).pk
    },
    "organisaties:uitnodiging_intrekken": lambda anders: {
        "pk": Uitnodiging.objects.create(
            organisatie=anders, email="x@elders.nl", first_name="X", last_name="Y", token_hash="x"
        ).pk
    },
}


def _url_names_with_pk(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names_with_pk(pattern, ns)
        elif isinstance(pattern, URLPattern) and "pk" in pattern.pattern.converters:
            yield f"{namespace}{pattern.name}"


def test_every_url_with_an_object_is_covered():
    assert set(_url_names_with_pk()) == set(FOREIGN_OBJECTS)


@pytest.mark.parametrize("url_name", sorted(FOREIGN_OBJECTS))
@pytest.mark.parametrize("methode", ["get", "post"])
def test_foreign_object_answers_404_even_with_every_role(
    url_name, methode, client, lid, andere_organisatie
):
    # A member with all roles in their own organisation, who also knows the foreign id.
    client.force_login(
        lid("inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder")
    )
    url = reverse(url_name, kwargs=FOREIGN_OBJECTS[url_name](andere_organisatie))
    response = getattr(client, methode)(url)
    assert response.status_code == 404


def test_member_of_both_sees_plan_only_in_active_organisation(
    client, lid, organisatie, andere_organisatie
):
    user = lid("coordinator")
    LidmaatschapFactory(user=user, organisatie=andere_organisatie, rollen=["coordinator"])
    plan_b = ActieplanFactory(organisatie=andere_organisatie, titel="Plan B")
    client.force_login(user)
    client.post(reverse("organisaties:wisselen"), {"organisatie": organisatie.pk})

    assert client.get(reverse("actieplan:detail", args=[plan_b.pk])).status_code == 404

    client.post(reverse("organisaties:wisselen"), {"organisatie": andere_organisatie.pk})
    response = client.get(reverse("actieplan:detail", args=[plan_b.pk]))
    assert response.status_code == 200
    assert "Plan B" in response.text


def test_cannot_switch_to_an_organisation_one_is_not_a_member_of(client, lid, andere_organisatie):
    client.force_login(lid("coordinator"))
    response = client.post(reverse("organisaties:wisselen"), {"organisatie": andere_organisatie.pk})
    assert response.status_code == 400
    assert client.session.get("actieve_organisatie_id") != andere_organisatie.pk


def _geschiedenis_tellen() -> int:
    """Every change through the ORM leaves a history record: their number is a cheap
    fingerprint of "nothing changed"."""
    from django.apps import apps

    return sum(
        m._default_manager.count()
        for m in apps.get_models()
        if getattr(m, "instance_type", None) is not None
    )


@pytest.mark.parametrize("rol", [code for code, _ in Rol.Code.choices])
def test_per_role_a_foreign_object_is_answered_as_a_missing_one(
    rol, client, lid, andere_organisatie
):
    """Every URL with an object × GET and POST, for a member with one role who knows the
    other organisation's ids: a 404, also where the role may not use the page at all (the
    object is looked up before the permission), exactly the answer for an id that does not
    exist, so the answer tells nothing; and nothing of the other organisation changes."""
    client.force_login(lid(rol))
    objecten = {naam: bouwer(andere_organisatie) for naam, bouwer in FOREIGN_OBJECTS.items()}
    voor = _geschiedenis_tellen()
    antwoorden = []
    for naam, kwargs in objecten.items():
        for methode in ("get", "post"):
            vreemd = getattr(client, methode)(reverse(naam, kwargs=kwargs))
            onbekend = getattr(client, methode)(
                reverse(naam, kwargs={**kwargs, "pk": kwargs["pk"] + 10**6})
            )
            assert vreemd.status_code == 404, (rol, methode, naam)
            assert vreemd.status_code == onbekend.status_code, (rol, methode, naam)
            antwoorden.append(vreemd.status_code)
    assert _geschiedenis_tellen() == voor
    assert len(antwoorden) == 2 * len(FOREIGN_OBJECTS)
