"""A fresh installation gets its first organisation and beheerder from one command."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from organisaties.models import Lidmaatschap, Organisatie, User
from tests.organisaties.test_views import form_data


def aanmaken(**anders):
    argumenten = {
        "naam": "Gemeente Ergens",
        "type": "gemeente",
        "beheerder": "bea@ergens.nl",
        "voornaam": "Bea",
        "achternaam": "Beheer",
        "site": "http://testserver",
    } | anders
    call_command("organisatie_aanmaken", *[f"--{k}={v}" for k, v in argumenten.items()])


def test_the_first_beheerder_is_invited_and_joins_from_the_mail(client, db):
    aanmaken()
    organisatie = Organisatie.objects.get(naam="Gemeente Ergens")
    assert not Lidmaatschap.objects.filter(organisatie=organisatie).exists()
    bericht = mail.outbox[0]
    assert bericht.to == ["bea@ergens.nl"]
    assert "De platformbeheerder nodigt u uit" in bericht.body
    link = next(r for r in bericht.body.splitlines() if r.startswith("http://testserver/"))

    data = form_data(client.get(link).text)
    data.update(password1=["een-lang-nieuw-wachtwoord"], password2=["een-lang-nieuw-wachtwoord"])
    client.post(link, data)
    lid = Lidmaatschap.objects.get(
        organisatie=organisatie, user=User.objects.get(email="bea@ergens.nl")
    )
    assert list(lid.rollen.values_list("code", flat=True)) == ["beheerder"]


def test_an_existing_name_is_refused(db):
    aanmaken()
    with pytest.raises(CommandError, match="al een Organisatie met eenzelfde Naam"):
        aanmaken(beheerder="ander@ergens.nl")
    assert Organisatie.objects.filter(naam="Gemeente Ergens").count() == 1
