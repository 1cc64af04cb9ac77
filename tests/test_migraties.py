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
