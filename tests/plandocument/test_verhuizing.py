"""The versions and the concept-PDF requests moved from `actieplan` to `plandocument`
(ADR 0004): a database from before the move keeps every row, id and byte, the trigger
that guards a closed version, the content type (and so the admin's log about a version),
and a task that was waiting when the new code came."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.test_migraties import migreer, naar_het_laatst

VOOR = [("actieplan", "0011_geschiedenis")]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_versions_and_their_guard():
    try:
        oud = migreer(VOOR)
        assert "plandocument" not in {m._meta.app_label for m in oud.get_models()}
        organisatie = oud.get_model("organisaties", "Organisatie").objects.create(
            naam="Gemeente Oud", type="gemeente"
        )
        user = oud.get_model("organisaties", "User").objects.create(username="coordinator")
        plan = oud.get_model("actieplan", "Actieplan").objects.create(
            organisatie=organisatie, titel="Plan", startjaar=2025, eindjaar=2028
        )
        versie = oud.get_model("actieplan", "Planversie").objects.create(
            actieplan=plan,
            nummer=1,
            jaar=2025,
            status="afgewezen",
            ingediend_door=user,
            opmerking="Nog niet.",
            momentopname={"actieplan": {"titel": "Plan"}},
            momentopname_sha256="a" * 64,
            pdf_intern=b"%PDF-1.7 oud",
        )
        opdracht = oud.get_model("actieplan", "Documentopdracht").objects.create(
            actieplan=plan, aangevraagd_door=user, variant="intern"
        )
        ContentType = oud.get_model("contenttypes", "ContentType")
        soort = ContentType.objects.get_or_create(app_label="actieplan", model="planversie")[0]
        LogEntry.objects.create(
            user_id=user.pk,
            content_type_id=soort.pk,
            object_id=str(versie.pk),
            object_repr="Versie 1",
            action_flag=2,
        )
        DBTaskResult.objects.create(
            task_path="actieplan.tasks.versie_vastleggen",
            args_kwargs={"args": [], "kwargs": {"versie_id": versie.pk}},
            backend_name="default",
            queue_name="default",
            run_after=timezone.now(),
        )

        nieuw = migreer([("plandocument", "0001_initial")])
        Planversie = nieuw.get_model("plandocument", "Planversie")
        bewaard = Planversie.objects.get(pk=versie.pk)
        assert (bewaard.nummer, bewaard.status, bewaard.opmerking) == (1, "afgewezen", "Nog niet.")
        assert bytes(bewaard.pdf_intern) == b"%PDF-1.7 oud"
        assert bewaard.actieplan_id == plan.pk
        assert nieuw.get_model("plandocument", "Documentopdracht").objects.get().pk == opdracht.pk
        # The content type moved with its id: the admin's log still points at the version.
        soort_nu = nieuw.get_model("contenttypes", "ContentType").objects.get(pk=soort.pk)
        assert (soort_nu.app_label, soort_nu.model) == ("plandocument", "planversie")
        log = LogEntry.objects.get()
        assert log.content_type_id == soort.pk
        taak = DBTaskResult.objects.get()
        assert taak.task_path == "plandocument.tasks.versie_vastleggen"
        if connection.vendor == "postgresql":
            # The trigger came along with the renamed table: a closed version stays closed.
            with (
                pytest.raises(DatabaseError, match="verandert niet"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(
                    "UPDATE plandocument_planversie SET opmerking = 'x' WHERE id = %s",
                    [versie.pk],
                )

        # And back: the tables, the content type and the task return to actieplan.
        terug = migreer(VOOR)
        assert terug.get_model("actieplan", "Planversie").objects.get().opmerking == "Nog niet."
        ContentType = terug.get_model("contenttypes", "ContentType")
        assert ContentType.objects.get(pk=soort.pk).app_label == "actieplan"

        # Forward again, after Django made a new, empty content type for the installed model
        # while the database stood back: the old one, with the admin's log, wins.
        leeg = ContentType.objects.create(app_label="plandocument", model="planversie")
        weer = migreer([("plandocument", "0001_initial")])
        ContentType = weer.get_model("contenttypes", "ContentType")
        assert ContentType.objects.get(pk=soort.pk).app_label == "plandocument"
        assert not ContentType.objects.filter(pk=leeg.pk).exists()
        assert LogEntry.objects.get().content_type_id == soort.pk
    finally:
        naar_het_laatst()


@pytest.mark.django_db(transaction=True)
def test_a_version_open_at_the_upgrade_keeps_its_document_when_its_data_is_unchanged(
    monkeypatch,
):
    """Submitted under the old lock: the upgrade keeps its body from the data (still what
    was submitted), so the work that goes on from then does not make its freezing fail;
    one whose data changed past the lock keeps none and fails in words, as before. The
    migration runs today's code on yesterday's tables (no document texts yet)."""
    from actieplan.models import Actieplan
    from plandocument import document, teksten
    from tests.factories import ActieplanFactory, OrganisatieFactory

    try:
        oud = migreer([("plandocument", "0001_initial")])
        plan = ActieplanFactory(organisatie=OrganisatieFactory(naam="Gemeente Open"))
        user = oud.get_model("organisaties", "User").objects.create(username="coordinator")
        with monkeypatch.context() as patch:
            # Taken by today's code on the old tables, as the migration does it.
            patch.setattr(teksten, "eigen_teksten", lambda **kwargs: {})
            gegevens = document.momentopname(actieplan=plan)
        Planversie = oud.get_model("plandocument", "Planversie")
        for nummer, sha in ((1, "0" * 64), (2, document.sha256(document.canoniek(gegevens)))):
            Planversie.objects.create(
                actieplan_id=plan.pk,
                nummer=nummer,
                jaar=plan.lopend_jaar,
                status="goedgekeurd" if nummer == 1 else "ter_goedkeuring",
                ingediend_door=user,
                momentopname=gegevens,
                momentopname_sha256=sha,
            )
        Actieplan.objects.filter(pk=plan.pk).update(status="ter_goedkeuring")

        nieuw = migreer([("plandocument", "0002_document_bij_indienen")])
        Planversie = nieuw.get_model("plandocument", "Planversie")
        veranderd, open_ = Planversie.objects.order_by("nummer")
        assert veranderd.romp == {}  # approved, not frozen, its data changed past the lock
        assert set(open_.romp) == {"intern", "publicatie"}
        assert "Inleiding: wat is MVOI?" in open_.romp["intern"]
        assert open_.romp_sha256 == document.sha256(document.canoniek(open_.romp))
    finally:
        naar_het_laatst()
