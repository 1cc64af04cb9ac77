import pytest

from organisaties.models import Rol
from tests.factories import ActieplanFactory, LidmaatschapFactory, OrganisatieFactory


@pytest.fixture
def organisatie(db):
    return OrganisatieFactory(naam="Gemeente Eigen")


@pytest.fixture
def andere_organisatie(db):
    return OrganisatieFactory(naam="Gemeente Ander")


@pytest.fixture
def actieplan(organisatie):
    return ActieplanFactory(organisatie=organisatie)


@pytest.fixture
def ander_actieplan(andere_organisatie):
    return ActieplanFactory(organisatie=andere_organisatie, titel="Plan van een ander")


@pytest.fixture
def lid(organisatie):
    """Make a member of `organisatie` with the given role codes: lid("beheerder")."""

    def maak(*codes: str, organisatie=organisatie):
        return LidmaatschapFactory(organisatie=organisatie, rollen=list(codes)).user

    return maak


@pytest.fixture
def client_als(client, lid):
    """A test client logged in as a new member with the given roles: client_als("coordinator")."""

    def maak(*codes: str):
        client.force_login(lid(*codes))
        return client

    return maak


ALLE_ROLLEN = [code for code, _ in Rol.Code.choices]
