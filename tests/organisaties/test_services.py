import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from organisaties import services
from organisaties.models import Lidmaatschap, Rol, Uitnodiging, User
from tests.factories import LidmaatschapFactory, UserFactory


def rollen(*codes):
    return list(Rol.objects.filter(code__in=codes))


def uitnodigen(organisatie, email, *codes, door=None):
    return services.uitnodiging_versturen(
        organisatie=organisatie,
        email=email,
        first_name="Nina",
        last_name="Nieuw",
        rollen=rollen(*codes),
        door=door or UserFactory(),
        base_url="http://testserver/",
    )


def link_uit(bericht) -> str:
    return next(regel for regel in bericht.body.splitlines() if regel.startswith("http"))


def test_inviting_attaches_nobody_and_creates_no_account(organisatie, andere_organisatie):
    bestaand = UserFactory(email="al@voorbeeld.nl")
    LidmaatschapFactory(user=bestaand, organisatie=andere_organisatie, rollen=["beheerder"])
    uitnodigen(organisatie, "AL@voorbeeld.nl", "management")
    uitnodigen(organisatie, "nieuw@voorbeeld.nl", "inkoopadviseur")

    assert not Lidmaatschap.objects.filter(organisatie=organisatie).exists()
    assert not User.objects.filter(email="nieuw@voorbeeld.nl").exists()
    assert [b.to for b in mail.outbox] == [["al@voorbeeld.nl"], ["nieuw@voorbeeld.nl"]]
    assert "Log in via deze link" in mail.outbox[0].body
    assert "Kies via deze link een wachtwoord" in mail.outbox[1].body


def test_inviting_again_replaces_the_link_and_the_roles(organisatie):
    eerste = uitnodigen(organisatie, "nina@voorbeeld.nl", "inkoopadviseur")
    tweede = uitnodigen(organisatie, "Nina@Voorbeeld.nl", "management")
    assert list(Uitnodiging.objects.values_list("pk", flat=True)) == [tweede.pk]
    assert eerste.token_hash != tweede.token_hash
    assert list(tweede.rollen.values_list("code", flat=True)) == ["management"]


def test_a_member_cannot_be_invited_again(organisatie):
    user = LidmaatschapFactory(organisatie=organisatie, rollen=["management"]).user
    with pytest.raises(ValidationError) as fout:
        uitnodigen(organisatie, user.email.upper(), "beheerder")
    assert "al lid" in str(fout.value)
    assert not Uitnodiging.objects.exists()


def test_an_invitation_needs_at_least_one_role(organisatie):
    with pytest.raises(ValidationError, match="ten minste één rol"):
        uitnodigen(organisatie, "a@b.nl")
    assert not Uitnodiging.objects.exists()


def test_accepting_with_an_existing_account_adds_the_membership(organisatie):
    bestaand = UserFactory(email="al@voorbeeld.nl")
    uitnodiging = uitnodigen(organisatie, "al@voorbeeld.nl", "management", "mvoi_teamlid")
    lidmaatschap = services.uitnodiging_accepteren(uitnodiging=uitnodiging, user=bestaand)
    assert lidmaatschap.user == bestaand
    assert set(lidmaatschap.rollen.values_list("code", flat=True)) == {
        "management",
        "mvoi_teamlid",
    }
    assert not Uitnodiging.objects.exists()


def test_only_the_invited_address_can_accept(organisatie):
    UserFactory(email="al@voorbeeld.nl")
    ander = UserFactory(email="ander@voorbeeld.nl")
    uitnodiging = uitnodigen(organisatie, "al@voorbeeld.nl", "management")
    with pytest.raises(ValidationError, match="ander e-mailadres"):
        services.uitnodiging_accepteren(uitnodiging=uitnodiging, user=ander)
    assert not Lidmaatschap.objects.filter(organisatie=organisatie).exists()


def test_an_expired_invitation_cannot_be_accepted(organisatie):
    bestaand = UserFactory(email="al@voorbeeld.nl")
    uitnodiging = uitnodigen(organisatie, "al@voorbeeld.nl", "management")
    uitnodiging.verstuurd_op -= Uitnodiging.GELDIG
    uitnodiging.save()
    with pytest.raises(ValidationError, match="verlopen"):
        services.uitnodiging_accepteren(uitnodiging=uitnodiging, user=bestaand)


def test_email_addresses_are_unique_whatever_their_capitals(db):
    UserFactory(email="Een@Voorbeeld.nl")
    with pytest.raises(ValidationError, match="al een gebruiker met dit e-mailadres"):
        User(username="twee", email="een@voorbeeld.NL").full_clean()


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
