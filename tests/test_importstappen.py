"""The one import component (aanbestedingskalender/importstappen.py and its preview
template) as each import shows it: the row named in the app's own words, "choose another
file" back to that app's upload, "cancel" back to that app's list, and after confirming the
user lands on that list with the same summary."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.aanbestedingskalender.test_resources import xlsx
from tests.aanbestedingskalender.test_views import KOPPEN as KALENDERKOPPEN

KALENDER_RIJ = ["N-1", "Nieuw", "Europees openbaar", "Diensten", 2025, "K1", "Gepland", "ja", ""]
PLANNING_KOPPEN = ["Nummer", "Jaarplanning", "Actie", "Actorgroep", "Vanaf kwartaal"]
PLANNING_KOPPEN += ["Tot en met kwartaal", "Status", "Reden"]
PLANNING_RIJ = ["", 2025, "Checklist", "Inkoop", "K1 2025", "K2 2025", "Gepland", ""]

IMPORTS = {
    "aanbestedingskalender": (
        "inkoopadviseur",
        [KALENDERKOPPEN, KALENDER_RIJ],
        "Rij 2: N-1 Nieuw (start K1 2025)",
        "aanbestedingskalender:kalender",
    ),
    "jaarplanning": (
        "mvoi_teamlid",
        [PLANNING_KOPPEN, PLANNING_RIJ],
        "Rij 2: Checklist (vanaf K1 2025)",
        "jaarplanning:acties",
    ),
}


def _links(pagina) -> dict[str, str]:
    soup = BeautifulSoup(pagina.text, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("main a[href]")}


@pytest.mark.parametrize("app", IMPORTS)
def test_each_import_shows_the_shared_preview_in_its_own_words(client_als, actieplan, app):
    rol, rijen, regel, lijst = IMPORTS[app]
    client = client_als(rol)
    upload_url = reverse(f"{app}:import", args=[actieplan.pk])
    bestand = SimpleUploadedFile("bestand.xlsx", xlsx(rijen))
    voorbeeld = client.post(upload_url, {"bestand": bestand}).url

    pagina = client.get(voorbeeld)
    assert regel in pagina.text
    assert _links(pagina)["Annuleren"] == reverse(lijst, args=[actieplan.pk])

    klaar = client.post(voorbeeld)
    assert klaar.url.split("?")[0] == reverse(lijst, args=[actieplan.pk])
    assert "Import klaar: 1 toegevoegd, 0 gewijzigd, 0 ongewijzigd." in client.get(klaar.url).text

    # A file with an error: no confirmation, and "choose another file" leads back here.
    fout = [rijen[0], [*rijen[1][:5], "K9", *rijen[1][6:]]]
    voorbeeld = client.post(
        upload_url, {"bestand": SimpleUploadedFile("bestand.xlsx", xlsx(fout))}
    ).url
    pagina = client.get(voorbeeld)
    assert "Import bevestigen" not in pagina.text
    assert _links(pagina)["Ander bestand kiezen"] == upload_url
