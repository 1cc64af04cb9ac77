"""The platform admin adds users with an e-mail address, unique whatever its capitals."""

import pytest
from django.urls import reverse

from organisaties.models import User
from tests.factories import UserFactory


def nieuwe_gebruiker(client, username, email):
    return client.post(
        reverse("admin:organisaties_user_add"),
        {
            "username": username,
            "email": email,
            "first_name": "",
            "last_name": "",
            "usable_password": "false",
            "password1": "",
            "password2": "",
        },
    )


def test_a_user_needs_an_email_address(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    eerste = nieuwe_gebruiker(client, "eerste", "")
    assert eerste.status_code == 200
    assert "Dit veld is verplicht." in eerste.text
    tweede = nieuwe_gebruiker(client, "tweede", "")
    assert tweede.status_code == 200  # was a 500: two empty addresses under a unique rule
    assert not User.objects.filter(username__in=["eerste", "tweede"]).exists()


def test_the_same_address_with_other_capitals_is_refused(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert nieuwe_gebruiker(client, "een", "Anna@Voorbeeld.nl").status_code == 302
    response = nieuwe_gebruiker(client, "twee", "anna@voorbeeld.NL")
    assert response.status_code == 200
    assert "Er is al een gebruiker met dit e-mailadres." in response.text
    assert list(
        User.objects.filter(email__iexact="anna@voorbeeld.nl").values_list("username", flat=True)
    ) == ["een"]


def test_invitations_are_not_added_in_the_platform_admin(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:organisaties_uitnodiging_add")).status_code == 403


def test_the_migration_names_users_without_an_address_before_it_adds_the_rule(db):
    from importlib import import_module

    from django.apps import apps

    migratie = import_module("organisaties.migrations.0003_uitnodigingen_email_uniek")
    migratie.controleer_adressen(apps, None)  # nothing in the way: passes
    User.objects.create(username="oud-account", email="")
    with pytest.raises(RuntimeError, match="zonder e-mailadres: oud-account"):
        migratie.controleer_adressen(apps, None)
