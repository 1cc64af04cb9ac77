"""Whatever the export writes within the row limit imports back (issue 26): a calendar of
IMPORT_MAX_RIJEN tenders with every column filled, exported as .xlsx and as .csv, is read
by the import without being refused (before: the fixed 5 MB XML bound refused the app's
own .xlsx of 5,000 such rows; it unpacks to about 6 MB)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aanbestedingskalender import bestanden
from aanbestedingskalender.models import ThemaToepassing
from tests.factories import veel_aanbestedingen
from themes.models import Productgroep


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_a_full_export_at_the_row_limit_imports_back(
    client_als, actieplan, adviseur, themas, settings, formaat
):
    aantal = settings.IMPORT_MAX_RIJEN
    assert aantal == 5000  # the product's limit, not a smaller one for the test
    productgroep = Productgroep.objects.first()
    tenders = veel_aanbestedingen(
        actieplan,
        aantal,
        kenmerk="2026-{i:05d}",
        naam="Onderhoud en beheer van de openbare verlichting, perceel {i}",
        omschrijving="Meerjarig onderhoud, storingen binnen 24 uur, LED-vervanging. " * 2,
        afdeling="Openbare ruimte",
        eigenaar=adviseur,
        productgroep=productgroep,
        geraamde_waarde=lambda i: Decimal("1250000.50") + i,
        startjaar=2026,
        contract_start=datetime.date(2026, 7, 1),
        contract_eind=datetime.date(2030, 6, 30),
        kansrijk=True,
        status="gepland",
        sroi_percentage=Decimal("5"),
        co2_reductie_ton=Decimal("12.5"),
    )
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(
            aanbesteding=a,
            thema=t,
            toegepast=True,
            vorm="gunningscriterium",
            criteria_niveau="basis",
        )
        for a in tenders
        for t in themas.values()
    )
    export = client_als("coordinator").get(
        reverse("aanbestedingskalender:export", args=[actieplan.pk]) + f"?jaar=&formaat={formaat}"
    )
    inhoud = b"".join(export.streaming_content) if export.streaming else export.content
    dataset = bestanden.lezen(inhoud, formaat)  # refused before with BestandFout
    assert len(dataset) == aantal
    assert dataset[0][dataset.headers.index("Naam")].endswith("perceel 0")
