import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actieplan import services
from actieplan.models import Actieplan
from tests.factories import ActieplanFactory


def test_a_plan_has_a_period_and_starts_as_concept(organisatie):
    plan = services.actieplan_aanmaken(
        organisatie=organisatie, titel="Actieplan MVOI", startjaar=2024, eindjaar=2027
    )
    assert plan.status == Actieplan.Status.CONCEPT
    assert plan.periode == "2024–2027"
    assert list(plan.jaren) == [2024, 2025, 2026, 2027]
    assert str(plan) == "Actieplan MVOI (2024–2027)"


@pytest.mark.parametrize(
    ("startjaar", "eindjaar", "melding"),
    [
        (2027, 2024, "niet vóór het startjaar"),
        (2024, 2040, "hoogstens 10 jaar"),
        (1999, 2001, "minstens 2000"),
    ],
)
def test_a_plan_period_is_validated(organisatie, startjaar, eindjaar, melding):
    with pytest.raises(ValidationError, match=melding):
        services.actieplan_aanmaken(
            organisatie=organisatie, titel="X", startjaar=startjaar, eindjaar=eindjaar
        )
    assert not Actieplan.objects.exists()


def test_the_database_refuses_an_end_year_before_the_start_year(organisatie):
    with pytest.raises(IntegrityError):
        ActieplanFactory(organisatie=organisatie, startjaar=2027, eindjaar=2024)


def test_changes_to_a_plan_are_kept_in_its_history(actieplan):
    services.actieplan_wijzigen(actieplan=actieplan, titel="Nieuw", startjaar=2025, eindjaar=2028)
    assert actieplan.history.count() == 2
    assert actieplan.history.earliest().titel == "Actieplan MVOI"
