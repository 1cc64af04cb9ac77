"""The plan's history page: who changed what, when, from what to what, over every step's
models (the register's `geschiedenis_modellen`), filtered by step and person, in a
number of queries that does not grow with the history."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actieplan import services
from actieplan.models import Actieplan, MeetbaarDoel
from tests.organisaties.test_views import form_data
from themes.models import Doelsoort

TOEGEPAST = {"toegepast": True, "vorm": "gunningscriterium"}
MINUUT = datetime.timedelta(minutes=1)


def url(actieplan, **filters):
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return reverse("actieplan:geschiedenis", args=[actieplan.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def ilse(lid):
    user = lid("inkoopadviseur")
    user.first_name, user.last_name = "Ilse", "Inkoop"
    user.save()
    return user


def antwoord_geven(actieplan, user, niveau: str, onderbouwing: str):
    client = Client()
    client.force_login(user)
    pagina_url = reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "klimaat"])
    data = form_data(client.get(pagina_url).text)
    data.update(niveau=[niveau], onderbouwing=[onderbouwing])
    data["overzicht"] = ["1"]
    assert client.post(pagina_url, data).status_code == 302


def doelen(actieplan, *streefwaarden):
    soort = Doelsoort.objects.get(code="kansrijke-aanbestedingen-met-thema")
    services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {"soort": soort, "jaar": 2025 + i, "streefwaarde": Decimal(w), "drempel": None}
            for i, w in enumerate(streefwaarden)
        ],
    )


def test_an_advisors_changed_answer_shows_who_and_from_what_to_what(
    client_als, actieplan, ilse, themas
):
    antwoord_geven(actieplan, ilse, "2", "Eerste inschatting")
    antwoord_geven(actieplan, ilse, "3", "Na de werksessie")
    pagina = client_als("mvoi_teamlid").get(url(actieplan)).text
    assert "Ilse Inkoop" in pagina
    assert "antwoord in de nulmeting: Ilse Inkoop, Klimaat" in pagina
    assert "<del>2. Pilots</del> → <ins>3. Verbreding</ins>" in pagina
    assert "<del>Eerste inschatting</del> → <ins>Na de werksessie</ins>" in pagina


def test_a_goal_changed_in_place_is_one_change_not_a_delete_and_an_add(
    client_als, actieplan, themas
):
    doelen(actieplan, "60", "70")
    eerste = list(MeetbaarDoel.objects.order_by("jaar").values_list("pk", flat=True))
    doelen(actieplan, "60", "75")
    assert list(MeetbaarDoel.objects.order_by("jaar").values_list("pk", flat=True)) == eerste
    pagina = client_als("coordinator").get(url(actieplan, stap="ambities-doelen")).text
    assert "<del>70</del> → <ins>75</ins>" in pagina  # numbers the Dutch way, not "70.00"
    assert "Verwijderd" not in pagina


def test_filters_by_step_and_person(client_als, actieplan, ilse, themas):
    antwoord_geven(actieplan, ilse, "2", "Eerste inschatting")
    doelen(actieplan, "60")
    team = client_als("management")
    assert "Eerste inschatting" in team.get(url(actieplan, stap="nulmeting")).text
    assert "Eerste inschatting" not in team.get(url(actieplan, stap="ambities-doelen")).text
    alleen_ilse = team.get(url(actieplan, persoon=ilse.pk)).text
    assert "Eerste inschatting" in alleen_ilse
    assert "meetbaar doel" not in alleen_ilse  # saved by the service, not by Ilse


def test_advisors_and_beheerders_do_not_read_the_history(client_als, actieplan):
    """It holds every advisor's answers, which only the team reads side by side."""
    assert client_als("inkoopadviseur").get(url(actieplan)).status_code == 403
    assert client_als("beheerder").get(url(actieplan)).status_code == 403


def test_the_history_costs_the_same_queries_with_more_changes(
    client_als, actieplan, ilse, themas, maak_aanbesteding
):
    antwoord_geven(actieplan, ilse, "2", "a")
    doelen(actieplan, "60")
    maak_aanbesteding("A-1", toepassingen={"klimaat": TOEGEPAST})
    team = client_als("mvoi_teamlid")
    with CaptureQueriesContext(connection) as weinig:
        team.get(url(actieplan))
    for i in range(15):
        antwoord_geven(actieplan, ilse, str(i % 5 + 1), f"versie {i}")
        doelen(actieplan, str(60 + i), str(61 + i))
        maak_aanbesteding(f"A-{i + 2}", toepassingen={"milieu": TOEGEPAST})
    with CaptureQueriesContext(connection) as veel:
        pagina = team.get(url(actieplan))
    assert "versie 14" in pagina.text

    def historisch(context) -> int:
        return sum("historical" in q["sql"] for q in context.captured_queries)

    # The history's own queries are the same; the rest of the page (the step indicator)
    # may ask one or two more once a step has data to look at, never one per row.
    assert historisch(veel) == historisch(weinig) > 0
    assert len(veel) - len(weinig) <= 2


def test_evaluated_tenders_cost_no_query_per_row_in_the_history(
    client_als, actieplan, themas, maak_aanbesteding
):
    """Issue 26: a theme's effect is named after its evaluation's tender; that name was read
    with a query per evaluation shown."""
    from evaluatie.models import TenderEvaluatie, ThemaEffect

    def evalueren(kenmerk: str) -> None:
        tender = maak_aanbesteding(kenmerk, naam=f"Tender {kenmerk}", status="gegund")
        evaluatie = TenderEvaluatie.objects.create(aanbesteding=tender)
        ThemaEffect.objects.create(evaluatie=evaluatie, thema=themas["klimaat"], gewerkt="ja")

    evalueren("E-0")
    team = client_als("mvoi_teamlid")
    pagina_url = url(actieplan, stap="evaluatie")
    with CaptureQueriesContext(connection) as weinig:
        team.get(pagina_url)
    for i in range(1, 16):
        evalueren(f"E-{i}")
    with CaptureQueriesContext(connection) as veel:
        pagina = team.get(pagina_url).text
    assert "Tender E-15" in pagina
    assert len(veel) == len(weinig)


def test_a_deleted_tenders_theme_rows_stay_in_the_history_and_others_do_not_show(
    client_als, actieplan, ander_actieplan, themas, maak_aanbesteding
):
    from aanbestedingskalender import services as kalender_services
    from aanbestedingskalender.models import Aanbesteding, ThemaToepassing

    tender = maak_aanbesteding("W-1", naam="Wagenpark", toepassingen={"klimaat": TOEGEPAST})
    Aanbesteding.objects.create(
        actieplan=ander_actieplan,
        kenmerk="V-1",
        naam="Vreemde tender",
        procedure="anders",
        soort="werken",
        startjaar=2025,
        startkwartaal=1,
    )
    kalender_services.aanbesteding_verwijderen(aanbesteding=tender)
    assert not ThemaToepassing.objects.exists()
    pagina = client_als("mvoi_teamlid").get(url(actieplan, stap="aanbestedingskalender")).text
    assert pagina.count("toepassing van een thema: Klimaat") >= 2  # added, and deleted
    assert "Vreemde tender" not in pagina


def test_the_history_is_paged_fifty_at_a_time_and_filtered_by_period(client_als, actieplan):
    """Issue 25: the demo plan's page was 41,311 px of 100 rows, with ISO dates."""
    from bs4 import BeautifulSoup

    from actieplan.models import TekstDoel

    for i in range(120):  # 120 changes, one a minute apart in the history
        TekstDoel.objects.create(actieplan=actieplan, tekst=f"Doel nummer {i:03d}")
    historisch = TekstDoel.history.model
    for i, record in enumerate(historisch.objects.order_by("history_id")):
        historisch.objects.filter(pk=record.pk).update(
            history_date=timezone.make_aware(datetime.datetime(2026, 3, 1, 9)) + i * MINUUT
        )
    # The plan's own record is older still.
    Actieplan.history.filter(id=actieplan.pk).update(
        history_date=timezone.make_aware(datetime.datetime(2025, 1, 1, 9))
    )
    team = client_als("coordinator")

    def rijen(pagina) -> list[str]:
        soup = BeautifulSoup(pagina.text, "html.parser")
        return [tr.get_text(" ", strip=True) for tr in soup.select("tbody tr")]

    eerste = team.get(url(actieplan))
    assert len(rijen(eerste)) == 50
    assert "Doel nummer 119" in rijen(eerste)[0] and "Doel nummer 070" in rijen(eerste)[-1]
    assert "1 maart 2026, 10:59" in rijen(eerste)[0]  # dates the Dutch way
    assert "Oudere wijzigingen" in eerste.text and "Nieuwere wijzigingen" not in eerste.text
    derde = team.get(url(actieplan, pagina=3))
    assert [r.split("Doel nummer ")[1][:3] for r in rijen(derde)[:20]] == [
        f"{i:03d}" for i in range(19, -1, -1)
    ]
    assert "Oudere wijzigingen" not in derde.text and "Nieuwere wijzigingen" in derde.text
    assert "Actieplan MVOI" in rijen(derde)[-1]  # the plan itself, last
    # A period: only what was changed on those days, paging keeps the filter.
    periode = team.get(url(actieplan, van="2025-01-01", tot="2025-12-31"))
    assert len(rijen(periode)) == 1 and "1 januari 2025" in rijen(periode)[0]
    assert (
        "van=2026-03-01"
        in team.get(url(actieplan, van="2026-03-01"))
        .text.split("Oudere wijzigingen")[0]
        .rsplit("href=", 1)[1]
    )
    # A period the wrong way round is said so, and ignored.
    omgekeerd = team.get(url(actieplan, van="2026-12-31", tot="2026-01-01"))
    assert "‘Tot en met’ ligt vóór ‘van’." in omgekeerd.text
    assert len(rijen(omgekeerd)) == 50
