"""Frozen means frozen, also against the database (issue 24): a frozen version carries a
signature made with a key the database never holds, and every download checks it. A row
forged in the database – an "approved, frozen" version whose PDF bytes and hashes agree –
is refused; so is a real one whose signed fields were changed past the trigger. A key
rotated through SECRET_KEY_FALLBACKS keeps the old signatures valid. And a deployment's
runtime role, set up as docs/deploy.md says, cannot TRUNCATE the table or set its trigger
aside (PostgreSQL)."""

import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from plandocument import ondertekening
from plandocument.document import sha256
from plandocument.models import Planversie
from tests.plandocument.test_goedkeuring import (  # noqa: F401 (fixtures)
    coordinator,
    goedgekeurd,
    ingediend,
    manager,
)


def download(client, actieplan, nummer=1):
    return client.get(reverse("plandocument:versie_pdf", args=[actieplan.pk, nummer, "intern"]))


def test_a_frozen_version_is_signed_and_downloads(goedgekeurd, actieplan, client):  # noqa: F811
    assert len(goedgekeurd.handtekening) == 64
    assert ondertekening.klopt(goedgekeurd)
    assert download(client, actieplan).status_code == 200


def test_a_version_forged_in_the_database_is_refused(
    goedgekeurd,  # noqa: F811
    actieplan,
    client,
    caplog,
):
    """An attacker with the application's database role inserts version 2: approved,
    frozen, its PDF bytes and hashes in agreement – everything but the key."""
    vals = b"%PDF-1.7 vervalst: goedgekeurd"
    with connection.cursor() as cursor:
        velden = [
            "actieplan_id", "nummer", "jaar", "status", "ingediend_door_id", "ingediend_op",
            "toelichting", "opmerking", "momentopname", "momentopname_sha256", "romp",
            "romp_sha256", "pdf_status", "pdf_fout", "pdf_intern", "pdf_intern_sha256",
            "pdf_publicatie", "pdf_publicatie_sha256", "vastgelegd_op", "handtekening",
            "beoordeeld_door_id", "beoordeeld_op",
        ]  # fmt: skip
        waarden = [
            actieplan.pk, 2, goedgekeurd.jaar, "goedgekeurd", goedgekeurd.ingediend_door_id,
            timezone.now(), "", "", '{"actieplan": {}}',
            sha256(b'{"actieplan":{}}'), "{}", "", "klaar", "", vals, sha256(vals), vals,
            sha256(vals), timezone.now(), "0" * 64, goedgekeurd.beoordeeld_door_id,
            timezone.now(),
        ]  # fmt: skip
        cursor.execute(
            f"INSERT INTO plandocument_planversie ({', '.join(velden)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(velden))})",
            waarden,
        )
    with caplog.at_level(logging.ERROR, logger="plandocument.goedkeuring"):
        antwoord = download(client, actieplan, nummer=2)
    assert antwoord.status_code == 409
    assert b"vervalst" not in antwoord.content
    assert "handtekening klopt niet: versie 2" in caplog.text
    assert download(client, actieplan, nummer=1).status_code == 200


def test_a_signed_field_changed_past_the_trigger_is_refused(
    goedgekeurd,  # noqa: F811
    actieplan,
    client,
):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE plandocument_planversie SET jaar = jaar + 1 WHERE id = %s", [goedgekeurd.pk]
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    assert download(client, actieplan).status_code == 409


def test_a_rotated_key_keeps_old_signatures_valid(goedgekeurd, settings):  # noqa: F811
    oud = settings.SECRET_KEY
    settings.SECRET_KEY = "een-nieuwe-sleutel-" + "x" * 40
    assert not ondertekening.klopt(goedgekeurd)
    settings.SECRET_KEY_FALLBACKS = [oud]
    assert ondertekening.klopt(goedgekeurd)


ROLLEN_SQL = Path(settings.BASE_DIR) / "ops" / "databaserollen.sql"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_the_runtime_role_cannot_truncate_or_set_the_trigger_aside(goedgekeurd):  # noqa: F811
    """The documented SQL (ops/databaserollen.sql), for a role of this test: the role can
    read and write rows as the application does, but not empty the table, disable or drop
    its trigger."""
    sql = ROLLEN_SQL.read_text().replace(":runtime", "mvoi_runtime_test")
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN CREATE ROLE mvoi_runtime_test NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        cursor.execute(sql)
        cursor.execute("SET ROLE mvoi_runtime_test")
        try:
            cursor.execute("SELECT count(*) FROM plandocument_planversie")
            assert cursor.fetchone()[0] == 1
            for poging in (
                "TRUNCATE plandocument_planversie CASCADE",
                "ALTER TABLE plandocument_planversie DISABLE TRIGGER planversie_onveranderlijk",
                "DROP TRIGGER planversie_onveranderlijk ON plandocument_planversie",
                "SET session_replication_role = replica",
            ):
                with (
                    pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
                    transaction.atomic(),
                ):
                    cursor.execute(poging)
            with pytest.raises(DatabaseError, match="vastgelegd"), transaction.atomic():
                cursor.execute("DELETE FROM plandocument_planversie")
        finally:
            cursor.execute("RESET ROLE")
    assert Planversie.objects.vastgelegd().count() == 1


@pytest.mark.django_db(transaction=True)
def test_versions_frozen_before_the_upgrade_are_signed_by_the_migration():
    from tests.factories import ActieplanFactory, OrganisatieFactory
    from tests.test_migraties import migreer, naar_het_laatst

    try:
        oud = migreer([("plandocument", "0005_toelichting")])
        plan = ActieplanFactory(organisatie=OrganisatieFactory(naam="Gemeente Vroeger"))
        user = oud.get_model("organisaties", "User").objects.create(username="coordinator")
        pdf_bytes = b"%PDF-1.7 van voor de handtekening"
        oud.get_model("plandocument", "Planversie").objects.create(
            actieplan_id=plan.pk,
            nummer=1,
            jaar=plan.lopend_jaar,
            status="goedgekeurd",
            ingediend_door=user,
            momentopname={"actieplan": {}},
            momentopname_sha256=sha256(b'{"actieplan":{}}'),
            pdf_intern=pdf_bytes,
            pdf_intern_sha256=sha256(pdf_bytes),
            pdf_publicatie=pdf_bytes,
            pdf_publicatie_sha256=sha256(pdf_bytes),
            vastgelegd_op=timezone.now(),
        )
        nieuw = migreer([("plandocument", "0006_handtekening")])
        versie = nieuw.get_model("plandocument", "Planversie").objects.get(actieplan_id=plan.pk)
        assert ondertekening.klopt(versie)
    finally:
        naar_het_laatst()
