import re
import smtplib
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisaties import services
from organisaties.models import Lidmaatschap, Uitnodiging, User
from tests.conftest import ALLE_ROLLEN
from tests.factories import ActieplanFactory, LidmaatschapFactory, UserFactory

NIET_BEHEERDERS = [rol for rol in ALLE_ROLLEN if rol != "beheerder"]


def form_data(html: str, form_selector: str = "main form") -> dict:
    """What the page's form would post as rendered (pretix SoupTest style)."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data: dict[str, list[str]] = {}
    for veld in form.select("input[name], select[name], textarea[name]"):
        if veld.name == "input" and veld.get("type") in ("checkbox", "radio"):
            if veld.has_attr("checked"):
                data.setdefault(veld["name"], []).append(veld.get("value", "on"))
        elif veld.name == "select":
            gekozen = veld.select_one("option[selected]") or veld.select_one("option")
            data.setdefault(veld["name"], []).append(gekozen["value"] if gekozen else "")
        elif veld.name == "textarea":
            data.setdefault(veld["name"], []).append(veld.text)
        elif veld.get("type") != "submit":
            data.setdefault(veld["name"], []).append(veld.get("value", ""))
    return data


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("organisaties:leden"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("rol", NIET_BEHEERDERS)
def test_only_beheerder_may_manage_members(client_als, rol, organisatie):
    client = client_als(rol)
    doel = LidmaatschapFactory(organisatie=organisatie, rollen=["management"])
    assert client.get(reverse("organisaties:leden")).status_code == 403
    response = client.post(
        reverse("organisaties:lid_toevoegen"),
        {"email": "x@y.nl", "first_name": "X", "last_name": "Y", "rollen": ["beheerder"]},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("organisaties:lid_wijzigen", args=[doel.pk]), {"rollen": ["beheerder"]}
    )
    assert response.status_code == 403
    assert client.post(reverse("organisaties:lid_verwijderen", args=[doel.pk])).status_code == 403
    assert list(doel.rollen.values_list("code", flat=True)) == ["management"]
    assert Lidmaatschap.objects.filter(pk=doel.pk).exists()
    assert not Uitnodiging.objects.filter(email="x@y.nl").exists()
    assert not mail.outbox


def test_beheerder_sees_members_and_roles(client_als, organisatie, andere_organisatie):
    client = client_als("beheerder")
    LidmaatschapFactory(
        organisatie=organisatie,
        user__first_name="Ilse",
        user__last_name="Inkoop",
        rollen=["inkoopadviseur", "mvoi_teamlid"],
    )
    LidmaatschapFactory(
        organisatie=andere_organisatie, user__first_name="Vreemde", rollen=["beheerder"]
    )
    response = client.get(reverse("organisaties:leden"))
    assert response.status_code == 200
    rij = next(
        tr
        for tr in BeautifulSoup(response.text, "html.parser").select("tbody tr")
        if "Ilse" in tr.text
    )
    assert "Inkoopadviseur, MVOI-teamlid" in rij.text
    assert "Vreemde" not in response.text


def test_members_page_has_constant_queries(client_als, organisatie, django_assert_max_num_queries):
    client = client_als("beheerder")
    for _ in range(3):
        LidmaatschapFactory(organisatie=organisatie, rollen=["management", "mvoi_teamlid"])
    with django_assert_max_num_queries(20) as weinig:
        client.get(reverse("organisaties:leden"))
    for _ in range(30):
        LidmaatschapFactory(organisatie=organisatie, rollen=["management", "mvoi_teamlid"])
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(reverse("organisaties:leden"))
    assert response.text.count("Rollen wijzigen") == 34  # 33 members and the beheerder


def toevoegen(client, email, rollen=("inkoopadviseur",)):
    page = client.get(reverse("organisaties:lid_toevoegen"))
    data = form_data(page.text)
    data.update(email=[email], first_name=["Nina"], last_name=["Nieuw"], rollen=list(rollen))
    return client.post(reverse("organisaties:lid_toevoegen"), data, follow=True)


def uitnodigingslink(email: str) -> str:
    bericht = next(b for b in mail.outbox if b.to == [email])
    return next(regel for regel in bericht.body.splitlines() if regel.startswith("http"))


def test_adding_answers_the_same_whether_or_not_the_address_has_an_account(
    client_als, organisatie, andere_organisatie
):
    elders = LidmaatschapFactory(
        organisatie=andere_organisatie,
        user__email="bekend@elders.nl",
        user__first_name="Geheime",
        user__last_name="Naam",
        rollen=["beheerder"],
    ).user
    client = client_als("beheerder")
    bekend = toevoegen(client, "bekend@elders.nl")
    onbekend = toevoegen(client, "onbekend@nergens.nl")

    assert "We hebben een uitnodiging gestuurd naar bekend@elders.nl" in bekend.text

    def zonder_adres_en_csrf(pagina, adres):
        return re.sub(r'value="[^"]{64}"', "", pagina.text.replace(adres, "X"))

    # The first answer lists one invitation, the second two: compare the messages and
    # everything but the list of invitations.
    eerste, tweede = (
        zonder_adres_en_csrf(p, a).split("Openstaande uitnodigingen")[0]
        for p, a in ((bekend, "bekend@elders.nl"), (onbekend, "onbekend@nergens.nl"))
    )
    assert eerste == tweede
    assert "Geheime" not in bekend.text
    # Nobody joined, no account was made: both wait, alike, under the open invitations.
    assert not Lidmaatschap.objects.filter(organisatie=organisatie, user=elders).exists()
    assert not User.objects.filter(email="onbekend@nergens.nl").exists()
    uitgenodigd = BeautifulSoup(onbekend.text, "html.parser").find_all("tbody")[1]
    assert "bekend@elders.nl" in uitgenodigd.text and "onbekend@nergens.nl" in uitgenodigd.text
    assert len(mail.outbox) == 2


def test_members_and_invitations_are_one_list_with_their_state(client_als, organisatie):
    """Issue 25: right after inviting, "Leden en rollen" showed 1 member and the
    invitations in a second table further down."""
    from datetime import timedelta

    from django.utils import timezone

    from organisaties.models import Uitnodiging

    client = client_als("beheerder")
    toevoegen(client, "nina@voorbeeld.nl")
    toevoegen(client, "oud@voorbeeld.nl")
    Uitnodiging.objects.filter(email="oud@voorbeeld.nl").update(
        verstuurd_op=timezone.now() - Uitnodiging.GELDIG - timedelta(days=1)
    )
    soup = BeautifulSoup(client.get(reverse("organisaties:leden")).text, "html.parser")
    tabellen = soup.select("main table")
    assert len(tabellen) == 1
    rijen = {
        tr.select("td")[0].get_text(strip=True): tr.select("td")[2].get_text(" ", strip=True)
        for tr in tabellen[0].select("tbody tr")
        if tr.select("td")
    }
    assert "lid" in rijen.values()  # the beheerder, a member
    assert rijen["nina@voorbeeld.nl"].startswith("uitgenodigd, geldig tot")
    assert rijen["oud@voorbeeld.nl"] == "uitnodiging verlopen"


def test_a_new_person_accepts_by_choosing_a_password(client, client_als, organisatie):
    toevoegen(client_als("beheerder"), "nina@voorbeeld.nl")
    client.logout()
    link = uitnodigingslink("nina@voorbeeld.nl")

    page = client.get(link)
    assert "Kies een wachtwoord voor uw nieuwe account" in page.text
    data = form_data(page.text)
    data.update(password1=["kort"], password2=["kort"])
    page = client.post(link, data)
    assert "Dit wachtwoord is te kort: gebruik ten minste 12 tekens." in page.text
    assert not User.objects.filter(email="nina@voorbeeld.nl").exists()

    data.update(password1=["een-lang-nieuw-wachtwoord"], password2=["een-lang-nieuw-wachtwoord"])
    page = client.post(link, data, follow=True)
    assert f"Welkom bij het Actieplan MVOI van {organisatie.naam}" in page.text
    user = User.objects.get(email="nina@voorbeeld.nl")
    assert user.check_password("een-lang-nieuw-wachtwoord")
    assert str(user) == "Nina Nieuw"
    lid = Lidmaatschap.objects.get(organisatie=organisatie, user=user)
    assert list(lid.rollen.values_list("code", flat=True)) == ["inkoopadviseur"]

    # The link works once.
    client.logout()
    page = client.get(link)
    assert page.status_code == 404
    assert "niet meer geldig" in page.text


def test_an_existing_account_joins_only_after_logging_in_and_accepting(
    client, client_als, organisatie, andere_organisatie
):
    bestaand = LidmaatschapFactory(
        organisatie=andere_organisatie, user__email="al@elders.nl", rollen=["management"]
    ).user
    toevoegen(client_als("beheerder"), "AL@elders.nl", rollen=["mvoi_teamlid"])
    client.logout()
    link = uitnodigingslink("al@elders.nl")

    page = client.get(link)
    assert "Log in met dat account om de uitnodiging te accepteren" in page.text
    assert "wachtwoord" not in page.text.lower().split("inloggen en accepteren")[0][-200:]
    response = client.post(link)  # not logged in: to the login page, nothing changes
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Lidmaatschap.objects.filter(organisatie=organisatie, user=bestaand).exists()

    # Logged in as someone else: refused.
    client.force_login(UserFactory())
    page = client.post(link)
    assert "deze uitnodiging is voor al@elders.nl" in page.text
    assert not Lidmaatschap.objects.filter(organisatie=organisatie, user=bestaand).exists()

    client.force_login(bestaand)
    page = client.get(link)
    data = form_data(page.text)
    page = client.post(link, data, follow=True)
    assert f"Welkom bij het Actieplan MVOI van {organisatie.naam}" in page.text
    lid = Lidmaatschap.objects.get(organisatie=organisatie, user=bestaand)
    assert list(lid.rollen.values_list("code", flat=True)) == ["mvoi_teamlid"]
    assert client.get(link).status_code == 404


def test_beheerder_withdraws_an_invitation_after_confirming(client, client_als, organisatie):
    beheerder = client_als("beheerder")
    toevoegen(beheerder, "nina@voorbeeld.nl")
    uitnodiging = Uitnodiging.objects.get()
    url = reverse("organisaties:uitnodiging_intrekken", args=[uitnodiging.pk])
    page = beheerder.get(url)
    assert "Uitnodiging voor nina@voorbeeld.nl intrekken?" in page.text
    assert Uitnodiging.objects.exists()
    page = beheerder.post(url, follow=True)
    assert "De uitnodiging voor nina@voorbeeld.nl is ingetrokken." in page.text
    assert not Uitnodiging.objects.exists()
    beheerder.logout()
    assert client.get(uitnodigingslink("nina@voorbeeld.nl")).status_code == 404


def test_a_made_up_invitation_link_finds_nothing(client, db):
    page = client.get(reverse("uitnodiging", args=["verzonnen-token"]))
    assert page.status_code == 404
    assert "niet meer geldig" in page.text


def test_adding_a_member_without_roles_keeps_the_input_and_says_why(client_als, organisatie):
    client = client_als("beheerder")
    response = client.post(
        reverse("organisaties:lid_toevoegen"),
        {"email": "nina@voorbeeld.nl", "first_name": "Nina", "last_name": "Nieuw"},
    )
    assert response.status_code == 200
    assert "Kies ten minste één rol." in response.text
    assert 'value="nina@voorbeeld.nl"' in response.text
    assert not Uitnodiging.objects.exists()


def test_beheerder_changes_roles_by_posting_the_rendered_form(client_als, organisatie):
    client = client_als("beheerder")
    doel = LidmaatschapFactory(organisatie=organisatie, rollen=["management"])
    url = reverse("organisaties:lid_wijzigen", args=[doel.pk])
    data = form_data(client.get(url).text)
    assert data["rollen"] == ["management"]
    data["rollen"] = ["management", "coordinator"]
    response = client.post(url, data, follow=True)
    assert "zijn opgeslagen" in response.text
    assert set(doel.rollen.values_list("code", flat=True)) == {"management", "coordinator"}


def test_beheerder_cannot_take_away_the_last_beheerder_role(client, organisatie):
    enige = LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"])
    client.force_login(enige.user)
    url = reverse("organisaties:lid_wijzigen", args=[enige.pk])
    data = form_data(client.get(url).text)
    data["rollen"] = ["management"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ten minste één beheerder" in response.text
    assert list(enige.rollen.values_list("code", flat=True)) == ["beheerder"]


def test_removing_asks_for_confirmation_first(client_als, organisatie):
    client = client_als("beheerder")
    doel = LidmaatschapFactory(
        organisatie=organisatie, user__first_name="Otto", rollen=["management"]
    )
    url = reverse("organisaties:lid_verwijderen", args=[doel.pk])
    response = client.get(url)
    assert "verwijderen?" in response.text
    assert Lidmaatschap.objects.filter(pk=doel.pk).exists()
    response = client.post(url, follow=True)
    assert "is geen lid meer" in response.text
    assert not Lidmaatschap.objects.filter(pk=doel.pk).exists()


def test_a_user_without_membership_is_told_to_ask_the_beheerder(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("actieplan:start"))
    assert response.status_code == 403
    assert "nog geen lid van een organisatie" in response.text


def test_switching_organisation_changes_what_the_start_page_shows(
    client, lid, organisatie, andere_organisatie
):
    user = lid("management")
    LidmaatschapFactory(user=user, organisatie=andere_organisatie, rollen=["management"])
    ActieplanFactory(organisatie=organisatie, titel="Plan Eigen")
    ActieplanFactory(organisatie=andere_organisatie, titel="Plan Ander")
    client.force_login(user)

    response = client.post(
        reverse("organisaties:wisselen"), {"organisatie": andere_organisatie.pk}, follow=True
    )
    assert "U werkt nu in Gemeente Ander" in response.text
    assert "Plan Ander" in response.text
    assert "Plan Eigen" not in response.text


def test_logout_is_a_post_and_ends_the_session(client_als):
    client = client_als("management")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("actieplan:start")).status_code == 302


def test_login_locks_after_five_failures(client, lid):
    user = lid("management")
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "fout"})
    response = client.post(
        reverse("login"), {"username": user.username, "password": "een-goed-wachtwoord-123"}
    )
    assert "Tijdelijk geblokkeerd" in response.text
    assert "_auth_user_id" not in client.session


def test_login_with_the_right_password_opens_the_start_page(client, lid, organisatie):
    user = lid("inkoopadviseur")  # management would first set up two-step verification
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "een-goed-wachtwoord-123"},
        follow=True,
    )
    assert response.status_code == 200
    assert f"Actieplannen MVOI van {organisatie.naam}" in response.text


def test_an_address_django_would_refuse_as_user_name_still_gets_an_account(
    client, client_als, organisatie
):
    toevoegen(client_als("beheerder"), "jan.d'hondt@voorbeeld.nl")
    UserFactory(username="jan.d_hondt@voorbeeld.nl", email="iemand.anders@voorbeeld.nl")
    client.logout()
    link = uitnodigingslink("jan.d'hondt@voorbeeld.nl")
    page = client.get(link)
    assert "Uw gebruikersnaam wordt jan.d_hondt@voorbeeld.nl-2." in page.text
    data = form_data(page.text)
    data.update(password1=["een-lang-nieuw-wachtwoord"], password2=["een-lang-nieuw-wachtwoord"])
    page = client.post(link, data, follow=True)
    assert page.status_code == 200
    user = User.objects.get(email="jan.d'hondt@voorbeeld.nl")
    assert user.username == "jan.d_hondt@voorbeeld.nl-2"
    assert Lidmaatschap.objects.filter(organisatie=organisatie, user=user).exists()


def test_an_invitation_that_cannot_be_mailed_is_not_kept(client_als, organisatie):
    with mock.patch(
        "organisaties.services.send_mail", side_effect=smtplib.SMTPConnectError(421, "weg")
    ):
        page = toevoegen(client_als("beheerder"), "nina@voorbeeld.nl")
    assert page.status_code == 200
    assert "De uitnodiging kon niet per e-mail worden verstuurd" in page.text
    assert 'value="nina@voorbeeld.nl"' in page.text  # the input is kept
    assert not Uitnodiging.objects.exists()


def test_a_used_invitation_cannot_be_accepted_twice(client, client_als, organisatie):
    bestaand = UserFactory(email="al@elders.nl")
    toevoegen(client_als("beheerder"), "al@elders.nl")
    uitnodiging = Uitnodiging.objects.get()
    services.uitnodiging_accepteren(uitnodiging=uitnodiging, user=bestaand)
    with pytest.raises(ValidationError, match="al gebruikt of ingetrokken"):
        services.uitnodiging_accepteren(uitnodiging=uitnodiging, user=bestaand)
    assert Lidmaatschap.objects.filter(organisatie=organisatie, user=bestaand).count() == 1


def test_the_invitation_page_is_not_cached(client, client_als, organisatie):
    toevoegen(client_als("beheerder"), "nina@voorbeeld.nl")
    client.logout()
    response = client.get(uitnodigingslink("nina@voorbeeld.nl"))
    assert "no-store" in response["Cache-Control"]
