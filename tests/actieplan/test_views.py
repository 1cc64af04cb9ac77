import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from actieplan.models import Actieplan
from actieplan.stappen import STAPPEN
from tests.conftest import ALLE_ROLLEN
from tests.factories import ActieplanFactory
from tests.organisaties.test_views import form_data


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_every_role_sees_the_organisations_plans(client_als, rol, actieplan, ander_actieplan):
    response = client_als(rol).get(reverse("actieplan:start"))
    assert response.status_code == 200
    assert "Actieplan MVOI" in response.text
    assert "2024–2027" in response.text
    assert ander_actieplan.titel not in response.text


def test_start_page_has_constant_queries(client_als, organisatie, django_assert_max_num_queries):
    client = client_als("coordinator")
    ActieplanFactory(organisatie=organisatie)
    with django_assert_max_num_queries(20) as weinig:
        client.get(reverse("actieplan:start"))
    ActieplanFactory.create_batch(25, organisatie=organisatie)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(reverse("actieplan:start"))
    assert response.text.count("2024–2027") == 26


def test_plan_page_shows_the_seven_steps_in_order(client_als, actieplan):
    response = client_als("management").get(reverse("actieplan:detail", args=[actieplan.pk]))
    soup = BeautifulSoup(response.text, "html.parser")
    indicator = soup.select_one("nav.mvoi-stappen")
    titels = [
        a.select_one(".mvoi-stappen__titel").text.split(":")[-1].strip()
        for a in indicator.select("a")
    ]
    assert titels == [
        "Nulmeting",
        "Thema's",
        "Ambities & doelen",
        "Aanbestedingskalender",
        "Borging",
        "Jaarplanning",
        "Evaluatie",
    ]


@pytest.mark.parametrize("stap", STAPPEN, ids=lambda s: s.slug)
def test_each_step_page_shows_its_title_and_purpose(client_als, actieplan, stap):
    response = client_als("inkoopadviseur").get(
        reverse("actieplan:stap", args=[actieplan.pk, stap.slug])
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.h1.text.strip() == f"Stap {stap.nummer}. {stap.titel}"
    assert soup.select_one(".mvoi-doel").text == str(stap.doel)
    huidig = soup.select('nav.mvoi-stappen a[aria-current="step"]')
    assert len(huidig) == 1
    assert huidig[0]["href"].endswith(f"/stappen/{stap.slug}/")


def test_unknown_step_is_404(client_als, actieplan):
    response = client_als("management").get(
        reverse("actieplan:stap", args=[actieplan.pk, "stap-8"])
    )
    assert response.status_code == 404


def test_step_page_has_constant_queries(client_als, actieplan, django_assert_max_num_queries):
    client = client_als("coordinator")
    url = reverse("actieplan:stap", args=[actieplan.pk, "borging"])
    with django_assert_max_num_queries(20) as eerste:
        client.get(url)
    ActieplanFactory.create_batch(10, organisatie=actieplan.organisatie)
    with django_assert_max_num_queries(len(eerste.captured_queries)):
        client.get(url)


def test_coordinator_creates_a_plan_by_posting_the_rendered_form(client_als, organisatie):
    client = client_als("coordinator")
    data = form_data(client.get(reverse("actieplan:create")).text)
    data.update(titel=["Actieplan MVOI"], startjaar=["2025"], eindjaar=["2028"])
    response = client.post(reverse("actieplan:create"), data, follow=True)
    plan = Actieplan.objects.get(organisatie=organisatie)
    assert (plan.startjaar, plan.eindjaar) == (2025, 2028)
    assert response.request["PATH_INFO"] == reverse("actieplan:detail", args=[plan.pk])
    assert "Het actieplan is aangemaakt." in response.text


def test_a_bad_period_keeps_the_input_and_says_why(client_als, organisatie):
    client = client_als("coordinator")
    response = client.post(
        reverse("actieplan:create"), {"titel": "Mijn plan", "startjaar": "2027", "eindjaar": "2024"}
    )
    assert response.status_code == 200
    assert "Het eindjaar kan niet vóór het startjaar liggen." in response.text
    assert 'value="Mijn plan"' in response.text
    assert not Actieplan.objects.exists()


@pytest.mark.parametrize("rol", [r for r in ALLE_ROLLEN if r != "coordinator"])
def test_only_the_coordinator_creates_and_changes_plans(client_als, rol, actieplan):
    client = client_als(rol)
    data = {"titel": "Gekaapt", "startjaar": "2024", "eindjaar": "2025"}
    assert client.get(reverse("actieplan:create")).status_code == 403
    assert client.post(reverse("actieplan:create"), data).status_code == 403
    assert client.post(reverse("actieplan:update", args=[actieplan.pk]), data).status_code == 403
    actieplan.refresh_from_db()
    assert actieplan.titel == "Actieplan MVOI"
    assert Actieplan.objects.count() == 1


def test_coordinator_changes_title_and_period(client_als, actieplan):
    client = client_als("coordinator")
    url = reverse("actieplan:update", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    assert data["titel"] == ["Actieplan MVOI"]
    data["eindjaar"] = ["2028"]
    client.post(url, data)
    actieplan.refresh_from_db()
    assert actieplan.eindjaar == 2028


def test_user_text_is_escaped(client_als, organisatie):
    ActieplanFactory(organisatie=organisatie, titel="<script>alert(1)</script>")
    response = client_als("management").get(reverse("actieplan:start"))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
