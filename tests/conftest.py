import functools
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.test import Client

from aanbestedingskalender import services
from aanbestedingskalender.models import Aanbesteding
from organisaties import tweestaps
from organisaties.models import Rol
from tests.factories import ActieplanFactory, LidmaatschapFactory, OrganisatieFactory
from tests.sso.provider import start_provider  # noqa: F401 - a fixture: a real OIDC provider
from themes.models import Productgroep, Thema


@pytest.fixture(autouse=True)
def force_login_met_tweede_stap(monkeypatch):
    """`client.force_login` skips the password, so it also stands for the second step: the
    session is as after the code (or the app's setup) that management, beheerders and the
    platform administrator must give. Tests of that step log in with the password form
    (`client.post(reverse("login"), ...)`), which this leaves alone."""
    origineel = Client.force_login

    def force_login(self, user, backend=None):
        origineel(self, user, backend)
        sessie = self.session
        if sessie.pop(tweestaps.SESSIE, None) is not None:
            sessie.save()

    monkeypatch.setattr(Client, "force_login", force_login)


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


@pytest.fixture
def themas(db):
    return {thema.slug: thema for thema in Thema.objects.all()}


@pytest.fixture
def adviseur(organisatie):
    return LidmaatschapFactory(
        organisatie=organisatie, rollen=["inkoopadviseur"], user__email="ilse@gemeente.nl"
    ).user


@pytest.fixture
def maak_aanbesteding(actieplan, adviseur, themas):
    """Create a tender through the service: maak_aanbesteding("A-1", toepassingen={...})."""

    def maak(kenmerk="A-1", toepassingen=None, **velden):
        standaard = {
            "kenmerk": kenmerk,
            "naam": f"Aanbesteding {kenmerk}",
            "procedure": Aanbesteding.Procedure.EUROPEES_OPENBAAR,
            "soort": Aanbesteding.Soort.DIENSTEN,
            "startjaar": 2025,
            "startkwartaal": 2,
            "eigenaar": adviseur,
            "productgroep": Productgroep.objects.get(naam="ICT"),
        }
        return services.aanbesteding_opslaan(
            actieplan=actieplan,
            velden=standaard | velden,
            toepassingen={themas[slug]: g for slug, g in (toepassingen or {}).items()},
        )

    return maak


ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _gegevensmigraties() -> list:
    """Every RunPython of the project's own migrations, in migration order."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = []
    for blad in sorted(loader.graph.leaf_nodes()):
        plan += [knoop for knoop in loader.graph.forwards_plan(blad) if knoop not in plan]
    functies = []
    for sleutel in plan:
        app = Path(django_apps.get_app_config(sleutel[0]).path)
        if ROOT not in app.parents or ".venv" in app.parts:  # Django's and libraries' own
            continue
        functies += [
            operatie.code
            for operatie in loader.graph.nodes[sleutel].operations
            if isinstance(operatie, RunPython)
        ]
    return functies


def referentiegegevens_herstellen() -> None:
    """A transactional test database is emptied after each test, also of the rows the data
    migrations loaded (roles, themes, levels, goal kinds, product groups). Replay every data
    migration, so a new one is never forgotten here."""
    for functie in _gegevensmigraties():
        functie(django_apps, None)


@pytest.fixture
def referentiegegevens_transactioneel(transactional_db):
    """For tests that need real commits (browser tests, parallel requests)."""
    referentiegegevens_herstellen()


@pytest.fixture
def taken_uitvoeren(db):
    """Run the queued background tasks as `manage.py db_worker` does (the same Worker and
    its run_task), without the worker's connection recycling, which would end the test's
    transaction. The browser test runs the command itself."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    def uitvoeren() -> int:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test",
            excluded_queue_names=[],
        )
        aantal = 0
        while (taak := DBTaskResult.objects.ready().first()) is not None:
            taak.claim(worker.worker_id)
            worker.run_task(taak)
            aantal += 1
        return aantal

    return uitvoeren
