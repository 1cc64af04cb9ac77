"""A restore trusts nothing in its file (issue 24): a tampered export never grants platform
rights, never reaches another organisation's rows, never writes models outside the
application's organisation data, never links an existing account unless the operator
says so, never brings back a frozen version whose fingerprints do not match; a malformed,
cut-off or oversized file ends in a Dutch message with nothing stored. And the export
carries no secret it does not need."""

import copy
import io
import json
import tracemalloc

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError

from actieplan.models import Actieplan
from jaarplanning.models import Actorgroep
from mvoi import overdracht
from organisaties.models import Organisatie, User
from plandocument import goedkeuring, renderen
from tests.organisaties.test_tweestaps import aanzetten
from tests.test_overdracht import leegmaken, momentopname

pytestmark = pytest.mark.django_db(transaction=True)

_EXPORTS: dict = {}


@pytest.fixture
def exports(transactional_db, client, tmp_path):
    """The demo's two organisations exported once for this module (a frozen version and a
    member with an authenticator app included); each test starts from an empty
    installation with its own platform administrator."""
    if not _EXPORTS:
        leegmaken()
        call_command("demo_data", force=True, verbosity=0)
        plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
        versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
        goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))
        renderen.versie_vastleggen(versie_id=versie.pk)
        aanzetten(client, User.objects.get(username="management"))
        for naam in ("Gemeente Voorbeeld", "Waterschap Voorbeeldstroom"):
            bestand = tmp_path / "export.json"
            call_command("organisatie_exporteren", naam, bestand=str(bestand), verbosity=0)
            _EXPORTS[naam] = json.loads(bestand.read_text())
    leegmaken()
    User.objects.create_superuser("platformbeheer", "pb@example.org", "geheim-wachtwoord-1")
    return lambda naam: copy.deepcopy(_EXPORTS[naam])  # a fresh copy at every call


def terugzetten(tmp_path, export, *args, **opties):
    bestand = tmp_path / "bestand.json"
    bestand.write_text(export if isinstance(export, str) else json.dumps(export))
    call_command("organisatie_importeren", str(bestand), *args, verbosity=0, **opties)


def geweigerd(tmp_path, export, melding: str, **opties) -> None:
    """Refused with `melding`, and nothing stored."""
    voor = momentopname()
    with pytest.raises(CommandError, match=melding) as fout:
        terugzetten(tmp_path, export, **opties)
    assert str(fout.value).startswith("Niets teruggezet")
    assert momentopname() == voor


def rij(export, label, **velden):
    return next(
        r
        for r in export["gegevens"][label]
        if all(r["fields"].get(k) == v for k, v in velden.items())
    )


def test_a_file_that_grants_platform_rights_is_refused(exports, tmp_path):
    export = exports("Gemeente Voorbeeld")
    management = rij(export, "organisaties.user", username="management")
    management["fields"].update(is_superuser=True, is_staff=True, password=make_password("x"))
    geweigerd(tmp_path, export, "rechten op het platform")
    export = exports("Gemeente Voorbeeld")
    rij(export, "organisaties.user", username="management")["fields"]["groups"] = [1]
    geweigerd(tmp_path, export, "rechten op het platform")
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == [
        "platformbeheer"
    ]


def test_rows_that_point_at_another_organisation_are_refused(exports, tmp_path):
    """The waterschap is restored first; the gemeente's file then claims a membership in
    the waterschap, and an action in one of the waterschap's actor groups."""
    terugzetten(tmp_path, exports("Waterschap Voorbeeldstroom"))
    waterschap = Organisatie.objects.get(naam="Waterschap Voorbeeldstroom")
    groep_elders = Actorgroep.objects.create(organisatie=waterschap, naam="Dijkbeheer")

    export = exports("Gemeente Voorbeeld")
    lid = rij(export, "organisaties.lidmaatschap")
    lid["fields"]["organisatie"] = waterschap.pk
    geweigerd(
        tmp_path,
        export,
        "organisatie verwijst naar organisaties.organisatie",
        koppel=["coordinator"],
    )

    export = exports("Gemeente Voorbeeld")
    export["gegevens"]["jaarplanning.actie"][0]["fields"]["actorgroep"] = groep_elders.pk
    geweigerd(
        tmp_path, export, "actorgroep verwijst naar jaarplanning.actorgroep", koppel=["coordinator"]
    )
    assert not groep_elders.acties.exists()


def test_models_outside_the_organisations_data_are_refused(exports, tmp_path):
    for label, rijen in (
        ("auth.group", [{"pk": 99, "fields": {"name": "beheer", "permissions": []}}]),
        (
            "admin.logentry",
            [{"pk": 99, "fields": {"action_flag": 1, "object_repr": "x", "user": 1}}],
        ),
    ):
        export = exports("Gemeente Voorbeeld")
        export["gegevens"][label] = rijen
        geweigerd(tmp_path, export, f"nooit bevat: {label}")


def test_a_second_organisation_in_the_file_is_refused(exports, tmp_path):
    export = exports("Gemeente Voorbeeld")
    tweede = copy.deepcopy(export["gegevens"]["organisaties.organisatie"][0])
    tweede["pk"] = 999
    tweede["fields"]["naam"] = "Gemeente Erbij"
    export["gegevens"]["organisaties.organisatie"].append(tweede)
    geweigerd(tmp_path, export, "precies één organisatie")


def test_an_existing_account_is_linked_only_when_the_operator_names_it(exports, tmp_path):
    terugzetten(tmp_path, exports("Waterschap Voorbeeldstroom"))
    coordinator = User.objects.get(username="coordinator")
    # The gemeente's file names the same coördinator: not linked unless the operator says.
    geweigerd(tmp_path, exports("Gemeente Voorbeeld"), "koppel dan met --koppel coordinator")
    terugzetten(tmp_path, exports("Gemeente Voorbeeld"), koppel=["coordinator"])
    assert set(coordinator.lidmaatschappen.values_list("organisatie__naam", flat=True)) == {
        "Gemeente Voorbeeld",
        "Waterschap Voorbeeldstroom",
    }
    assert User.objects.filter(username="coordinator").count() == 1


def test_a_frozen_version_that_does_not_match_its_fingerprints_is_refused(exports, tmp_path):
    export = exports("Gemeente Voorbeeld")
    versie = export["gegevens"]["plandocument.planversie"][0]
    assert versie["fields"]["vastgelegd_op"]
    versie["fields"]["momentopname"]["actieplan"]["titel"] = "Vervalst"
    geweigerd(tmp_path, export, "vingerafdrukken")

    export = exports("Gemeente Voorbeeld")
    versie = export["gegevens"]["plandocument.planversie"][0]
    versie["fields"]["pdf_publicatie"] = versie["fields"]["pdf_intern"]
    geweigerd(tmp_path, export, "vingerafdrukken")


@pytest.mark.parametrize(
    ("kapot", "melding"),
    [
        (lambda e, t: t[: len(t) // 2], "niet te lezen als JSON"),  # cut off
        (lambda e, t: "[]", "geen export van een organisatie"),
        (lambda e, t: {**e, "gegevens": []}, "‘gegevens’"),
        (lambda e, t: {**e, "versie": 7}, "versie 7 van het formaat"),
        (
            lambda e, t: {**e, "gegevens": {**e["gegevens"], "actieplan.actieplan": [{"pk": 1}]}},
            "geen sleutel of geen velden",
        ),
        (
            lambda e, t: _met_veld(e, "actieplan.actieplan", "startjaar", "ooit"),
            "klopt niet",
        ),
        (
            lambda e, t: _met_veld(e, "actieplan.actieplan", "onbekend_veld", 1),
            "klopt niet",
        ),
        (
            lambda e, t: _met_pk(e, "jaarplanning.actie", "abc"),
            "klopt niet|geen geldige sleutel",
        ),
        # A model twice: json.load would silently keep the last, hiding the first.
        (
            lambda e, t: t.replace('"gegevens": {', '"gegevens": {"actieplan.actieplan": [], ', 1),
            "actieplan.actieplan staat twee keer",
        ),
        (lambda e, t: t + ' {"gegevens": {}}', "niet te lezen als JSON|Na het einde"),
    ],
)
def test_a_malformed_file_ends_in_dutch_with_nothing_stored(exports, tmp_path, kapot, melding):
    export = exports("Gemeente Voorbeeld")
    inhoud = kapot(export, json.dumps(export))
    geweigerd(tmp_path, inhoud, melding)


def _met_veld(export, label, veld, waarde):
    export = copy.deepcopy(export)
    export["gegevens"][label][0]["fields"][veld] = waarde
    return export


def _met_pk(export, label, pk):
    export = copy.deepcopy(export)
    export["gegevens"][label][0]["pk"] = pk
    return export


def test_a_broken_row_is_refused_where_the_file_goes_wrong(exports, tmp_path):
    """The file is read as a stream: a broken tender row is named as such (model and row
    number) even when the file is cut off after it – the part after it is never needed."""
    export = exports("Gemeente Voorbeeld")
    export["gegevens"]["aanbestedingskalender.aanbesteding"][2] = {"pk": 3, "fields": "KAPOT"}
    tekst = json.dumps(export)
    geweigerd(
        tmp_path,
        tekst[: tekst.index("KAPOT") + 200],
        "aanbestedingskalender.aanbesteding, rij 3: geen sleutel of geen velden",
    )


def test_a_file_over_the_size_limit_is_not_read(exports, tmp_path):
    geweigerd(tmp_path, exports("Gemeente Voorbeeld"), "ten hoogste 0 MB", max_mb=0)


def test_the_export_carries_no_second_step_secrets_and_no_shared_passwords(tmp_path, exports):
    """Checked on the files themselves: the management's authenticator app stayed home,
    the coördinator (also the waterschap's) travels without a password, and with
    --zonder-wachtwoorden nobody's does."""
    export = _EXPORTS["Gemeente Voorbeeld"]
    for label in overdracht.TWEESTAPS:
        assert export["gegevens"][label] == []
    personen = {
        r["fields"]["username"]: r["fields"] for r in export["gegevens"]["organisaties.user"]
    }
    assert personen["coordinator"]["password"].startswith("!")
    assert not personen["management"]["password"].startswith("!")

    terugzetten(tmp_path, exports("Gemeente Voorbeeld"))
    bestand = tmp_path / "zonder.json"
    call_command(
        "organisatie_exporteren",
        "Gemeente Voorbeeld",
        bestand=str(bestand),
        zonder_wachtwoorden=True,
        verbosity=0,
    )
    zonder = json.loads(bestand.read_text())
    assert all(
        r["fields"]["password"].startswith("!") for r in zonder["gegevens"]["organisaties.user"]
    )


def test_a_row_cannot_choose_another_model_than_its_list(exports, tmp_path):
    """A "model" key inside a row chose the model (found in review): a row under
    jaarplanning.actie became a platform superuser with the file's password."""
    export = exports("Gemeente Voorbeeld")
    export["gegevens"]["jaarplanning.actie"].append(
        {
            "pk": 900001,
            "model": "organisaties.user",
            "fields": {
                "username": "indringer",
                "email": "i@x.nl",
                "password": make_password("pw-van-het-bestand"),
                "is_superuser": True,
                "is_staff": True,
                "is_active": True,
            },
        }
    )
    geweigerd(tmp_path, export, "jaarplanning.actie, rij .*: hoort niet in deze lijst")
    assert not User.objects.filter(username="indringer").exists()


def test_a_deeply_nested_file_is_refused_without_eating_memory(exports, tmp_path):
    """80 KB of brackets took 3.9 GB with ijson's prefixes (found in review)."""
    diep = '{"formaat": "actieplan-mvoi-organisatie", "x": ' + "[" * 40000 + "]" * 40000 + "}"
    tracemalloc.start()
    try:
        geweigerd(tmp_path, diep, "dieper genest")
        assert tracemalloc.get_traced_memory()[1] < 50_000_000
    finally:
        tracemalloc.stop()


class WisselendBestand(io.BytesIO):
    """A file that holds other bytes from its second reading on (written to meanwhile)."""

    def __init__(self, eerst: bytes, daarna: bytes):
        super().__init__(eerst)
        self.daarna, self.gelezen = daarna, 0

    def seek(self, *args):
        self.gelezen += 1
        if self.gelezen == 2:
            self.__init__(self.daarna, self.daarna)
            self.gelezen = 2
        return super().seek(*args)


def test_a_file_changed_between_the_two_readings_restores_nothing(exports, tmp_path):
    """The second reading must read the first one's bytes: a history row's id changed in
    between would otherwise slip past the key remapping (found in review)."""
    export = exports("Gemeente Voorbeeld")
    eerst = json.dumps(export).encode()
    export["gegevens"]["actieplan.historicalactieplan"][0]["fields"]["titel"] = "Anders"
    daarna = json.dumps(export).encode()
    assert len(eerst) != len(daarna)
    voor = momentopname()
    with pytest.raises(overdracht.Overdrachtsfout, match="veranderde tijdens het terugzetten"):
        overdracht.importeren(WisselendBestand(eerst, daarna))
    assert momentopname() == voor
