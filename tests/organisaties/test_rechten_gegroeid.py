"""Rights gained on every path end the password-only sessions of whoever must now use two-step
verification and has no app yet (issue 24): not only a beheerder's members page, but the
platform admin giving a role or `is_staff`, and accepting a beheerder invitation (the
person's other sessions end; the one that accepted goes to the setup)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisaties import services
from organisaties.models import Lidmaatschap, Rol
from tests.factories import UserFactory
from tests.organisaties.test_tweestaps import aanzetten, inloggen_met_wachtwoord

pytestmark = pytest.mark.django_db


def formulier(client, url: str) -> dict:
    """The admin form's fields as a browser would send them back unchanged."""
    pagina = BeautifulSoup(client.get(url).text, "html.parser")
    form = pagina.find("form", id=lambda i: i and i.endswith("_form"))
    data: dict = {}
    for veld in form.find_all(["input", "select", "textarea"]):
        naam = veld.get("name")
        if not naam or veld.get("type") in ("submit", "button", "file"):
            continue
        if veld.name == "select":
            gekozen = [o.get("value") for o in veld.find_all("option") if o.has_attr("selected")]
            data[naam] = gekozen if veld.has_attr("multiple") else (gekozen[:1] or [""])[0]
        elif veld.get("type") == "checkbox":
            if veld.has_attr("checked"):
                data[naam] = veld.get("value", "on")
        elif veld.name == "textarea":
            data[naam] = veld.get_text()
        else:
            data[naam] = veld.get("value", "")
    return data


def platformbeheerder() -> Client:
    beheerder = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    aanzetten(client, beheerder)  # the platform administrator has passed the second step
    return client


def werkt(client) -> bool:
    """Does this session still open a page without being sent to log in again?"""
    antwoord = client.get(reverse("actieplan:start"))
    return antwoord.status_code == 200


def test_the_platform_admin_giving_management_ends_the_password_only_session(
    client, lid, organisatie
):
    adviseur = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, adviseur)
    assert werkt(client)
    beheer = platformbeheerder()
    lidmaatschap = Lidmaatschap.objects.get(user=adviseur, organisatie=organisatie)
    url = reverse("admin:organisaties_lidmaatschap_change", args=[lidmaatschap.pk])
    data = formulier(beheer, url)
    data["rollen"] = [*data["rollen"], str(Rol.objects.get(code="management").pk)]
    assert beheer.post(url, data).status_code == 302
    assert lidmaatschap.rollen.filter(code="management").exists()
    # Before: that session opened the history page with the password alone.
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("login"))
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("tweestaps_instellen"))


def test_the_platform_admin_giving_staff_rights_ends_the_password_only_session(client, lid):
    adviseur = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, adviseur)
    assert werkt(client)
    beheer = platformbeheerder()
    url = reverse("admin:organisaties_user_change", args=[adviseur.pk])
    data = formulier(beheer, url)
    data["is_staff"] = "on"
    assert beheer.post(url, data).status_code == 302
    adviseur.refresh_from_db()
    assert adviseur.is_staff
    # Logged out: before, /platformbeheer/ answered this session without a second step.
    assert client.get("/platformbeheer/").url.startswith("/platformbeheer/login/")
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("login"))


def test_accepting_a_beheerder_invitation_ends_the_persons_other_sessions(
    client, lid, organisatie, andere_organisatie
):
    user = lid("inkoopadviseur", organisatie=andere_organisatie)
    services.uitnodiging_versturen(
        organisatie=organisatie,
        door=None,
        base_url="http://testserver/",
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        rollen=[Rol.objects.get(code="beheerder")],
    )
    link = next(r for r in mail.outbox[-1].body.splitlines() if r.startswith("http"))
    ander = Client()
    inloggen_met_wachtwoord(ander, user)  # the same person on their phone
    inloggen_met_wachtwoord(client, user)
    assert werkt(ander) and werkt(client)
    client.post(link.removeprefix("http://testserver"))
    assert Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists()
    # The other session ends: before, it opened the new organisation's members page.
    assert ander.get(reverse("organisaties:leden")).url.startswith(reverse("login"))
    # The session that accepted goes on to the app's setup.
    assert client.get(reverse("organisaties:leden")).url.startswith(reverse("tweestaps_instellen"))


def test_someone_with_an_app_keeps_their_sessions(client, lid, organisatie):
    """Their sessions passed the second step (or will ask for it): nothing to end."""
    adviseur = lid("inkoopadviseur")
    aanzetten(client, adviseur)
    beheer = platformbeheerder()
    lidmaatschap = Lidmaatschap.objects.get(user=adviseur, organisatie=organisatie)
    url = reverse("admin:organisaties_lidmaatschap_change", args=[lidmaatschap.pk])
    data = formulier(beheer, url)
    data["rollen"] = [*data["rollen"], str(Rol.objects.get(code="management").pk)]
    assert beheer.post(url, data).status_code == 302
    assert werkt(client)
