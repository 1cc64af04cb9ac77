"""The step register: every step is provided by its own app, with each thing the rest of
the product needs from it, and `actieplan` knows the steps only through the register."""

import ast
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.models import Model, Value
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actieplan import checks
from actieplan.models import MeetbaarDoel
from actieplan.stappen import STAPPEN, Fragment, StappenRegister, register
from organisaties.models import Lidmaatschap
from plandocument import document
from tests.factories import ActieplanFactory
from themes.models import Doelsoort

ROOT = Path(__file__).resolve().parents[2]
STAPAPPS = ("aanbestedingskalender", "jaarplanning", "evaluatie")


def test_every_step_is_registered_by_an_app():
    assert [stap.slug for stap, _ in register] == [stap.slug for stap in STAPPEN]
    assert register.ontbrekend() == []
    assert checks.elke_stap_geregistreerd(None) == []


def test_a_missing_step_is_a_system_check_error(monkeypatch):
    monkeypatch.setattr(checks, "register", StappenRegister())
    fouten = checks.elke_stap_geregistreerd(None)
    assert [fout.id for fout in fouten] == ["actieplan.E001"] * 7
    assert "Stap 4 ('aanbestedingskalender')" in fouten[3].msg


@pytest.mark.parametrize("stap", STAPPEN, ids=lambda s: s.slug)
def test_each_step_provides_page_completeness_fragment_snapshot_and_history(stap, lid, actieplan):
    inhoud = register.inhoud(stap)
    request = RequestFactory().get("/")
    request.user = lid("coordinator", "inkoopadviseur")
    request.organisatie = actieplan.organisatie

    get_template(inhoud.template)
    assert isinstance(inhoud.pagina(request, actieplan, jaar=2025), dict)
    assert inhoud.compleet(actieplan, jaar=2025) is False  # an empty plan
    fragment = inhoud.document(actieplan, jaar=2025)
    assert isinstance(fragment, Fragment)
    html = document.fragment_html(stap=stap, fragment=fragment, actieplan=actieplan, jaar=2025)
    assert BeautifulSoup(html, "html.parser").h2.get_text() == f"Stap {stap.nummer}. {stap.titel}"
    json.dumps(inhoud.momentopname(actieplan))
    modellen = inhoud.geschiedenis_modellen()
    assert all(issubclass(model, Model) for model in modellen)
    assert modellen


def _geimporteerde_modules(pad: Path) -> set[str]:
    modules = set()
    for knoop in ast.walk(ast.parse(pad.read_text())):
        if isinstance(knoop, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and not knoop.level:
            modules.add(knoop.module.split(".")[0])
    return modules


def test_actieplan_imports_no_step_app():
    for pad in (ROOT / "actieplan").rglob("*.py"):
        assert not _geimporteerde_modules(pad) & set(STAPAPPS), pad


def test_actieplan_names_no_step_app_in_text_either():
    """No URL name (app:…), template path (app/…), dotted path (app.…) or model lookup of a
    step app in a module or template of actieplan; the step slugs themselves may appear."""
    verboden = [
        patroon
        for app in STAPAPPS
        for patroon in (f"{app}:", f"{app}/", f"{app}.", f'get_model("{app}"')
    ]
    bestanden = [
        pad
        for pad in (ROOT / "actieplan").rglob("*")
        if pad.suffix in (".py", ".html") and "migrations" not in pad.parts
    ]
    assert len(bestanden) > 20
    for pad in bestanden:
        tekst = pad.read_text()
        assert not [v for v in verboden if v in tekst], pad


def test_the_whole_plan_snapshot_is_json_and_walks_every_step(db, client, settings):
    from django.core.management import call_command

    call_command("demo_data", force=True, verbosity=0)
    plan = Lidmaatschap.objects.get(user__username="management").organisatie.actieplannen.get()
    gegevens = json.loads(json.dumps(document.momentopname(actieplan=plan)))
    assert list(gegevens["stappen"]) == [stap.slug for stap in STAPPEN]
    assert len(gegevens["stappen"]["aanbestedingskalender"]["aanbestedingen"]) == 34
    assert {t["thema"] for t in gegevens["stappen"]["themas"]["themas"] if t["focus"]} == {
        "klimaat",
        "milieu",
        "circulair",
        "diversiteit-inclusie",
    }


def test_the_step_indicator_marks_what_the_register_says(client_als, actieplan, monkeypatch):
    inhoud = register.inhoud(STAPPEN[4])
    monkeypatch.setattr(type(inhoud), "compleet_als", lambda self, *, jaar: Value(True))
    register._compleet_sql.cache_clear()  # the indicator's SQL is built once per year
    try:
        response = client_als("management").get(reverse("actieplan:detail", args=[actieplan.pk]))
    finally:
        register._compleet_sql.cache_clear()
    assert 'Stap 5: </span>Borging<span class="mvoi-visueel-verborgen"> (compleet)' in (
        response.text
    )


def test_no_step_app_needed_for_a_plan_of_another_year(db):
    plan = ActieplanFactory(startjaar=2030, eindjaar=2033)
    assert plan.lopend_jaar in plan.jaren


def test_the_indicator_asks_each_plan_its_own_completeness_in_one_query(
    actieplan, ander_actieplan, django_assert_num_queries
):
    """The indicator's SQL is built once per year and reused with another plan's id: a plan
    with a measurable goal is complete in step 3, the other plan (asked right after, from
    the same SQL) is not, and each step agrees with the register."""
    MeetbaarDoel.objects.create(
        actieplan=actieplan, soort=Doelsoort.objects.first(), jaar=2025, streefwaarde=50
    )
    with django_assert_num_queries(1):
        assert register.compleet(actieplan, jaar=2025) == {"ambities-doelen"}
    with django_assert_num_queries(1):
        assert register.compleet(ander_actieplan, jaar=2025) == set()
    for plan in (actieplan, ander_actieplan):
        assert {
            stap.slug for stap, inhoud in register if inhoud.compleet(plan, jaar=2025)
        } == register.compleet(plan, jaar=2025)


def test_a_plan_page_reads_the_members_roles_once(client_als, actieplan):
    """The roles are loaded with the memberships by the middleware; a permission check in
    the view or the template asks no more (the cache was once kept on the lazy
    `request.user` and never found: one more query on every page)."""
    client = client_als("coordinator")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("actieplan:detail", args=[actieplan.pk])).status_code == 200
    rollen = [q["sql"] for q in queries if "organisaties_lidmaatschap_rollen" in q["sql"]]
    assert len(rollen) == 1, rollen
