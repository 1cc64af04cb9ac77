"""Management approval and frozen versions: who may do what, the plan locked under review,
the frozen PDF with its approval block and hash, immutability, the hash check on download,
and the change summary between two versions."""

import hashlib
import io
import json
import logging
from datetime import timedelta

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from actieplan.stappen import STAPPEN_OP_SLUG
from plandocument import document, goedkeuring, pdf
from plandocument.models import Planversie, VersieOnveranderlijk, Versievergelijking
from tests.organisaties.test_views import form_data
from tests.test_tenant_scoping import FOREIGN_OBJECTS
from themes.models import Doelsoort, Thema


def pdf_tekst(inhoud: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join(p.extract_text() for p in lezer.pages).split())


@pytest.fixture
def coordinator(lid):
    return lid("coordinator")


@pytest.fixture
def manager(lid):
    return lid("management")


@pytest.fixture
def ingediend(actieplan, coordinator, client):
    client.force_login(coordinator)
    antwoord = client.post(
        reverse("plandocument:indienen", args=[actieplan.pk]), {"toelichting": "Graag besluit."}
    )
    assert antwoord.status_code == 302
    return Planversie.objects.get(actieplan=actieplan)


def test_the_coordinator_submits_and_the_plan_is_under_review(ingediend, actieplan, client):
    actieplan.refresh_from_db()
    assert actieplan.status == Actieplan.Status.TER_GOEDKEURING
    assert ingediend.nummer == 1
    assert ingediend.toelichting == "Graag besluit."
    assert ingediend.momentopname["actieplan"]["titel"] == actieplan.titel
    assert (
        ingediend.momentopname_sha256
        == hashlib.sha256(document.canoniek(document.momentopname(actieplan=actieplan))).hexdigest()
    )
    pagina = client.get(reverse("actieplan:detail", args=[actieplan.pk])).text
    assert "Versie 1 ligt sinds" in pagina
    # Nothing on the page offers a change: the title link is gone while locked.
    assert reverse("actieplan:update", args=[actieplan.pk]) not in pagina


@pytest.mark.parametrize("rollen", [["inkoopadviseur"], ["mvoi_teamlid"], ["management"]])
def test_only_the_coordinator_submits(client_als, actieplan, rollen):
    antwoord = client_als(*rollen).post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    assert antwoord.status_code == 403
    assert not Planversie.objects.exists()


@pytest.mark.parametrize(
    "rollen", [["inkoopadviseur"], ["mvoi_teamlid"], ["coordinator"], ["beheerder"]]
)
def test_only_management_approves(client, lid, ingediend, actieplan, rollen):
    client.force_login(lid(*rollen))
    url = reverse("plandocument:versie", args=[actieplan.pk, 1])
    assert client.post(url, {"besluit": "goedkeuren"}).status_code == 403
    ingediend.refresh_from_db()
    assert ingediend.status == Planversie.Status.TER_GOEDKEURING
    assert "Besluit van het management" not in client.get(url).text


def test_under_review_the_strategy_offers_no_forms_and_the_quarterly_meeting_does(
    ingediend, actieplan, client, lid, maak_aanbesteding
):
    """The pages that decide for themselves whether to show a form (not through `mag`):
    step 1 waits for the decision, the quarterly meeting goes on (ADR 0005)."""
    client.force_login(lid("mvoi_teamlid", "inkoopadviseur"))
    klimaat = client.get(reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"]))
    assert 'name="huidig_niveau"' not in klimaat.text
    kwartaal = client.get(reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, 2025, 1]))
    assert 'name="notities"' in kwartaal.text
    Actieplan.objects.filter(pk=actieplan.pk).update(status="concept")
    klimaat = client.get(reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"]))
    assert 'name="huidig_niveau"' in klimaat.text


def test_actor_groups_change_under_review_and_the_submitted_document_keeps_them(
    ingediend, organisatie, actieplan, client, lid, taken_uitvoeren, manager
):
    """The groups belong to all the organisation's plans and to the year's work: they can
    change under review; the version under review keeps the names it was submitted with."""
    from jaarplanning.models import Actorgroep

    client.force_login(lid("mvoi_teamlid"))
    url = reverse("jaarplanning:actorgroepen", args=[actieplan.pk])
    gegevens = form_data(client.get(url).text)
    groep = Actorgroep.objects.get(pk=gegevens["groep-0-id"][0])
    oude_naam = groep.naam
    gegevens["groep-0-naam"] = ["Hernoemd"]
    assert client.post(url, gegevens).status_code == 302
    groep.refresh_from_db()
    assert groep.naam == "Hernoemd"
    assert oude_naam in ingediend.romp["intern"]
    assert "Hernoemd" not in ingediend.romp["intern"]


def test_nobody_approves_their_own_submission(client, lid, actieplan):
    beide = lid("coordinator", "management")
    client.force_login(beide)
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    antwoord = client.post(
        reverse("plandocument:versie", args=[actieplan.pk, 1]),
        {"besluit": "goedkeuren"},
        follow=True,
    )
    assert "U heeft deze versie zelf ingediend" in antwoord.text
    assert Planversie.objects.get().status == Planversie.Status.TER_GOEDKEURING


def test_a_second_submission_while_under_review_is_refused(ingediend, actieplan, client):
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    assert Planversie.objects.count() == 1


ALLEEN_FORMULIER = {
    "actieplan:update",
    "plandocument:toelichtingen",
    "actieplan:nulmeting_antwoord",
    "actieplan:themakeuze",
    "actieplan:ambities",
    "actieplan:meetbare_doelen",
    "actieplan:tekstdoelen",
    "aanbestedingskalender:aanbesteding_nieuw",
    "aanbestedingskalender:aanbesteding_wijzigen",
    "aanbestedingskalender:aanbesteding_uitstellen",
    "aanbestedingskalender:aanbesteding_verwijderen",
    "aanbestedingskalender:import",
    "jaarplanning:import",
    "jaarplanning:actie_nieuw",
    "jaarplanning:actie_wijzigen",
    "jaarplanning:actie_verwijderen",
    "jaarplanning:borging",
    "jaarplanning:actorgroepen",
    "evaluatie:jaar",
    "evaluatie:volgend_jaar",
    "evaluatie:besluit",
    "evaluatie:besluit_toepassen",
}


def _plan_urls_met_eigen_plan(organisatie):
    """Every URL inside a plan that changes it, with a plan (and object) of our own."""
    goedkeuring_urls = {
        "plandocument:document_pdf",  # asking for a PDF of the locked plan: reading it
        "plandocument:document_opdracht",
        "plandocument:document_opdracht_status",
        "plandocument:document_opdracht_pdf",
        "plandocument:indienen",
        "plandocument:versies",
        "plandocument:versie",
        "plandocument:versie_status",
        "plandocument:versie_intrekken",
        "plandocument:versie_opnieuw",
        "plandocument:versie_terugdraaien",
        "plandocument:versie_pdf",
    }
    for naam, bouwer in sorted(FOREIGN_OBJECTS.items()):
        if naam.startswith("organisaties:") or naam in goedkeuring_urls:
            continue
        yield naam, bouwer(organisatie)


def test_after_a_rejection_the_plan_page_and_the_next_version_show_it(
    ingediend, actieplan, client, coordinator, manager, maak_aanbesteding
):
    client.force_login(manager)
    client.post(
        reverse("plandocument:versie", args=[actieplan.pk, 1]),
        {"besluit": "afwijzen", "opmerking": "Voeg de tender voor het wagenpark toe."},
    )
    client.force_login(coordinator)
    plan = client.get(reverse("actieplan:detail", args=[actieplan.pk])).text
    assert "Versie 1 is afgewezen" in plan
    assert "Voeg de tender voor het wagenpark toe." in plan
    maak_aanbesteding("W-1", naam="Wagenpark", startjaar=2026, startkwartaal=3)
    vooraf = client.get(reverse("plandocument:indienen", args=[actieplan.pk])).text
    assert "Gewijzigd sinds versie 1 (afgewezen)" in vooraf
    assert "Nieuwe aanbesteding: W-1 Wagenpark (Q3 2026)." in vooraf
    assert "Er is nog geen vastgestelde (goedgekeurde) versie om mee te vergelijken." in vooraf
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    client.force_login(manager)
    pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 2])).text
    assert "Gewijzigd sinds versie 1 (afgewezen)" in pagina
    assert "Nieuwe aanbesteding: W-1 Wagenpark (Q3 2026)." in pagina


def test_a_browsers_line_ends_are_no_change(db):
    oud = {
        "actieplan": {},
        "stappen": {"borging": {"in_organisatie": "a\nb", "in_inkoopproces": "c\nd"}},
    }
    nieuw = {
        "actieplan": {},
        "stappen": {"borging": {"in_organisatie": "a\r\nB", "in_inkoopproces": "c\r\nd"}},
    }
    assert document.wijzigingen(oud, nieuw) == [
        (STAPPEN_OP_SLUG["borging"], ["De borging in de organisatie is herschreven."])
    ]
    # A written backslash before an "r" is text, not a line end: that change is seen.
    pad_oud = {"actieplan": {}, "stappen": {"borging": {"in_organisatie": "map C:\\r\nx"}}}
    pad_nieuw = {"actieplan": {}, "stappen": {"borging": {"in_organisatie": "map C:\\\nx"}}}
    assert document.wijzigingen(pad_oud, pad_nieuw) == [
        (STAPPEN_OP_SLUG["borging"], ["De borging in de organisatie is herschreven."])
    ]
    assert document.wijzigingen(pad_oud, pad_oud) == []


def _wacht(naam: str) -> bool:
    """The plan's own pages (its title and period, steps 1–3, the document's texts) and
    applying an evaluation's decision to them: they wait while a version is under review
    (ADR 0005)."""
    return naam.startswith("actieplan:") or naam in (
        "evaluatie:besluit_toepassen",
        "plandocument:toelichtingen",
    )


@pytest.mark.parametrize(
    ("status", "kop"),
    [
        ("ter_goedkeuring", "Niet opgeslagen: het plan ligt ter goedkeuring"),
        ("vastleggen", "Niet opgeslagen: het goedgekeurde plan wordt vastgelegd"),
    ],
)
def test_under_review_the_strategy_waits_and_the_years_work_goes_on(
    client, lid, organisatie, status, kop
):
    """Every URL of a plan, POSTed by a member with every role while the plan is under
    review or being frozen: the strategy's answer 409 and the explanation before any view
    code runs; every other page does its work (its own answer, never the lock's)."""
    client.force_login(
        lid("inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder")
    )
    gewacht, doorgegaan = set(), set()
    for naam, kwargs in _plan_urls_met_eigen_plan(organisatie):
        Actieplan.objects.filter(pk=kwargs["pk"]).update(status=status)
        # A page that is only a form: the strategy's shows its data read-only, with the
        # reason; the year's work shows its form.
        if naam in ALLEEN_FORMULIER:
            pagina = client.get(reverse(naam, kwargs=kwargs), follow=True)
            assert pagina.status_code == 200, naam
            if _wacht(naam):
                assert pagina.redirect_chain, naam
                assert "Deze pagina is nu alleen te lezen" in pagina.text, naam
            else:
                assert not pagina.redirect_chain, naam
        antwoord = client.post(reverse(naam, kwargs=kwargs), {"titel": "Gewijzigd"})
        if _wacht(naam):
            assert antwoord.status_code == 409, naam
            assert kop in antwoord.text
            gewacht.add(naam)
        else:
            assert antwoord.status_code != 409, naam
            assert kop not in antwoord.text, naam
            doorgegaan.add(naam)
    assert {"actieplan:themakeuze", "evaluatie:besluit_toepassen"} <= gewacht
    assert len(gewacht) >= 10
    assert len(doorgegaan) >= 25
    assert not Actieplan.objects.filter(titel="Gewijzigd").exists()


def test_a_crafted_post_changes_nothing_under_review(ingediend, actieplan, client):
    """The coördinator posts the title form of the locked plan directly."""
    antwoord = client.post(
        reverse("actieplan:update", args=[actieplan.pk]),
        {"titel": "Stiekem", "startjaar": 2024, "eindjaar": 2027, "versie": "x"},
    )
    assert antwoord.status_code == 409
    actieplan.refresh_from_db()
    assert actieplan.titel != "Stiekem"
    # The page says where to look instead: the version under review and its status.
    link = BeautifulSoup(antwoord.text, "html.parser").find(
        "a", string="Naar versie 1 en haar status"
    )
    assert link["href"] == reverse("plandocument:versie", args=[actieplan.pk, 1])


def test_a_strategy_form_sent_under_review_keeps_what_was_typed_for_later(
    ingediend, actieplan, client
):
    """A form opened before the submission and sent after: refused, but not lost; once
    the plan may change again, the same form has it back (unsaved)."""
    url = reverse("actieplan:update", args=[actieplan.pk])
    samenhang = "Sluit aan op het coalitieprogramma 2026–2030."
    antwoord = client.post(
        url, {"titel": "Nieuwe titel", "startjaar": 2024, "eindjaar": 2027, "samenhang": samenhang}
    )
    assert antwoord.status_code == 409
    assert "maar wel bewaard" in antwoord.text
    # While it waits the form is not there to fill: the page redirects, keeping the input.
    assert client.get(url).status_code == 302
    client.post(reverse("plandocument:versie_intrekken", args=[actieplan.pk, 1]))
    pagina = client.get(url).text
    assert "Nog niet opgeslagen." in pagina
    assert "Sluit aan op het coalitieprogramma" in pagina  # kept, for the script to put back
    actieplan.refresh_from_db()
    assert actieplan.titel != "Nieuwe titel"


def test_withdrawing_unlocks_the_plan(ingediend, actieplan, client):
    client.post(reverse("plandocument:versie_intrekken", args=[actieplan.pk, 1]))
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.status == Planversie.Status.INGETROKKEN
    assert actieplan.status == Actieplan.Status.CONCEPT
    antwoord = client.post(
        reverse("actieplan:update", args=[actieplan.pk]),
        {
            "titel": "Nieuw",
            "startjaar": 2024,
            "eindjaar": 2027,
            "versie": f"{actieplan.pk}:{actieplan.versie}",
        },
    )
    assert antwoord.status_code == 302


def test_rejecting_needs_a_comment_and_unlocks(ingediend, actieplan, client, manager):
    client.force_login(manager)
    url = reverse("plandocument:versie", args=[actieplan.pk, 1])
    antwoord = client.post(url, {"besluit": "afwijzen", "opmerking": "  "})
    assert antwoord.status_code == 200
    assert "Schrijf waarom u het plan afwijst" in antwoord.text
    ingediend.refresh_from_db()
    assert ingediend.status == Planversie.Status.TER_GOEDKEURING

    client.post(url, {"besluit": "afwijzen", "opmerking": "Doelen voor 2027 ontbreken."})
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.status == Planversie.Status.AFGEWEZEN
    assert ingediend.beoordeeld_door == manager
    assert actieplan.status == Actieplan.Status.CONCEPT
    assert "Doelen voor 2027 ontbreken." in client.get(url).text


@pytest.fixture
def goedgekeurd(ingediend, actieplan, client, manager, taken_uitvoeren):
    client.force_login(manager)
    url = reverse("plandocument:versie", args=[actieplan.pk, 1])
    client.post(url, {"besluit": "goedkeuren", "opmerking": "Akkoord, mooi plan."})
    actieplan.refresh_from_db()
    assert actieplan.status == Actieplan.Status.VASTLEGGEN  # still locked until frozen
    assert "wordt vastgelegd" in client.get(url).text
    assert taken_uitvoeren() == 2  # the freezing, and the coördinator's e-mail of it
    return Planversie.objects.get(pk=ingediend.pk)


def test_approval_freezes_both_pdfs_with_the_approval_block(goedgekeurd, actieplan, manager):
    actieplan.refresh_from_db()
    assert actieplan.status == Actieplan.Status.GOEDGEKEURD
    assert goedgekeurd.vastgelegd
    assert goedgekeurd.pdf_status == Planversie.Pdf.KLAAR
    intern = bytes(goedgekeurd.pdf_intern)
    assert hashlib.sha256(intern).hexdigest() == goedgekeurd.pdf_intern_sha256
    tekst = pdf_tekst(intern)
    for verwacht in (
        "Vastgesteld door het management",
        f"Goedgekeurd door {manager.get_full_name() or manager.email}",
        "Versie 1",
        "Akkoord, mooi plan.",
        goedgekeurd.momentopname_sha256[:32],
    ):
        assert verwacht in tekst, verwacht
    publicatie = pdf_tekst(bytes(goedgekeurd.pdf_publicatie))
    assert "Stap 4. Aanbestedingskalender: niet in deze versie voor publicatie" in publicatie
    # The publication carries nothing internal: no names, no comment, no fingerprint.
    assert "Vastgesteld door het management" in publicatie
    for intern_gegeven in (
        manager.get_full_name() or manager.email,
        "Akkoord, mooi plan.",
        "Ingediend door",
        goedgekeurd.momentopname_sha256[:16],
        "SHA-256",
    ):
        assert intern_gegeven not in publicatie, intern_gegeven


def test_downloading_serves_the_stored_bytes_without_rendering(
    goedgekeurd, actieplan, client, monkeypatch
):
    def niet_renderen(*args, **kwargs):
        raise AssertionError("A frozen version is never rendered again")

    monkeypatch.setattr(pdf, "render_to_pdf", niet_renderen)
    url = reverse("plandocument:versie_pdf", args=[actieplan.pk, 1, "intern"])
    eerste, tweede = client.get(url), client.get(url)
    assert eerste.status_code == 200
    assert eerste["Content-Type"] == "application/pdf"
    assert eerste.content == tweede.content == bytes(goedgekeurd.pdf_intern)
    assert "versie-1-intern.pdf" in eerste["Content-Disposition"]


def test_editing_after_approval_makes_a_new_concept(goedgekeurd, actieplan, client, coordinator):
    """The frozen version stays as it was; the live document is a concept that names the
    adopted version."""
    client.force_login(coordinator)
    antwoord = client.post(
        reverse("actieplan:update", args=[actieplan.pk]),
        {
            "titel": "Actieplan MVOI herzien",
            "startjaar": 2024,
            "eindjaar": 2027,
            "versie": f"{actieplan.pk}:{actieplan.versie}",
        },
    )
    assert antwoord.status_code == 302
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.momentopname["actieplan"]["titel"] == "Actieplan MVOI"
    voorbeeld = client.get(reverse("plandocument:document", args=[actieplan.pk])).text
    assert "Actieplan MVOI herzien" in voorbeeld
    assert "Niet vastgesteld: dit is een concept." in voorbeeld
    assert "Vastgesteld is versie 1 van" in voorbeeld
    assert "Vastgesteld door het management" not in voorbeeld
    plan = client.get(reverse("actieplan:detail", args=[actieplan.pk])).text
    assert "Vastgesteld: versie 1" in plan
    assert "Ter goedkeuring aanbieden" in plan


def test_a_frozen_version_cannot_change_through_the_orm(goedgekeurd):
    goedgekeurd.opmerking = "Achteraf anders"
    with pytest.raises(VersieOnveranderlijk):
        goedgekeurd.save()
    with pytest.raises(VersieOnveranderlijk):
        Planversie.objects.filter(pk=goedgekeurd.pk).update(pdf_intern=b"%PDF-vals")
    with pytest.raises(VersieOnveranderlijk):
        goedgekeurd.delete()
    with pytest.raises(VersieOnveranderlijk):
        Planversie.objects.all().delete()
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.opmerking == "Akkoord, mooi plan."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_a_frozen_version_cannot_change_through_sql_on_postgresql(goedgekeurd):
    with (
        pytest.raises(DatabaseError, match="vastgelegd"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE plandocument_planversie SET opmerking = 'x' WHERE id = %s",
            [goedgekeurd.pk],
        )


def test_a_crafted_decision_on_a_frozen_version_changes_nothing(goedgekeurd, actieplan, client):
    antwoord = client.post(
        reverse("plandocument:versie", args=[actieplan.pk, 1]),
        {"besluit": "afwijzen", "opmerking": "Toch niet"},
        follow=True,
    )
    assert "ligt niet meer ter goedkeuring" in antwoord.text
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.status == Planversie.Status.GOEDGEKEURD
    assert goedgekeurd.opmerking == "Akkoord, mooi plan."


def _bytes_vervalsen(versie):
    """What an attacker with database access (or a disk fault) could do: bypass the ORM,
    and on PostgreSQL the trigger too (as a superuser)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE plandocument_planversie SET pdf_intern = %s WHERE id = %s",
            [b"%PDF-1.7 vervalst", versie.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def test_a_download_whose_hash_does_not_match_is_refused_and_logged(
    goedgekeurd, actieplan, client, caplog
):
    _bytes_vervalsen(goedgekeurd)
    with caplog.at_level(logging.ERROR, logger="plandocument.goedkeuring"):
        antwoord = client.get(reverse("plandocument:versie_pdf", args=[actieplan.pk, 1, "intern"]))
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"].startswith("text/html")
    assert b"vervalst" not in antwoord.content
    assert "komt niet meer overeen met de vingerafdruk" in antwoord.text
    assert "Vingerafdruk of handtekening klopt niet: versie 1" in caplog.text
    # The other variant is untouched and still served.
    publicatie = client.get(
        reverse("plandocument:versie_pdf", args=[actieplan.pk, 1, "publicatie"])
    )
    assert publicatie.status_code == 200


def test_a_failed_rendering_keeps_the_plan_locked_and_can_be_retried(
    ingediend, actieplan, client, manager, taken_uitvoeren, monkeypatch
):
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})

    def kapot(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(pdf, "render_to_pdf", kapot)
    taken_uitvoeren()
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.pdf_status == Planversie.Pdf.MISLUKT
    assert actieplan.vergrendeld
    assert (
        "Het vastleggen van de PDF is mislukt"
        in client.get(reverse("plandocument:versie", args=[actieplan.pk, 1])).text
    )

    monkeypatch.undo()
    client.post(reverse("plandocument:versie_opnieuw", args=[actieplan.pk, 1]))
    taken_uitvoeren()
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.vastgelegd
    assert not actieplan.vergrendeld


def test_retrying_is_refused_while_an_attempt_may_still_run(ingediend, actieplan, client, manager):
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    antwoord = client.post(
        reverse("plandocument:versie_opnieuw", args=[actieplan.pk, 1]), follow=True
    )
    assert "wordt al vastgelegd" in antwoord.text
    assert "Opnieuw proberen" not in antwoord.text
    from django_tasks_db.models import DBTaskResult

    vastleggen = DBTaskResult.objects.filter(task_path="plandocument.tasks.versie_vastleggen")
    assert vastleggen.count() == 1


def test_a_stuck_attempt_may_be_retried_after_a_quarter(ingediend, actieplan, client, manager):
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    Planversie.objects.filter(pk=ingediend.pk).update(
        beoordeeld_op=timezone.now() - goedkeuring.VERLOREN_NA - timedelta(minutes=1)
    )
    pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 1])).text
    assert "Dit duurt langer dan een kwartier" in pagina
    client.post(reverse("plandocument:versie_opnieuw", args=[actieplan.pk, 1]))
    from django_tasks_db.models import DBTaskResult

    vastleggen = DBTaskResult.objects.filter(task_path="plandocument.tasks.versie_vastleggen")
    assert vastleggen.count() == 2


def test_management_takes_back_an_approval_that_cannot_be_frozen(
    ingediend, actieplan, client, manager, taken_uitvoeren, monkeypatch
):
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    monkeypatch.setattr(pdf, "render_to_pdf", lambda *a, **k: 1 / 0)
    taken_uitvoeren()
    client.post(reverse("plandocument:versie_terugdraaien", args=[actieplan.pk, 1]))
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.status == Planversie.Status.INGETROKKEN
    assert "Goedkeuring teruggedraaid door" in ingediend.opmerking
    assert actieplan.status == Actieplan.Status.CONCEPT
    # Closed: the withdrawn version with its reason stays as it is.
    with pytest.raises(VersieOnveranderlijk):
        Planversie.objects.filter(pk=ingediend.pk).update(opmerking="")


def test_the_coordinator_cannot_take_back_managements_approval(
    ingediend, actieplan, client, manager, coordinator, taken_uitvoeren, monkeypatch
):
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    monkeypatch.setattr(pdf, "render_to_pdf", lambda *a, **k: 1 / 0)
    taken_uitvoeren()
    client.force_login(coordinator)
    url = reverse("plandocument:versie_terugdraaien", args=[actieplan.pk, 1])
    assert client.post(url).status_code == 403


def test_the_frozen_pdf_shows_what_was_submitted_not_the_work_after_it(
    ingediend, actieplan, client, manager, taken_uitvoeren, maak_aanbesteding
):
    """The calendar goes on under review; the approved PDF prints the document kept at the
    submission, with the approval's cover (ADR 0005)."""
    maak_aanbesteding("NA-1", naam="Na het indienen", startjaar=2026, startkwartaal=3)
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    maak_aanbesteding("NA-2", naam="Tijdens het vastleggen", startjaar=2026, startkwartaal=4)
    taken_uitvoeren()
    ingediend.refresh_from_db()
    assert ingediend.vastgelegd
    tekst = pdf_tekst(bytes(ingediend.pdf_intern))
    assert "Vastgesteld door het management" in tekst
    assert "Na het indienen" not in tekst
    assert "Tijdens het vastleggen" not in tekst
    # While the concept shows the tenders the team added meanwhile.
    concept = client.get(reverse("plandocument:document", args=[actieplan.pk])).text
    assert "Na het indienen" in concept and "Tijdens het vastleggen" in concept


def test_freezing_refuses_a_kept_document_that_was_altered(
    ingediend, actieplan, client, manager, taken_uitvoeren
):
    """Past the ORM (plain SQL): the kept document no longer matches its hash, so the PDF
    would show something else than was submitted; nothing is frozen."""
    client.force_login(manager)
    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    romp = {**ingediend.romp, "intern": ingediend.romp["intern"] + "<p>Erbij gezet</p>"}
    Planversie.objects.filter(pk=ingediend.pk).update(romp=romp)
    taken_uitvoeren()
    ingediend.refresh_from_db()
    assert not ingediend.vastgelegd
    assert ingediend.pdf_status == Planversie.Pdf.MISLUKT
    assert "beschadigd" in ingediend.pdf_fout


def test_the_status_fragment_says_when_it_is_done(goedgekeurd, actieplan, client):
    fragment = client.get(reverse("plandocument:versie_status", args=[actieplan.pk, 1])).text
    assert "data-ververs" not in fragment
    assert "PDF van versie 1 (intern)" in fragment


# --- The change summary between two versions --------------------------------------------


def test_the_change_summary_names_what_changed_per_step(actieplan, maak_aanbesteding):
    klimaat = Thema.objects.get(slug="klimaat")
    ActieplanThema.objects.update_or_create(
        actieplan=actieplan, thema=klimaat, defaults={"huidig_niveau_id": 2, "ambitie_niveau_id": 3}
    )
    maak_aanbesteding("A-1", naam="Groene stroom", startjaar=2025, startkwartaal=1)
    maak_aanbesteding("A-2", naam="Schoonmaak", startjaar=2025, startkwartaal=2)
    maak_aanbesteding("A-3", naam="Catering", startjaar=2025, startkwartaal=3)
    oud = document.momentopname(actieplan=actieplan)

    ActieplanThema.objects.filter(actieplan=actieplan, thema=klimaat).update(
        ambitie_niveau_id=4, focus=True, onderbouwing="Klimaatakkoord."
    )
    MeetbaarDoel.objects.create(
        actieplan=actieplan,
        soort=Doelsoort.objects.get(code="kansrijke-aanbestedingen-met-thema"),
        jaar=2026,
        streefwaarde=60,
    )
    Aanbesteding.objects.filter(kenmerk="A-1").update(startjaar=2026, startkwartaal=2)
    Aanbesteding.objects.filter(kenmerk="A-2").update(status="vervallen")
    Aanbesteding.objects.filter(kenmerk="A-3").delete()
    maak_aanbesteding("A-4", naam="Wagenpark", startjaar=2026, startkwartaal=4)
    nieuw = document.momentopname(actieplan=actieplan)

    per_stap = {
        (stap.slug if stap else None): zinnen for stap, zinnen in document.wijzigingen(oud, nieuw)
    }
    assert set(per_stap) == {"themas", "ambities-doelen", "aanbestedingskalender"}
    assert "Klimaat is nu een focusthema." in per_stap["themas"]
    assert "Klimaat: ambitie 3. Verbreding → 4. Borging." in per_stap["themas"]
    assert any(z.startswith("Nieuw doel: ") and "60%" in z for z in per_stap["ambities-doelen"])
    kalender = per_stap["aanbestedingskalender"]
    assert "Verplaatst: A-1 Groene stroom, van Q1 2025 naar Q2 2026." in kalender
    assert "Vervallen: A-2 Schoonmaak." in kalender
    assert "Uit de kalender gehaald: A-3 Catering." in kalender
    assert "Nieuwe aanbesteding: A-4 Wagenpark (Q4 2026)." in kalender
    assert document.wijzigingen(nieuw, nieuw) == []


def test_the_version_page_shows_the_summary_against_the_last_approved(
    goedgekeurd, actieplan, client, coordinator, maak_aanbesteding
):
    maak_aanbesteding("N-1", naam="Nieuwe tender", startjaar=2026, startkwartaal=1)
    client.force_login(coordinator)
    vooraf = client.get(reverse("plandocument:indienen", args=[actieplan.pk])).text
    assert "Gewijzigd sinds de vastgestelde versie 1" in vooraf
    assert "Nieuwe aanbesteding: N-1 Nieuwe tender (Q1 2026)." in vooraf
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 2])).text
    assert "Gewijzigd sinds de vastgestelde versie 1" in pagina
    assert "Nieuwe aanbesteding: N-1 Nieuwe tender (Q1 2026)." in pagina
    lijst = client.get(reverse("plandocument:versies", args=[actieplan.pk])).text
    assert "Versie 2" in lijst and "Versie 1" in lijst


def test_the_version_page_reads_the_kept_comparison_not_the_snapshots(
    goedgekeurd, actieplan, client, coordinator, maak_aanbesteding
):
    """Issue 26: the comparison with the adopted version is made once, at the submission,
    and kept; the version page, the list and the plan page never decode a snapshot (2.9 MB
    each at 3,000 tenders). A version without a kept comparison (submitted before they
    were kept, or restored) gets one on its first visit."""
    maak_aanbesteding("N-1", naam="Nieuwe tender", startjaar=2026, startkwartaal=1)
    client.force_login(coordinator)
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    tweede = Planversie.objects.get(actieplan=actieplan, nummer=2)
    bewaard = Versievergelijking.objects.get(oud=goedgekeurd, nieuw=tweede)
    assert ["aanbestedingskalender", ["Nieuwe aanbesteding: N-1 Nieuwe tender (Q1 2026)."]] in (
        bewaard.zinnen
    )
    for url in (
        reverse("plandocument:versie", args=[actieplan.pk, 2]),
        reverse("plandocument:versies", args=[actieplan.pk]),
        reverse("actieplan:detail", args=[actieplan.pk]),
        reverse("plandocument:versie_status", args=[actieplan.pk, 2]),
    ):
        with CaptureQueriesContext(connection) as queries:
            pagina = client.get(url)
        assert pagina.status_code == 200, url
        gelezen = [q["sql"] for q in queries if '"momentopname"' in q["sql"]]
        assert gelezen == [], url
    assert (
        "Nieuwe aanbesteding: N-1 Nieuwe tender (Q1 2026)."
        in client.get(reverse("plandocument:versie", args=[actieplan.pk, 2])).text
    )

    Versievergelijking.objects.all().delete()
    pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 2])).text
    assert "Nieuwe aanbesteding: N-1 Nieuwe tender (Q1 2026)." in pagina
    assert Versievergelijking.objects.filter(oud=goedgekeurd, nieuw=tweede).exists()


def test_the_summary_survives_partial_snapshots_and_names_unnamed_changes(
    actieplan, maak_aanbesteding
):
    nu = document.momentopname(actieplan=actieplan)
    # An older snapshot without the plan's header or some steps; a newer one missing a step.
    assert document.wijzigingen({"stappen": {}}, nu) is not None
    zonder_stap = {**nu, "stappen": {k: v for k, v in nu["stappen"].items() if k != "borging"}}
    document.wijzigingen(nu, zonder_stap)
    document.wijzigingen(zonder_stap, nu)
    # A change no step's own sentences name is still reported.
    ander = json.loads(json.dumps(nu))
    ander["stappen"]["evaluatie"]["evaluaties_na_gunning"] = [
        {"aanbesteding": "X", "effecten": [{"lessen": "a"}]}
    ]
    gewijzigd = json.loads(json.dumps(ander))
    gewijzigd["stappen"]["evaluatie"]["evaluaties_na_gunning"][0]["effecten"][0]["lessen"] = "b"
    assert document.wijzigingen(ander, gewijzigd) == [
        (STAPPEN_OP_SLUG["evaluatie"], ["Overige wijzigingen in deze stap."])
    ]


def test_an_action_whose_budget_changed_is_reported(actieplan):
    from jaarplanning.models import Actie, Actorgroep

    actie = Actie.objects.create(
        actieplan=actieplan,
        jaar=2025,
        titel="Training",
        actorgroep=Actorgroep.objects.filter(organisatie=actieplan.organisatie).first(),
        startjaar=2025,
        startkwartaal=1,
        eindjaar=2025,
        eindkwartaal=2,
        extra_budget=100,
    )
    oud = document.momentopname(actieplan=actieplan)
    Actie.objects.filter(pk=actie.pk).update(extra_budget=900)
    per_stap = dict(document.wijzigingen(oud, document.momentopname(actieplan=actieplan)))
    assert per_stap[STAPPEN_OP_SLUG["jaarplanning"]] == [
        "1 andere actie(s) bijgewerkt (planning, budget, uren of gegevens)."
    ]


def test_an_approval_that_fails_half_way_changes_nothing(
    ingediend, actieplan, manager, monkeypatch
):
    """Approving is one transaction: if the task cannot be queued after the version was
    marked approved, the version and the plan stay as they were."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    def kapot(self, *args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(DatabaseBackend, "enqueue", kapot)
    with pytest.raises(RuntimeError):
        goedkeuring.goedkeuren(versie=ingediend, door=manager)
    ingediend.refresh_from_db()
    actieplan.refresh_from_db()
    assert ingediend.status == Planversie.Status.TER_GOEDKEURING
    assert ingediend.beoordeeld_door is None
    assert actieplan.status == Actieplan.Status.TER_GOEDKEURING
    assert not DBTaskResult.objects.exists()


def test_the_platform_admin_cannot_change_the_strategy_under_review(ingediend, actieplan, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:actieplan_actieplan_change", args=[actieplan.pk])
    pagina = BeautifulSoup(client.get(url).text, "html.parser")
    assert pagina.select_one("input[name=titel]") is None
    client.post(url, {"titel": "Via het beheer", "startjaar": 2020, "eindjaar": 2021})
    actieplan.refresh_from_db()
    assert actieplan.titel != "Via het beheer"


@pytest.mark.parametrize("status", ["ter_goedkeuring", "vastleggen"])
def test_every_write_of_the_strategy_waits_whichever_path_it_takes(
    actieplan, lid, organisatie, status
):
    """The rule in the services (not only the pages): steps 1–3 and the plan's title
    refuse under review, also an evaluation's decision applied to them."""
    from actieplan import services as plan_services
    from evaluatie import services as evaluatie_services
    from evaluatie.models import Besluit
    from themes.models import Ambitieniveau

    klimaat = Thema.objects.get(slug="klimaat")
    besluit = Besluit.objects.create(
        actieplan=actieplan,
        jaar=2025,
        soort=Besluit.Soort.AMBITIE,
        thema=klimaat,
        ambitieniveau=Ambitieniveau.objects.get(nummer=4),
        toelichting="Hoger",
        vastgelegd_door=lid("coordinator"),
    )
    Actieplan.objects.filter(pk=actieplan.pk).update(status=status)
    pogingen = [
        lambda: plan_services.actieplan_wijzigen(
            actieplan=actieplan, titel="Anders", startjaar=2024, eindjaar=2027
        ),
        lambda: plan_services.herziening_afronden(actieplan=actieplan),
        lambda: plan_services.nulmeting_vaststellen(
            actieplan=actieplan, thema=klimaat, huidig_niveau=None, nulmeting_samenvatting=""
        ),
        lambda: plan_services.themakeuze_opslaan(actieplan=actieplan, keuzes={}),
        lambda: plan_services.ambities_opslaan(actieplan=actieplan, ambities={}),
        lambda: plan_services.meetbare_doelen_opslaan(actieplan=actieplan, doelen=[]),
        lambda: plan_services.tekstdoelen_opslaan(actieplan=actieplan, doelen=[]),
        lambda: evaluatie_services.besluit_toepassen(besluit=besluit, door=besluit.vastgelegd_door),
    ]
    for poging in pogingen:
        with pytest.raises(ValidationError, match="wachten op het besluit"):
            poging()
    besluit.refresh_from_db()
    assert besluit.toegepast_op is None
    assert Actieplan.objects.get(pk=actieplan.pk).titel != "Anders"


def test_management_reads_and_freezes_what_was_submitted(
    actieplan, coordinator, manager, client, taken_uitvoeren, maak_aanbesteding
):
    """A tender renamed after the submission: the version's document and its frozen PDF
    keep the submitted name, the plan as it is now shows the new one."""
    aanbesteding = maak_aanbesteding("VOOR-1", naam="Zoals ingediend", startjaar=2026)
    client.force_login(coordinator)
    client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    Aanbesteding.objects.filter(pk=aanbesteding.pk).update(naam="Daarna hernoemd")

    client.force_login(manager)
    versie_pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 1])).text
    assert "Document van versie 1 lezen" in versie_pagina
    ingediend = client.get(reverse("plandocument:versie_document", args=[actieplan.pk, 1])).text
    assert "Zoals ingediend" in ingediend and "Daarna hernoemd" not in ingediend
    assert "zoals zij ter goedkeuring werd aangeboden" in ingediend
    nu = client.get(reverse("plandocument:document", args=[actieplan.pk])).text
    assert "Daarna hernoemd" in nu and "Zoals ingediend" not in nu

    client.post(reverse("plandocument:versie", args=[actieplan.pk, 1]), {"besluit": "goedkeuren"})
    taken_uitvoeren()
    versie = Planversie.objects.get(actieplan=actieplan)
    tekst = pdf_tekst(bytes(versie.pdf_intern))
    assert "Zoals ingediend" in tekst
    assert "Daarna hernoemd" not in tekst


def test_after_approval_the_plan_page_leads_to_what_changed_since(
    goedgekeurd, actieplan, client, lid, maak_aanbesteding
):
    """Everyone who reads the plan sees the team's work since the adopted version."""
    maak_aanbesteding("NA-9", naam="Na de goedkeuring", startjaar=2026, startkwartaal=2)
    client.force_login(lid("management"))
    plan = BeautifulSoup(
        client.get(reverse("actieplan:detail", args=[actieplan.pk])).text, "html.parser"
    )
    link = plan.find("a", string="Wat veranderde sinds versie 1")
    assert link["href"] == reverse("plandocument:sinds_vastgesteld", args=[actieplan.pk])
    pagina = client.get(link["href"]).text
    assert "Gewijzigd sinds de vastgestelde versie 1" in pagina
    assert "Nieuwe aanbesteding: NA-9 Na de goedkeuring" in pagina


def test_management_prints_the_version_as_submitted_not_the_work_since(
    ingediend, actieplan, client, manager, maak_aanbesteding, taken_uitvoeren
):
    """Before deciding, a manager reads on paper: the PDF of the version is made from its
    kept document, so a tender the team added after the submission is not in it (the
    concept PDF of the plan as it is now does show it)."""
    maak_aanbesteding("NA-1", naam="Na het indienen toegevoegd", startjaar=actieplan.lopend_jaar)
    client.force_login(manager)
    pagina = client.get(reverse("plandocument:versie", args=[actieplan.pk, 1])).text
    assert "PDF van versie 1 maken, om op papier te lezen" in pagina

    def pdf_van(gegevens) -> str:
        antwoord = client.post(reverse("plandocument:document_pdf", args=[actieplan.pk]), gegevens)
        assert antwoord.status_code == 302
        status = client.get(antwoord["Location"]).text
        assert ("PDF van versie 1 zoals ingediend" in status) == ("versie" in gegevens)
        taken_uitvoeren()
        from plandocument.models import Documentopdracht

        nieuwste = Documentopdracht.objects.filter(aangevraagd_door=manager).latest("pk")
        return pdf_tekst(bytes(nieuwste.pdf))

    ingediend_tekst = pdf_van({"variant": "intern", "versie": "1"})
    assert "versie 1 zoals zij ter goedkeuring werd aangeboden" in ingediend_tekst
    assert "Na het indienen toegevoegd" not in ingediend_tekst
    assert "Na het indienen toegevoegd" in pdf_van({"variant": "intern"})
    # Another plan's version, or one that does not exist: not found.
    antwoord = client.post(
        reverse("plandocument:document_pdf", args=[actieplan.pk]),
        {"variant": "intern", "versie": "7"},
    )
    assert antwoord.status_code == 404


def test_the_snapshot_keeps_its_form_when_read_as_plain_rows(
    actieplan, maak_aanbesteding, themas, adviseur
):
    """Issue 26 reads the calendar and the evaluations for a snapshot as plain rows (three
    queries, not an instance per row). A version submitted before is compared with a new
    snapshot by its hash when it is frozen, so every value keeps the form it had: text
    for decimals and dates, keys for linked rows, the themes in their order, the moves in
    theirs."""
    import datetime
    from decimal import Decimal

    from aanbestedingskalender.models import Verplaatsing
    from evaluatie.models import TenderEvaluatie, ThemaEffect

    tender = maak_aanbesteding(
        "V-1",
        naam="Volledig",
        omschrijving="Regel 1\nRegel 2",
        afdeling="Facilitair",
        geraamde_waarde=Decimal("125000.50"),
        contract_start=datetime.date(2026, 1, 1),
        contract_eind=datetime.date(2029, 12, 31),
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("12.5"),
        kansrijk=True,
        status="gegund",
        toepassingen={
            "milieu": {"toegepast": False, "uitleg": "Geen markt."},
            "klimaat": {"toegepast": True, "vorm": "gunningscriterium"},
        },
    )
    Verplaatsing.objects.create(
        aanbesteding=tender,
        van_jaar=2025,
        van_kwartaal=1,
        naar_jaar=2025,
        naar_kwartaal=2,
        reden="Markt",
        door=adviseur,
    )
    evaluatie = TenderEvaluatie.objects.create(aanbesteding=tender)
    ThemaEffect.objects.create(
        evaluatie=evaluatie,
        thema=themas["klimaat"],
        gewerkt="ja",
        co2_vermeden_ton=Decimal("1.25"),
        overig_waarde=Decimal("3"),
        overig_eenheid="banen",
    )
    stappen = document.momentopname(actieplan=actieplan)["stappen"]
    [rij] = stappen["aanbestedingskalender"]["aanbestedingen"]
    assert rij == {
        "kenmerk": "V-1",
        "naam": "Volledig",
        "omschrijving": "Regel 1\nRegel 2",
        "afdeling": "Facilitair",
        "geraamde_waarde": "125000.50",
        "procedure": "europees_openbaar",
        "soort": "diensten",
        "startjaar": 2025,
        "startkwartaal": 2,
        "contract_start": "2026-01-01",
        "contract_eind": "2029-12-31",
        "kansrijk": True,
        "status": "gegund",
        "sroi_percentage": "5.00",
        "co2_reductie_ton": "12.50",
        "productgroep_id": tender.productgroep_id,
        "eigenaar": adviseur.email,
        "toepassingen": [
            {
                "toegepast": toepassing.toegepast,
                "vorm": toepassing.vorm,
                "criteria_niveau": toepassing.criteria_niveau,
                "uitleg": toepassing.uitleg,
                "thema": toepassing.thema.slug,
            }
            for toepassing in tender.toepassingen.order_by("thema__volgorde")
        ],
        "verplaatsingen": [
            {
                "van_jaar": 2025,
                "van_kwartaal": 1,
                "naar_jaar": 2025,
                "naar_kwartaal": 2,
                "reden": "Markt",
            }
        ],
    }
    assert [t["thema"] for t in rij["toepassingen"]] == ["milieu", "klimaat"]  # their order
    assert stappen["evaluatie"]["evaluaties_na_gunning"] == [
        {
            "aanbesteding": "V-1",
            "effecten": [
                {
                    "markt": "",
                    "gewerkt": "ja",
                    "lessen": "",
                    "co2_vermeden_ton": "1.25",
                    "sroi_euro": None,
                    "sroi_percentage": None,
                    "circulair_percentage": None,
                    "overig_waarde": "3.00",
                    "overig_eenheid": "banen",
                    "thema": "klimaat",
                }
            ],
        }
    ]
