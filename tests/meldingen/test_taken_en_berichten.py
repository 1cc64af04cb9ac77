"""Everyone is told what is theirs to do (issue 22, part 3): "Mijn taken" on the start page
per role, computed from the data in a constant number of queries; e-mail for the events
that need action, stored with the event and sent by the worker, each kind to be turned
off; a mail server that is down loses nothing and blocks no request; one reminder a day."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbestedingskalender.models import Kwartaaloverleg
from actieplan import services as plan_services
from actieplan.herinneringen import herinneringen_maken
from basis.kwartalen import Kwartaal
from evaluatie import services as evaluatie_services
from meldingen.models import Bericht, Soort, Uitgezet
from meldingen.verzenden import openstaande_versturen
from plandocument import goedkeuring
from plandocument.models import Planversie
from themes.models import Ambitieniveau, Doelsoort, Thema


class MailserverPlat:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, berichten):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def taken_van(client) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(reverse("actieplan:start")).text, "html.parser")
    sectie = soup.find("section", attrs={"aria-labelledby": "mijn-taken"})
    return [" ".join(li.text.split()) for li in sectie.find_all("li")]


@pytest.fixture
def team(lid):
    return {
        rol: lid(rol) for rol in ("coordinator", "management", "mvoi_teamlid", "inkoopadviseur")
    }


def test_management_is_told_of_a_version_to_decide_and_the_coordinator_of_the_decision(
    client, actieplan, team, lid, taken_uitvoeren, settings
):
    settings.MVOI_ADRES = "https://actieplan.voorbeeld.nl"
    tweede_manager = lid("management")
    client.force_login(team["coordinator"])
    antwoord = client.post(
        reverse("plandocument:indienen", args=[actieplan.pk]), {"toelichting": "Graag."}
    )
    assert antwoord.status_code == 302
    versie = Planversie.objects.get()
    # Stored with the submission; nobody has mail before the worker runs.
    assert Bericht.objects.filter(soort=Soort.TER_GOEDKEURING).count() == 2
    assert mail.outbox == []
    assert taken_uitvoeren() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [team["management"].email, tweede_manager.email]
    )
    bericht = mail.outbox[0]
    assert bericht.subject == f"Versie 1 van {actieplan.titel} wacht op uw besluit"
    link = "https://actieplan.voorbeeld.nl" + reverse("plandocument:versie", args=[actieplan.pk, 1])
    assert link in bericht.body and "Graag." in bericht.body
    assert "https://actieplan.voorbeeld.nl/account/meldingen/" in bericht.body

    client.force_login(team["management"])
    assert taken_van(client) == [
        f"Versie 1 van {actieplan.titel} wacht op uw besluit (ingediend door "
        f"{team['coordinator']})."
    ]
    mail.outbox.clear()
    goedkeuring.afwijzen(versie=versie, door=team["management"], opmerking="Doelen te vaag.")
    taken_uitvoeren()
    assert [m.to[0] for m in mail.outbox] == [team["coordinator"].email]
    assert "Doelen te vaag." in mail.outbox[0].body
    client.force_login(team["coordinator"])
    assert f"Versie 1 van {actieplan.titel} is afgewezen: Doelen te vaag." in taken_van(client)
    client.force_login(team["management"])
    assert taken_van(client) == []


def test_each_role_sees_its_own_tasks_and_they_go_when_done(
    client, actieplan, team, maak_aanbesteding, themas
):
    adviseur = team["inkoopadviseur"]
    # The advisor's own awarded kansrijke tender with a theme applied, not evaluated.
    tender = maak_aanbesteding(
        "A-1",
        status="gegund",
        eigenaar=adviseur,
        toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
    )
    client.force_login(adviseur)
    taken = taken_van(client)
    assert f"Vul de nulmeting in voor {actieplan.titel} (0 van 6 thema's klaar)." in taken
    assert f"Evalueer {tender.naam} (gegund, {actieplan.titel})." in taken
    niveau = Ambitieniveau.objects.get(nummer=2)
    for thema in Thema.objects.all():
        plan_services.nulmeting_antwoord_opslaan(
            actieplan=actieplan, user=adviseur, thema=thema, niveau=niveau, onderbouwing="Zo."
        )
    evaluatie_services.tender_evaluatie_opslaan(
        aanbesteding=tender, effecten={themas["klimaat"]: {"gewerkt": "ja"}}, door=adviseur
    )
    assert taken_van(client) == []

    nu = Kwartaal.van_datum(datetime.date.today())
    client.force_login(team["mvoi_teamlid"])
    assert taken_van(client) == [
        f"Het kwartaaloverleg {nu} van {actieplan.titel} is nog niet vastgelegd."
    ]
    Kwartaaloverleg.objects.create(
        actieplan=actieplan, jaar=nu.jaar, kwartaal=nu.kwartaal, datum=datetime.date.today()
    )
    assert taken_van(client) == []

    evaluatie_services.besluit_vastleggen(
        actieplan=actieplan,
        jaar=2025,
        door=team["mvoi_teamlid"],
        soort="ambitie",
        thema=themas["klimaat"],
        ambitieniveau=Ambitieniveau.objects.get(nummer=4),
        toelichting="Kan hoger.",
    )
    plan_services.herziening_markeren(actieplan=actieplan, jaar=2026)
    client.force_login(team["coordinator"])
    taken = taken_van(client)
    assert (
        f"Loop stap 1 tot en met 3 na voor 2026 in {actieplan.titel} (de jaarlijkse herziening)."
        in taken
    )
    assert any(t.startswith("Pas het besluit uit de evaluatie 2025 toe: Klimaat") for t in taken)
    # Each task links to the page where it is done.
    html = client.get(reverse("actieplan:start")).text
    assert reverse("actieplan:detail", args=[actieplan.pk]) in html


def test_the_start_page_asks_a_constant_number_of_queries(
    client, actieplan, team, maak_aanbesteding, organisatie
):
    """One plan with one task of each kind, then more plans, versions and awarded tenders:
    the same number of queries."""

    def tellen() -> int:
        with CaptureQueriesContext(connection) as vragen:
            assert client.get(reverse("actieplan:start")).status_code == 200
        return len(vragen)

    beheerder = team["coordinator"]
    # One person with every role sees every source.
    from organisaties.models import Lidmaatschap, Rol

    Lidmaatschap.objects.get(user=beheerder, organisatie=organisatie).rollen.set(Rol.objects.all())
    client.force_login(beheerder)
    maak_aanbesteding(
        "A-0",
        status="gegund",
        eigenaar=beheerder,
        toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
    )
    weinig = tellen()
    for i in range(1, 12):
        maak_aanbesteding(
            f"A-{i}",
            status="gegund",
            eigenaar=beheerder,
            toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
        )
    for n in range(3):
        plan = plan_services.actieplan_aanmaken(
            organisatie=organisatie, titel=f"Plan {n}", startjaar=2024, eindjaar=2027
        )
        goedkeuring.indienen(actieplan=plan, door=team["coordinator"])
    assert tellen() == weinig


def test_a_kind_turned_off_sends_no_mail_but_stays_on_the_list(
    client, actieplan, team, taken_uitvoeren
):
    client.force_login(team["management"])
    pagina = client.get(reverse("meldingen:instellingen"))
    assert pagina.status_code == 200
    alle = list(Soort.values)
    assert all(f'value="{s}"' in pagina.text for s in alle)
    antwoord = client.post(
        reverse("meldingen:instellingen"),
        {"aan": [s for s in alle if s != Soort.TER_GOEDKEURING]},
        follow=True,
    )
    assert "Uw instellingen voor e-mail zijn opgeslagen." in antwoord.text
    assert list(Uitgezet.objects.values_list("soort", flat=True)) == [Soort.TER_GOEDKEURING]
    goedkeuring.indienen(actieplan=actieplan, door=team["coordinator"])
    taken_uitvoeren()
    assert mail.outbox == []
    assert len(taken_van(client)) == 1
    # Turned on again.
    client.post(reverse("meldingen:instellingen"), {"aan": alle})
    assert not Uitgezet.objects.exists()


def test_a_mail_server_that_is_down_blocks_nothing_and_loses_nothing(
    client, actieplan, team, taken_uitvoeren, settings
):
    settings.EMAIL_BACKEND = "tests.meldingen.test_taken_en_berichten.MailserverPlat"
    client.force_login(team["coordinator"])
    antwoord = client.post(reverse("plandocument:indienen", args=[actieplan.pk]), {})
    assert antwoord.status_code == 302  # the submission is done, mail or not
    assert Planversie.objects.count() == 1
    assert taken_uitvoeren() == 1
    bericht = Bericht.objects.get()
    assert bericht.verzonden_op is None
    assert bericht.pogingen == 1
    assert "SMTPServerDisconnected" in bericht.fout
    # Back in the queue, for later: the worker does not take it now.
    assert taken_uitvoeren() == 0
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    # The server is back; the daily run tries what is still unsent.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert openstaande_versturen(ouder_dan=datetime.timedelta(0)) == 1
    assert [m.to[0] for m in mail.outbox] == [team["management"].email]
    bericht.refresh_from_db()
    assert bericht.verzonden_op is not None and bericht.fout == ""


def test_the_daily_reminder_comes_once_a_day_with_only_the_kinds_wanted(
    actieplan, team, maak_aanbesteding, taken_uitvoeren, adviseur
):
    maak_aanbesteding(
        "A-1",
        status="gegund",
        eigenaar=team["inkoopadviseur"],
        toepassingen={"klimaat": {"toegepast": True, "vorm": "minimumeis"}},
    )
    Uitgezet.objects.create(user=team["inkoopadviseur"], soort=Soort.NULMETING)
    Uitgezet.objects.create(user=team["management"], soort=Soort.HERINNERING)
    herinneringen_maken()
    ontvangers = set(
        Bericht.objects.filter(soort=Soort.HERINNERING).values_list("ontvanger", flat=True)
    )
    # The coördinator and the manager have nothing open (management turned it off anyway);
    # one advisor has an evaluation, the other the nulmeting; the team member the meeting.
    assert ontvangers == {team["inkoopadviseur"].pk, adviseur.pk, team["mvoi_teamlid"].pk}
    assert "Vul de nulmeting in" in Bericht.objects.get(ontvanger=adviseur).tekst
    adviseur = team["inkoopadviseur"]
    tekst = Bericht.objects.get(ontvanger=adviseur).tekst
    assert "Evalueer Aanbesteding A-1" in tekst
    assert "nulmeting" not in tekst  # that kind is off
    assert actieplan.organisatie.naam in tekst
    # Again the same day: nothing more.
    assert herinneringen_maken() == 0
    call_command("herinneringen_versturen", stdout=io.StringIO())
    assert Bericht.objects.filter(soort=Soort.HERINNERING).count() == 3
    taken_uitvoeren()
    assert len(mail.outbox) == 3


def test_the_coordinator_asks_the_advisors_for_the_nulmeting(
    client, actieplan, team, lid, taken_uitvoeren
):
    klaar = lid("inkoopadviseur")
    niveau = Ambitieniveau.objects.get(nummer=1)
    for thema in Thema.objects.all():
        plan_services.nulmeting_antwoord_opslaan(
            actieplan=actieplan, user=klaar, thema=thema, niveau=niveau, onderbouwing="Zo."
        )
    client.force_login(team["coordinator"])
    stap = reverse("actieplan:stap", args=[actieplan.pk, "nulmeting"])
    assert "Inkoopadviseurs vragen de nulmeting in te vullen" in client.get(stap).text
    antwoord = client.post(reverse("actieplan:nulmeting_vragen", args=[actieplan.pk]), follow=True)
    assert "1 inkoopadviseur is gevraagd de nulmeting in te vullen." in antwoord.text
    taken_uitvoeren()
    assert [m.to[0] for m in mail.outbox] == [team["inkoopadviseur"].email]
    assert reverse("actieplan:nulmeting_mijn", args=[actieplan.pk]) in mail.outbox[0].body
    assert Doelsoort.objects.exists()  # reference data present (the plan's goals need it)
