"""Per-organisation export and restore: both demo organisations (with a frozen version, a
deleted tender's history and a member with two-step verification) are exported to JSON,
the installation is emptied down to what its migrations load, a platform administrator
is created (so people's keys collide), both files are restored, and every row of every
table is compared with the original: 0 rows lost, added or changed.

The comparison reads the tables whole, not through the export's own selection, so a row
the export forgets fails the test."""

import json
import tracemalloc
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan
from jaarplanning.models import Actorgroep
from mvoi import overdracht
from organisaties.models import Lidmaatschap, Organisatie, User
from plandocument import goedkeuring, renderen
from plandocument.models import Planversie
from tests.conftest import referentiegegevens_herstellen
from tests.factories import LidmaatschapFactory, veel_aanbestedingen
from tests.organisaties.test_tweestaps import aanzetten

pytestmark = pytest.mark.django_db(transaction=True)

# The demo's organisations (Gemeente Zuidstad logs in with its work accounts: its provider's
# settings stay behind, listed in overdracht.NIET_MEE).
ORGANISATIES = ["Gemeente Voorbeeld", "Waterschap Voorbeeldstroom", "Gemeente Zuidstad"]


def _tabellen() -> list:
    """Every table of the application's apps (join tables too), except reference data and
    what is deliberately left out. (The two-step devices never travel: checked apart.)"""
    buiten = set(overdracht.REFERENTIE) | set(overdracht.NIET_MEE)
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in overdracht.APPS and m._meta.label_lower not in buiten
    ]


def in_meer_organisaties() -> set[str]:
    """The user names of people who belong to more than one organisation: their password
    is not one organisation's to export."""
    from django.db.models import Count

    return set(
        User.objects.annotate(n=Count("lidmaatschappen"))
        .filter(n__gt=1)
        .values_list("username", flat=True)
    )


def _tekst(waarde) -> str:
    """A value as text; a PDF's bytes (memoryview on PostgreSQL, bytes on SQLite) in full."""
    if isinstance(waarde, memoryview | bytes):
        return bytes(waarde).hex()
    return str(waarde)


def momentopname(zonder_wachtwoord: set[str] = frozenset()) -> dict[str, list[str]]:
    """Every row as text, with people named by user name instead of their key (the restore
    gives them new keys) and the keys of rows that never travel with their own key; the
    password hash left out for the people named in `zonder_wachtwoord`."""
    namen = dict(User.objects.values_list("pk", "username"))
    uit = {}
    for model in _tabellen():
        label = model._meta.label_lower
        rijen = []
        for rij in model._default_manager.values():
            for veld in model._meta.concrete_fields:
                if veld.many_to_one and veld.related_model is User and rij[veld.attname]:
                    rij[veld.attname] = namen[rij[veld.attname]]
            if label == "organisaties.user":
                if rij["username"] == "platformbeheer":
                    continue
                del rij["id"]
                if rij["username"] in zonder_wachtwoord:
                    del rij["password"]
            elif label == "organisaties.historicaluser":
                if rij["username"] == "platformbeheer":
                    continue
                del rij["history_id"]
                rij["id"] = namen[rij["id"]]
            elif model._meta.auto_created:
                del rij["id"]  # a join table's own key
            rijen.append(json.dumps(rij, default=_tekst, sort_keys=True))
        uit[label] = sorted(rijen)
    return uit


def leegmaken() -> None:
    """An empty installation: only what the migrations load."""
    call_command("flush", interactive=False, verbosity=0)
    referentiegegevens_herstellen()


@pytest.fixture
def demo(transactional_db, client):
    leegmaken()  # as a new installation: the reference data's keys from 1
    call_command("demo_data", force=True, verbosity=0)
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    # A frozen version: its PDFs are bytes that must come back unchanged.
    versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
    goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))
    renderen.versie_vastleggen(versie_id=versie.pk)
    # A deleted tender: its rows live on in the history only.
    Aanbesteding.objects.filter(actieplan=plan).order_by("pk").first().delete()
    aanzetten(client, User.objects.get(username="management"))


def test_both_organisations_come_back_row_for_row(demo, tmp_path, settings):
    meer = in_meer_organisaties()
    assert meer == {"coordinator"}  # the demo's coördinator works for both
    voor = momentopname(meer)
    assert Planversie.objects.vastgelegd().count() == 1
    bestanden = []
    for naam in ORGANISATIES:
        bestand = tmp_path / f"{naam}.json"
        call_command("organisatie_exporteren", naam, bestand=str(bestand), verbosity=0)
        bestanden.append(bestand)

    leegmaken()
    User.objects.create_superuser("platformbeheer", "pb@example.org", "geheim-wachtwoord-1")
    call_command("organisatie_importeren", str(bestanden[0]), verbosity=0)
    # The coördinator came with the first file: the operator says the second's is the same.
    call_command("organisatie_importeren", str(bestanden[1]), koppel=["coordinator"], verbosity=0)
    call_command("organisatie_importeren", str(bestanden[2]), verbosity=0)
    na = momentopname(meer)

    assert sum(len(rijen) for rijen in voor.values()) > 500
    verschillen = {label: set(voor[label]) ^ set(na[label]) for label in voor}
    assert {label: sorted(v)[:2] for label, v in verschillen.items() if v} == {}
    assert voor == na

    # The restored installation works: a frozen PDF still matches its hash, a new row gets
    # a free key, and nobody became a platform administrator.
    versie = Planversie.objects.vastgelegd().get()
    assert goedkeuring.vastgelegde_pdf(versie=versie, variant="intern").startswith(b"%PDF")
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    nieuw = Actorgroep.objects.create(organisatie=plan.organisatie, naam="Na het terugzetten")
    assert nieuw.pk > max(Actorgroep.objects.exclude(pk=nieuw.pk).values_list("pk", flat=True))
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == [
        "platformbeheer"
    ]
    # The secrets that never travel: the authenticator apps (set up again at the first
    # login) and the password of someone who belongs to two organisations.
    for label in overdracht.TWEESTAPS:
        assert not apps.get_model(label).objects.exists()
    assert not User.objects.get(username="coordinator").has_usable_password()
    assert User.objects.get(username="management").has_usable_password()


def test_a_restore_that_fails_halfway_changes_nothing(demo, tmp_path, monkeypatch):
    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    leegmaken()
    leeg = momentopname()

    echte = overdracht._invoegen
    aantal = {"n": 0}

    def kapot_na_tien(objecten, **kwargs):
        aantal["n"] += 1
        if aantal["n"] > 10:
            raise RuntimeError("schijf vol")
        return echte(objecten, **kwargs)

    monkeypatch.setattr(overdracht, "_invoegen", kapot_na_tien)
    with pytest.raises(RuntimeError):
        call_command("organisatie_importeren", str(bestand), verbosity=0)
    assert momentopname() == leeg


def test_a_restore_over_existing_data_is_refused_and_says_why(demo, tmp_path):
    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    voor = momentopname()
    with pytest.raises(CommandError, match="Er is hier al een organisatie Gemeente Voorbeeld"):
        call_command("organisatie_importeren", str(bestand), verbosity=0)
    assert momentopname() == voor


def test_a_copy_beside_the_original_gets_keys_of_its_own(demo, tmp_path):
    """Every key of the file is taken (the original is still here): the copy's keys move
    past the highest here, every reference moves with them, and the original is
    untouched – its rows, and the history of its tenders (issue 24)."""
    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    export = json.loads(bestand.read_text())
    export["organisatie"] = "Gemeente Anders"
    export["gegevens"]["organisaties.organisatie"][0]["fields"]["naam"] = "Gemeente Anders"
    bestand.write_text(json.dumps(export))
    origineel = Organisatie.objects.get(naam="Gemeente Voorbeeld")
    plan = Actieplan.objects.get(organisatie=origineel)
    voor = momentopname()
    tenders = dict(Aanbesteding.objects.filter(actieplan=plan).values_list("pk", "naam"))
    personen = [r["fields"]["username"] for r in export["gegevens"]["organisaties.user"]]
    personen = [p for p in personen if User.objects.filter(username=p).exists()]

    call_command("organisatie_importeren", str(bestand), koppel=personen, verbosity=0)

    kopie = Organisatie.objects.get(naam="Gemeente Anders")
    kopieplan = Actieplan.objects.get(organisatie=kopie)
    assert kopie.pk != origineel.pk and kopieplan.pk != plan.pk
    assert dict(Aanbesteding.objects.filter(actieplan=plan).values_list("pk", "naam")) == tenders
    kopietenders = list(Aanbesteding.objects.filter(actieplan=kopieplan))
    assert sorted(a.naam for a in kopietenders) == sorted(tenders.values())
    assert not {a.pk for a in kopietenders} & set(tenders)
    # History stays with its own row: the copy's tender has only its own records.
    eerste = kopietenders[0]
    assert {h.actieplan_id for h in Aanbesteding.history.filter(id=eerste.pk)} == {kopieplan.pk}
    # The copy's frozen version carries its own keys, signed again: it downloads.
    versie = Planversie.objects.vastgelegd().get(actieplan=kopieplan)
    assert goedkeuring.vastgelegde_pdf(versie=versie, variant="intern").startswith(b"%PDF")
    # Every row of the original is as it was (the copy only added rows).
    na = momentopname()
    for label, rijen in voor.items():
        assert set(rijen) <= set(na[label]), label


def test_a_file_from_another_version_or_reference_data_is_refused(demo, tmp_path):
    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    export = json.loads(bestand.read_text())
    leegmaken()

    anders = json.loads(json.dumps(export))
    anders["migraties"]["actieplan"] = "9999_uit_de_toekomst"
    bestand.write_text(json.dumps(anders))
    with pytest.raises(CommandError, match="andere versie van de applicatie"):
        call_command("organisatie_importeren", str(bestand), verbosity=0)

    anders = json.loads(json.dumps(export))
    anders["referentie"]["themes.thema"][0]["fields"]["naam"] = "Iets anders"
    bestand.write_text(json.dumps(anders))
    with pytest.raises(CommandError, match="referentiegegevens"):
        call_command("organisatie_importeren", str(bestand), verbosity=0)

    bestand.write_text("{niet: json")
    with pytest.raises(CommandError, match="niet te lezen als JSON"):
        call_command("organisatie_importeren", str(bestand), verbosity=0)


def test_every_app_of_the_project_with_models_is_in_the_export():
    """A new app whose models the export would silently leave out fails here."""
    from django.conf import settings

    eigen = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and ".venv" not in Path(config.path).parts
        and list(config.get_models())
    }
    assert eigen == set(overdracht.APPS)
    assert len(overdracht.indeling()["organisatie"]) > 30


def test_people_only_in_the_history_come_back_without_a_way_to_log_in(demo, tmp_path):
    """A platform administrator who renamed a member, and a member whose account was
    deleted since: the export names the first without the key to log in, and the history
    of the second keeps its rows with nobody as author."""
    beheerder = User.objects.create_superuser("oud-platform", "oud@example.org", "w8woord-lang")
    lid = User.objects.get(username="inkoopadviseur")
    lid.first_name, lid._history_user = "Ilse-Marie", beheerder
    lid.save()
    vertrokken = User.objects.create_user("vertrokken", "weg@example.org", "w8woord-lang")
    lidmaatschap = LidmaatschapFactory(
        user=vertrokken, organisatie=Organisatie.objects.get(naam="Gemeente Voorbeeld")
    )
    lidmaatschap.delete()
    vertrokken.delete()

    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    leegmaken()
    call_command("organisatie_importeren", str(bestand), verbosity=0)

    terug = User.objects.get(username="oud-platform")
    assert not terug.is_superuser and not terug.is_staff and not terug.is_active
    assert not terug.has_usable_password()
    assert User.history.filter(username="inkoopadviseur", history_user=terug).exists()
    assert User.objects.get(username="inkoopadviseur").has_usable_password()
    assert not User.objects.filter(username="vertrokken").exists()
    weg = Lidmaatschap.history.filter(history_type="-", user_id=None)
    assert weg.exists()  # the departed member's membership history, without the account


@pytest.mark.parametrize(
    ("naam", "email"),
    [
        ("management", "iemand-anders@example.org"),
        ("iemand-anders", "management@voorbeeld.example"),
    ],
)
def test_a_person_who_is_someone_else_here_is_refused(demo, tmp_path, naam, email):
    bestand = tmp_path / "voorbeeld.json"
    call_command("organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0)
    leegmaken()
    User.objects.create_user(naam, email, "w8woord-lang")
    voor = momentopname()
    with pytest.raises(CommandError, match="hoort hier bij een ander account"):
        call_command("organisatie_importeren", str(bestand), verbosity=0)
    assert momentopname() == voor


def test_export_and_restore_keep_memory_flat_as_the_organisation_grows(demo, tmp_path):
    """Both ways are streamed (issue 24). With 3,000 more tenders the file grows by 2.2 MB;
    the export's peak memory by less than a tenth of that (before: 1.7 times as much), the
    restore's by less than half – it keeps the keys, not the rows: 0.4 MB on PostgreSQL,
    0.6 MB on SQLite (before: 3.6 times as much, the whole file and a copy)."""
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    personen = list(
        User.objects.filter(lidmaatschappen__organisatie=plan.organisatie).values_list(
            "username", flat=True
        )
    )
    personen += ["management"]  # named in the history of the frozen version

    def tenders_erbij(aantal: int, van: int) -> None:
        veel_aanbestedingen(
            plan,
            aantal,
            van=van,
            kenmerk="GROEI-{i}",
            naam="Aanbesteding {i} " + "met een lange naam en een omschrijving " * 4,
        )

    def piek(doen) -> int:
        tracemalloc.start()
        try:
            doen()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    def meten(naam: str) -> tuple[int, int, int]:
        bestand = tmp_path / f"{naam}.json"
        export_piek = piek(
            lambda: call_command(
                "organisatie_exporteren", "Gemeente Voorbeeld", bestand=str(bestand), verbosity=0
            )
        )
        # Restored as a copy beside the original, under another name.
        export = json.loads(bestand.read_text())
        export["organisatie"] = naam
        export["gegevens"]["organisaties.organisatie"][0]["fields"]["naam"] = naam
        bestand.write_text(json.dumps(export))
        terug_piek = piek(
            lambda: call_command(
                "organisatie_importeren", str(bestand), koppel=personen, verbosity=0
            )
        )
        assert Aanbesteding.objects.filter(actieplan__organisatie__naam=naam).count() == (
            Aanbesteding.objects.filter(actieplan=plan).count()
        )
        return bestand.stat().st_size, export_piek, terug_piek

    tenders_erbij(500, 0)
    klein = meten("Gemeente Klein")
    tenders_erbij(3000, 500)
    groot = meten("Gemeente Groot")
    groei = [g - k for g, k in zip(groot, klein, strict=True)]
    print(f"bestand +{groei[0]:,} B, export +{groei[1]:,} B, terugzetten +{groei[2]:,} B")
    assert groei[0] > 2_000_000
    assert groei[1] < groei[0] / 10, "export"
    assert groei[2] < groei[0] / 2, "terugzetten"
