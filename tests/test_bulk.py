"""basis.bulk.bijwerken: many rows updated at once, each with its own values, of every type
an import writes – on PostgreSQL as `UPDATE … FROM (VALUES …)`, elsewhere Django's way."""

import datetime
from decimal import Decimal

from aanbestedingskalender.models import Aanbesteding
from basis import bulk
from tests.factories import veel_aanbestedingen


def test_each_row_gets_its_own_values_of_every_type(actieplan, adviseur):
    tenders = veel_aanbestedingen(actieplan, 1_200, startjaar=2025, naam="Oud {i}")
    andere = veel_aanbestedingen(actieplan, 1, van=5_000, naam="Onaangeroerd")[0]
    for i, tender in enumerate(tenders):
        tender.naam = f"Nieuw {i}, met ‘quotes’ en ; tekens"
        tender.geraamde_waarde = Decimal("1250000.50") + i if i % 2 else None
        tender.contract_start = datetime.date(2026, 1, 1) + datetime.timedelta(days=i)
        tender.kansrijk = bool(i % 3)
        tender.eigenaar = adviseur if i % 5 == 0 else None
        tender.startkwartaal = i % 4 + 1
    velden = ["naam", "geraamde_waarde", "contract_start", "kansrijk", "eigenaar", "startkwartaal"]
    bulk.bijwerken(tenders, velden, per=500)  # three statements of 500, 500 and 200

    opgeslagen = {a.pk: a for a in Aanbesteding.objects.filter(pk__in=[t.pk for t in tenders])}
    for i, tender in enumerate(tenders):
        rij = opgeslagen[tender.pk]
        assert [getattr(rij, veld) for veld in velden] == [
            getattr(tender, veld) for veld in velden
        ], i
    andere.refresh_from_db()
    assert andere.naam == "Onaangeroerd"
