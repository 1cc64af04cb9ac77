import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from organisaties.models import Lidmaatschap
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
    assert not Lidmaatschap.objects.filter(user__email="x@y.nl").exists()


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


def test_beheerder_adds_a_member_who_gets_an_invitation(client_als, organisatie):
    client = client_als("beheerder")
    page = client.get(reverse("organisaties:lid_toevoegen"))
    data = form_data(page.text)
    data.update(
        email=["nina@voorbeeld.nl"],
        first_name=["Nina"],
        last_name=["Nieuw"],
        rollen=["inkoopadviseur"],
    )
    response = client.post(reverse("organisaties:lid_toevoegen"), data, follow=True)
    assert "Nina Nieuw is toegevoegd en heeft een uitnodiging" in response.text
    lid = Lidmaatschap.objects.get(organisatie=organisatie, user__email="nina@voorbeeld.nl")
    assert list(lid.rollen.values_list("code", flat=True)) == ["inkoopadviseur"]
    assert len(mail.outbox) == 1


def test_adding_a_member_without_roles_keeps_the_input_and_says_why(client_als, organisatie):
    client = client_als("beheerder")
    response = client.post(
        reverse("organisaties:lid_toevoegen"),
        {"email": "nina@voorbeeld.nl", "first_name": "Nina", "last_name": "Nieuw"},
    )
    assert response.status_code == 200
    assert "Kies ten minste één rol." in response.text
    assert 'value="nina@voorbeeld.nl"' in response.text
    assert not Lidmaatschap.objects.filter(user__email="nina@voorbeeld.nl").exists()


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
    response = client.post(
        reverse("organisaties:lid_wijzigen", args=[enige.pk]), {"rollen": ["management"]}
    )
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
    user = lid("management")
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "een-goed-wachtwoord-123"},
        follow=True,
    )
    assert response.status_code == 200
    assert f"Actieplannen MVOI van {organisatie.naam}" in response.text
