"""A new plan period starts from the last one (issue 22, part 5): the parts chosen are
copied, with a preview first; the previous plan stays as it was; the new plan and its
history say where it came from."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan, ActieplanThema, MeetbaarDoel
from jaarplanning.models import Actie, Borging
from organisaties.models import User


@pytest.fixture
def demo_plan(db):
    call_command("demo_data", force=True, verbosity=0)
    return Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")


def stand(plan):
    return (
        sorted(ActieplanThema.objects.filter(actieplan=plan).values_list("thema", "focus")),
        MeetbaarDoel.objects.filter(actieplan=plan).count(),
        Aanbesteding.objects.filter(actieplan=plan).count(),
        Actie.objects.filter(actieplan=plan).count(),
    )


def test_the_coordinator_previews_and_starts_the_next_period_from_the_last(client, demo_plan):
    client.force_login(User.objects.get(username="coordinator"))
    url = reverse("actieplan:create")
    formulier = client.get(url).text
    # The last plan is offered, the next period proposed, every part ticked.
    assert 'value="2028"' in formulier and 'value="2031"' in formulier
    assert "Thema&#x27;s: focus en onderbouwing (stap 2)" in formulier
    vorig_voor = stand(demo_plan)
    gegevens = {
        "titel": "Actieplan MVOI",
        "startjaar": 2028,
        "eindjaar": 2031,
        "samenhang": demo_plan.samenhang,
        "vorig": demo_plan.pk,
        "delen": ["themas", "niveaus", "doelen", "aanbestedingen", "borging", "acties"],
    }
    voorbeeld = client.post(url, gegevens | {"stap": "bekijken"}).text
    assert "Controleer wat u overneemt" in voorbeeld
    assert "Aanbestedingen die nog niet gestart zijn (stap 4)" in voorbeeld
    assert Actieplan.objects.count() == 1  # nothing made yet

    antwoord = client.post(url, gegevens | {"stap": "bevestigen"}, follow=True)
    nieuw = Actieplan.objects.get(startjaar=2028)
    assert antwoord.redirect_chain[-1][0] == reverse("actieplan:detail", args=[nieuw.pk])
    assert f"met wat u overnam uit {demo_plan}" in antwoord.text
    assert "Voortgezet uit" in antwoord.text
    assert nieuw.voortgezet_uit == demo_plan
    assert nieuw.history.earliest().history_change_reason == f"Aangemaakt uit {demo_plan}"

    # Step 2: the same focus themes with their rationale.
    oud_focus = {
        (r.thema_id, r.onderbouwing)
        for r in ActieplanThema.objects.filter(actieplan=demo_plan, focus=True)
    }
    assert oud_focus == {
        (r.thema_id, r.onderbouwing)
        for r in ActieplanThema.objects.filter(actieplan=nieuw, focus=True)
    }
    # Step 1: the agreed levels as the starting point.
    assert sorted(
        ActieplanThema.objects.filter(actieplan=nieuw).values_list("thema", "huidig_niveau")
    ) == sorted(
        ActieplanThema.objects.filter(actieplan=demo_plan).values_list("thema", "huidig_niveau")
    )
    # Step 3: goals for years of the new period stay; a kind without one gets its last
    # target as the goal of 2028.
    oud = MeetbaarDoel.objects.filter(actieplan=demo_plan)
    for doel in MeetbaarDoel.objects.filter(actieplan=nieuw):
        zelfde_jaar = oud.filter(soort=doel.soort, jaar=doel.jaar).first()
        verwacht = zelfde_jaar or oud.filter(soort=doel.soort).order_by("-jaar").first()
        assert doel.streefwaarde == verwacht.streefwaarde, doel
        assert zelfde_jaar or doel.jaar == 2028
    assert set(MeetbaarDoel.objects.filter(actieplan=nieuw).values_list("soort", flat=True)) == (
        set(oud.values_list("soort", flat=True))
    )
    # Step 4: the tenders not started, from K1 2028, with their themes.
    open_oud = Aanbesteding.objects.filter(
        actieplan=demo_plan, status__in=["gepland", "in_voorbereiding", "uitgesteld"]
    )
    nieuwe = Aanbesteding.objects.filter(actieplan=nieuw)
    assert sorted(nieuwe.values_list("kenmerk", flat=True)) == sorted(
        open_oud.values_list("kenmerk", flat=True)
    )
    assert {(a.startjaar, a.startkwartaal) for a in nieuwe} == {(2028, 1)}
    eerste = nieuwe.first()
    assert eerste.toepassingen.count() == (
        open_oud.get(kenmerk=eerste.kenmerk).toepassingen.count()
    )
    # Steps 5–6: the texts, and the unfinished actions continued in 2028.
    assert (
        Borging.objects.get(actieplan=nieuw).in_organisatie
        == Borging.objects.get(actieplan=demo_plan).in_organisatie
    )
    voortgezet = Actie.objects.filter(actieplan=nieuw)
    assert voortgezet.exists()
    assert all(a.voortgezet_uit.actieplan_id == demo_plan.pk for a in voortgezet)
    assert {a.jaar for a in voortgezet} == {2028}
    # The previous plan is as it was.
    assert stand(demo_plan) == vorig_voor


def test_chosen_parts_only_and_keuzes_aanpassen_keeps_them(client, demo_plan):
    client.force_login(User.objects.get(username="coordinator"))
    url = reverse("actieplan:create")
    gegevens = {
        "titel": "Plan B",
        "startjaar": 2028,
        "eindjaar": 2031,
        "vorig": demo_plan.pk,
        "delen": ["themas"],
    }
    terug = client.post(url, gegevens | {"stap": "aanpassen"}).text
    assert 'value="Plan B"' in terug
    client.post(url, gegevens | {"stap": "bevestigen"})
    nieuw = Actieplan.objects.get(titel="Plan B")
    assert ActieplanThema.objects.filter(actieplan=nieuw, focus=True).exists()
    assert not MeetbaarDoel.objects.filter(actieplan=nieuw).exists()
    assert not Aanbesteding.objects.filter(actieplan=nieuw).exists()
    # A previous plan without a part chosen is a question, not an empty copy.
    fout = client.post(url, gegevens | {"delen": [], "stap": "bekijken"}).text
    assert "Kies wat u overneemt, of begin leeg." in fout


def test_a_plan_of_another_organisation_cannot_be_the_start(client, lid, ander_actieplan):
    client.force_login(lid("coordinator"))
    antwoord = client.post(
        reverse("actieplan:create"),
        {
            "titel": "Gestolen",
            "startjaar": 2028,
            "eindjaar": 2031,
            "vorig": ander_actieplan.pk,
            "delen": ["themas"],
            "stap": "bevestigen",
        },
    )
    assert antwoord.status_code == 200
    assert not Actieplan.objects.filter(titel="Gestolen").exists()
    assert "Selecteer een geldige keuze" in antwoord.text
