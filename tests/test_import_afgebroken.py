"""A crash half-way through an import (the database gone, a bug): nothing of what was
written before stays, the user learns it in plain Dutch, the technical message stays in
the log. The calendar writes all rows at once after checking them, so its crash is
injected between writing the tenders and writing their theme rows; the year planning
saves row by row, so there it is injected at the third row."""

import pytest

from aanbestedingskalender import importeren, services
from aanbestedingskalender.models import Aanbesteding, ThemaToepassing, Verplaatsing
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
from tests.test_tenant_scoping import _geschiedenis_tellen


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
def test_a_calendar_import_that_crashes_after_writing_the_tenders_changes_nothing(
    actieplan, adviseur, monkeypatch, caplog
):
    # The three tenders of the calendar changed and moved later, and three new ones.
    rij = ["Europees openbaar", "Diensten", 2026, 4, "Gepland", "ja", ""]
    rijen = [KALENDERKOPPEN] + [
        [kenmerk, f"{kenmerk} (gewijzigd)", *rij] for kenmerk in ("A-1", "A-2", "A-3")
    ]
    rijen += [[f"N-{i}", f"Nieuw {i}", *rij] for i in range(3)]
    voor, aantallen = kalender(actieplan), _aantallen()
    echte, geschreven = services.bulk_create_with_history, []

    def kapot_na_de_aanbestedingen(objecten, model, **kwargs):
        if model is not Aanbesteding:
            geschreven.append(Aanbesteding.objects.filter(naam__startswith="Nieuw").count())
            raise RuntimeError("server closed the connection unexpectedly")
        return echte(objecten, model, **kwargs)

    monkeypatch.setattr(services, "bulk_create_with_history", kapot_na_de_aanbestedingen)
    with pytest.raises(importeren.ImportMislukt) as mislukt:
        importeren.kalender_importeren(
            actieplan=actieplan, inhoud=xlsx(rijen), bestandsnaam="k.xlsx", door=adviseur
        )

    assert geschreven == [3]  # the new tenders were written before the crash …
    assert kalender(actieplan) == voor  # … and rolled back with the rest
    assert _aantallen() == aantallen
    fout = mislukt.value.resultaat.fouten
    assert len(fout) == 1 and "niet worden opgeslagen" in fout[0].melding
    assert "server closed" not in fout[0].melding
    assert "server closed the connection" in caplog.text  # the log has the detail


def _aantallen() -> tuple[int, ...]:
    return (
        Aanbesteding.objects.count(),
        ThemaToepassing.objects.count(),
        Verplaatsing.objects.count(),
        Actie.objects.count(),
        _geschiedenis_tellen(),
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
