"""Logging in: a wrong password says so in words fit for a login; a forgotten password is
reset with Django's own views, answering the same whether or not the address is known."""

from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.organisaties.test_views import form_data


def test_a_wrong_password_says_the_login_failed(client, db):
    UserFactory(username="ilse", password="het-goede-wachtwoord")
    antwoord = client.post(reverse("login"), {"username": "ilse", "password": "fout"})
    samenvatting = BeautifulSoup(antwoord.text, "html.parser").select_one(".mvoi-foutoverzicht")
    assert "Inloggen is niet gelukt." in samenvatting.text
    assert "Het formulier is niet opgeslagen" not in samenvatting.text
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in samenvatting.text
    assert 'href="/wachtwoord/vergeten/"' in antwoord.text


def test_a_forgotten_password_is_reset_from_the_mail(client, db):
    UserFactory(username="ilse", email="ilse@gemeente.nl", password="het-oude-wachtwoord")
    pagina = client.get(reverse("password_reset"))
    data = form_data(pagina.text)
    data["email"] = ["ilse@gemeente.nl"]
    antwoord = client.post(reverse("password_reset"), data, follow=True)
    assert "Kijk in uw e-mail" in antwoord.text
    assert mail.outbox[0].to == ["ilse@gemeente.nl"]
    link = next(r for r in mail.outbox[0].body.splitlines() if r.startswith("http"))

    pagina = client.get(link, follow=True)
    formulier_url = pagina.redirect_chain[-1][0]
    data = form_data(pagina.text)
    data.update(
        new_password1=["een-heel-nieuw-wachtwoord"], new_password2=["een-heel-nieuw-wachtwoord"]
    )
    client.post(formulier_url, data)
    antwoord = client.post(
        reverse("login"), {"username": "ilse", "password": "een-heel-nieuw-wachtwoord"}
    )
    assert antwoord.status_code == 302 and antwoord.url == reverse("actieplan:start")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    data = form_data(client.get(reverse("password_reset")).text)
    data["email"] = ["niemand@nergens.nl"]
    antwoord = client.post(reverse("password_reset"), data, follow=True)
    assert "Kijk in uw e-mail" in antwoord.text
    assert mail.outbox == []
