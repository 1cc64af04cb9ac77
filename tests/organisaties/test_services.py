import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from organisaties import services
from organisaties.models import Lidmaatschap, Rol, User
from tests.factories import LidmaatschapFactory, UserFactory


def rollen(*codes):
    return list(Rol.objects.filter(code__in=codes))


def test_adding_a_new_person_creates_an_account_without_password(organisatie):
    lidmaatschap, nieuw = services.lidmaatschap_toevoegen(
        organisatie=organisatie,
        email="Nieuw.Lid@Voorbeeld.NL",
        first_name="Nina",
        last_name="Nieuw",
        rollen=rollen("inkoopadviseur", "mvoi_teamlid"),
    )
    assert nieuw is True
    user = lidmaatschap.user
    assert user.email == "nieuw.lid@voorbeeld.nl"
    assert not user.has_usable_password()
    assert {r.code for r in lidmaatschap.rollen.all()} == {"inkoopadviseur", "mvoi_teamlid"}


def test_adding_an_existing_person_reuses_the_account(organisatie, andere_organisatie):
    bestaand = UserFactory(email="al@voorbeeld.nl")
    LidmaatschapFactory(user=bestaand, organisatie=andere_organisatie, rollen=["beheerder"])

    lidmaatschap, nieuw = services.lidmaatschap_toevoegen(
        organisatie=organisatie,
        email="AL@voorbeeld.nl",
        first_name="x",
        last_name="y",
        rollen=rollen("management"),
    )
    assert nieuw is False
    assert lidmaatschap.user == bestaand
    assert User.objects.filter(email__iexact="al@voorbeeld.nl").count() == 1
    assert bestaand.lidmaatschappen.count() == 2


def test_a_member_cannot_be_added_twice(organisatie):
    user = LidmaatschapFactory(organisatie=organisatie, rollen=["management"]).user
    with pytest.raises(ValidationError) as fout:
        services.lidmaatschap_toevoegen(
            organisatie=organisatie,
            email=user.email,
            first_name="",
            last_name="",
            rollen=rollen("beheerder"),
        )
    assert "al lid" in str(fout.value)
    assert Lidmaatschap.objects.filter(user=user).count() == 1


def test_a_membership_needs_at_least_one_role(organisatie):
    with pytest.raises(ValidationError, match="ten minste één rol"):
        services.lidmaatschap_toevoegen(
            organisatie=organisatie, email="a@b.nl", first_name="A", last_name="B", rollen=[]
        )
    assert not User.objects.filter(email="a@b.nl").exists()


def test_the_last_beheerder_keeps_the_role(organisatie):
    enige = LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"])
    with pytest.raises(ValidationError, match="ten minste één beheerder"):
        services.lidmaatschap_rollen_wijzigen(lidmaatschap=enige, rollen=rollen("management"))
    assert list(enige.rollen.values_list("code", flat=True)) == ["beheerder"]

    LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"])
    services.lidmaatschap_rollen_wijzigen(lidmaatschap=enige, rollen=rollen("management"))
    assert list(enige.rollen.values_list("code", flat=True)) == ["management"]


def test_the_last_beheerder_cannot_be_removed(organisatie):
    enige = LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"])
    with pytest.raises(ValidationError):
        services.lidmaatschap_verwijderen(lidmaatschap=enige)
    assert Lidmaatschap.objects.filter(pk=enige.pk).exists()


def test_removing_a_member_keeps_the_account(organisatie):
    LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"])
    lid = LidmaatschapFactory(organisatie=organisatie, rollen=["management"])
    services.lidmaatschap_verwijderen(lidmaatschap=lid)
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    assert User.objects.filter(pk=lid.user_id).exists()


def test_invitation_link_lets_the_new_member_choose_a_password_once(client, organisatie):
    beheerder = LidmaatschapFactory(organisatie=organisatie, rollen=["beheerder"]).user
    lidmaatschap, _ = services.lidmaatschap_toevoegen(
        organisatie=organisatie,
        email="nina@voorbeeld.nl",
        first_name="Nina",
        last_name="Nieuw",
        rollen=rollen("inkoopadviseur"),
    )
    services.uitnodiging_versturen(
        lidmaatschap=lidmaatschap, base_url="http://testserver/", uitgenodigd_door=beheerder
    )

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nina@voorbeeld.nl"]
    assert organisatie.naam in bericht.subject
    link = next(regel for regel in bericht.body.splitlines() if regel.startswith("http"))

    response = client.get(link, follow=True)
    assert "Kies een wachtwoord" in response.text
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "een-lang-nieuw-wachtwoord",
            "new_password2": "een-lang-nieuw-wachtwoord",
        },
        follow=True,
    )
    assert "Uw wachtwoord is opgeslagen" in response.text
    assert User.objects.get(email="nina@voorbeeld.nl").check_password("een-lang-nieuw-wachtwoord")

    # The link works once.
    response = client.get(link, follow=True)
    assert "niet meer geldig" in response.text
