"""The migration that turned a goal's percentage into a target of any kind: existing goals
keep their value, and going back refuses, in words, what a percentage cannot hold."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VOOR = [("actieplan", "0003_versie"), ("themes", "0004_doelsoorten")]


def migreer(doelen):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doelen)
    return executor.loader.project_state(doelen).apps


def naar_het_laatst():
    executor = MigrationExecutor(connection)
    migreer(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_goals_keep_their_value_and_going_back_refuses_other_kinds():
    try:
        oud = migreer(VOOR)
        # A transactional test starts from an emptied database: the kind as 0004 loaded it.
        oud.get_model("themes", "Doelsoort").objects.get_or_create(
            code="kansrijke-aanbestedingen-met-thema",
            defaults={
                "naam": "Kansrijke aanbestedingen",
                "sjabloon": "In {percentage}% in {jaar}.",
            },
        )
        organisatie = oud.get_model("organisaties", "Organisatie").objects.create(
            naam="Gemeente Oud", type="gemeente"
        )
        plan = oud.get_model("actieplan", "Actieplan").objects.create(
            organisatie=organisatie, titel="Plan", startjaar=2024, eindjaar=2027
        )
        oud.get_model("actieplan", "MeetbaarDoel").objects.create(
            actieplan=plan, soort_id="kansrijke-aanbestedingen-met-thema", jaar=2025, percentage=75
        )

        nieuw = migreer(MigrationExecutor(connection).loader.graph.leaf_nodes())
        MeetbaarDoel = nieuw.get_model("actieplan", "MeetbaarDoel")
        assert list(MeetbaarDoel.objects.values_list("jaar", "streefwaarde", "drempel")) == [
            (2025, Decimal("75"), None)
        ]
        nieuw.get_model("themes", "Doelsoort").objects.get_or_create(
            code="co2-reductie",
            defaults={"naam": "CO₂", "sjabloon": "{waarde} ton in {jaar}.", "eenheid": "ton-co2"},
        )
        MeetbaarDoel.objects.create(
            actieplan_id=plan.pk, soort_id="co2-reductie", jaar=2026, streefwaarde=Decimal("150.5")
        )
        with pytest.raises(RuntimeError, match="geen heel percentage"):
            migreer([("actieplan", "0003_versie")])
    finally:
        naar_het_laatst()


@pytest.mark.django_db(transaction=True)
def test_the_figure_a_preparation_kept_becomes_the_closed_years_record_and_back():
    """evaluatie/0006: `Jaarovergang.cijfers_vooraf` → the closed year's `voortgang`
    (ADR 0006), so step 7 shows the figure of then; going back restores it."""
    try:
        oud = migreer([("evaluatie", "0005_besluit"), ("actieplan", "0013_jaarafsluiting")])
        organisatie = oud.get_model("organisaties", "Organisatie").objects.create(
            naam="Gemeente Oud", type="gemeente"
        )
        plan = oud.get_model("actieplan", "Actieplan").objects.create(
            organisatie=organisatie, titel="Plan", startjaar=2024, eindjaar=2027
        )
        Jaarovergang = oud.get_model("evaluatie", "Jaarovergang")
        Jaarovergang.objects.create(
            actieplan=plan,
            naar_jaar=2026,
            cijfers_vooraf={
                "toegepast": 10,
                "kansrijk": 12,
                "percentage": 83,
                "doel": "80.00",
                "doel_gehaald": True,
            },
        )
        Jaarovergang.objects.create(actieplan=plan, naar_jaar=2025, cijfers_vooraf={})

        nieuw = migreer([("evaluatie", "0006_cijfers_vooraf_naar_afsluiting")])
        afsluitingen = nieuw.get_model("actieplan", "Jaarafsluiting").objects.all()
        assert [(a.jaar, a.resultaten) for a in afsluitingen] == [
            (
                2025,
                {"voortgang": {"toegepast": 10, "kansrijk": 12, "doel": "80.00", "focusthemas": 0}},
            )
        ]
        terug = migreer([("evaluatie", "0005_besluit")])
        assert terug.get_model("evaluatie", "Jaarovergang").objects.get(
            naar_jaar=2026
        ).cijfers_vooraf == {
            "toegepast": 10,
            "kansrijk": 12,
            "percentage": 83,
            "doel": "80.00",
            "doel_gehaald": None,
        }
    finally:
        naar_het_laatst()
