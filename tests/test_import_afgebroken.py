"""A crash half-way through an import (the database gone, a bug in a later row): an error
injected when the third row is saved. Nothing of the earlier rows stays, the user learns
which row failed in plain Dutch, the technical message stays in the log."""

import pytest
from django.apps import apps

from aanbestedingskalender import importeren
from aanbestedingskalender.models import Aanbesteding, ThemaToepassing, Verplaatsing
from aanbestedingskalender.resources import AanbestedingResource
from jaarplanning import importeren as planning_importeren
from jaarplanning.models import Actie, Actorgroep
from jaarplanning.resources import ActieResource
from tests.aanbestedingskalender.test_resources import KOPPEN as KALENDERKOPPEN
from tests.aanbestedingskalender.test_resources import (
    gevulde_kalender,  # noqa: F401 (a fixture)
    kalender,
    xlsx,
)
from tests.jaarplanning.test_import import KOPPEN


def geschiedenis() -> int:
    return sum(
        m._default_manager.count()
        for m in apps.get_models()
        if getattr(m, "instance_type", None) is not None
    )


def kapot_bij_de_derde(monkeypatch, resource):
    echte = resource.save_instance
    opgeslagen = []

    def save_instance(self, instance, is_create, row, **kwargs):
        if len(opgeslagen) == 2:
            raise RuntimeError("server closed the connection unexpectedly")
        echte(self, instance, is_create, row, **kwargs)
        opgeslagen.append(instance.pk)

    monkeypatch.setattr(resource, "save_instance", save_instance)
    return opgeslagen


@pytest.mark.usefixtures("gevulde_kalender")
def test_a_calendar_import_that_crashes_at_the_third_row_changes_nothing(
    actieplan, adviseur, monkeypatch, caplog
):
    # The three tenders of the calendar changed, and three new ones.
    rij = ["Europees openbaar", "Diensten", 2026, 4, "Gepland", "ja", ""]  # moved later
    rijen = [KALENDERKOPPEN] + [
        [kenmerk, f"{kenmerk} (gewijzigd)", *rij] for kenmerk in ("A-1", "A-2", "A-3")
    ]
    rijen += [[f"N-{i}", f"Nieuw {i}", *rij] for i in range(3)]
    voor, aantallen = kalender(actieplan), _aantallen()
    opgeslagen = kapot_bij_de_derde(monkeypatch, AanbestedingResource)

    with pytest.raises(importeren.ImportMislukt) as mislukt:
        importeren.kalender_importeren(
            actieplan=actieplan, inhoud=xlsx(rijen), bestandsnaam="k.xlsx", door=adviseur
        )

    assert len(opgeslagen) == 2  # two rows were written before the crash …
    assert kalender(actieplan) == voor  # … and rolled back with the rest
    assert _aantallen() == aantallen
    # Every row from the crash on is told (the connection stays broken), in Dutch.
    fout = mislukt.value.resultaat.fouten
    assert [f.rij for f in fout] == list(range(4, len(rijen) + 1))
    assert all("niet worden opgeslagen" in f.melding for f in fout)
    assert not any("server closed" in f.melding for f in fout)
    assert "server closed the connection" in caplog.text  # the log has the detail


def _aantallen() -> tuple[int, ...]:
    return (
        Aanbesteding.objects.count(),
        ThemaToepassing.objects.count(),
        Verplaatsing.objects.count(),
        Actie.objects.count(),
        geschiedenis(),
    )


def test_a_planning_import_that_crashes_at_the_third_row_changes_nothing(
    actieplan, organisatie, monkeypatch, caplog
):
    rijen = [KOPPEN] + [
        ["", 2025, f"Actie {i}", "Inkoop", "K1 2025", "K2 2025", "Gepland", ""] for i in range(5)
    ]
    aantallen = _aantallen()
    opgeslagen = kapot_bij_de_derde(monkeypatch, ActieResource)

    with pytest.raises(planning_importeren.ImportMislukt) as mislukt:
        planning_importeren.planning_importeren(
            actieplan=actieplan, inhoud=xlsx(rijen), bestandsnaam="p.xlsx"
        )

    assert len(opgeslagen) == 2
    assert _aantallen() == aantallen
    fout = mislukt.value.resultaat.fouten
    assert [f.rij for f in fout] == [4, 5, 6]
    assert all("niet worden opgeslagen" in f.melding for f in fout)
    assert "server closed the connection" in caplog.text
    assert Actorgroep.objects.filter(organisatie=organisatie, naam="Inkoop").exists()
