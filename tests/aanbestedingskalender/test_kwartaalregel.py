"""The quarter rule, through every path in: a tender's start quarter only moves later, and
every move is recorded. It lives in the service; the form, the import and postponing all
obey it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aanbestedingskalender import importeren, services
from aanbestedingskalender.models import Aanbesteding, Verplaatsing
from basis.kwartalen import Kwartaal
from tests.aanbestedingskalender.test_resources import GOED, KOPPEN, xlsx
from tests.aanbestedingskalender.test_views import url
from tests.organisaties.test_views import form_data


@pytest.fixture
def in_k3(maak_aanbesteding):
    return maak_aanbesteding("B-1", naam="Schoonmaak", startjaar=2025, startkwartaal=3)


def start_van(aanbesteding) -> Kwartaal:
    aanbesteding.refresh_from_db()
    return aanbesteding.start


# --- The service ------------------------------------------------------------------------


def test_the_service_refuses_an_earlier_quarter(actieplan, in_k3):
    with pytest.raises(ValidationError) as fout:
        services.aanbesteding_opslaan(
            actieplan=actieplan,
            aanbesteding=in_k3,
            velden={"startjaar": 2024, "startkwartaal": 1},
            toepassingen={},
        )
    assert "niet naar een eerder kwartaal: van K3 2025 naar K1 2024" in str(fout.value)
    assert start_van(in_k3) == Kwartaal(2025, 3)
    assert not Verplaatsing.objects.exists()


def test_the_service_records_a_later_quarter_as_a_move(actieplan, in_k3, adviseur):
    services.aanbesteding_opslaan(
        actieplan=actieplan,
        aanbesteding=in_k3,
        velden={"startkwartaal": 4},
        toepassingen={},
        door=adviseur,
        reden_verplaatsing="Marktconsultatie duurt langer.",
    )
    assert start_van(in_k3) == Kwartaal(2025, 4)
    verplaatsing = Verplaatsing.objects.get()
    assert (verplaatsing.van, verplaatsing.naar) == (Kwartaal(2025, 3), Kwartaal(2025, 4))
    assert (verplaatsing.door, verplaatsing.reden) == (adviseur, "Marktconsultatie duurt langer.")


def test_saving_without_moving_records_nothing(actieplan, in_k3):
    services.aanbesteding_opslaan(
        actieplan=actieplan, aanbesteding=in_k3, velden={"naam": "Anders"}, toepassingen={}
    )
    assert not Verplaatsing.objects.exists()


# --- The import -------------------------------------------------------------------------


def rij_in(jaar, kwartaal):
    return xlsx([KOPPEN, ["B-1", "Schoonmaak", *GOED[2:4], jaar, kwartaal, *GOED[6:]]])


def test_an_import_row_that_moves_earlier_is_refused_with_row_and_column(actieplan, in_k3):
    inhoud = rij_in(2024, "K1")
    resultaat = importeren.kalender_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx"
    )
    assert [(f.rij, f.kolom) for f in resultaat.fouten] == [(2, "Startkwartaal")]
    assert "niet naar een eerder kwartaal" in resultaat.fouten[0].melding
    with pytest.raises(importeren.ImportMislukt):
        importeren.kalender_importeren(actieplan=actieplan, inhoud=inhoud, bestandsnaam="k.xlsx")
    assert start_van(in_k3) == Kwartaal(2025, 3)
    assert not Verplaatsing.objects.exists()


def test_an_import_row_that_moves_later_records_the_move(client_als, actieplan, in_k3):
    client = client_als("inkoopadviseur")
    bestand = SimpleUploadedFile("kalender-2026.xlsx", rij_in(2026, "K2"))
    voorbeeld = client.post(url("import", actieplan), {"bestand": bestand}).url
    assert "Startjaar: „2025” → „2026”" in client.get(voorbeeld).text
    client.post(voorbeeld)

    assert start_van(in_k3) == Kwartaal(2026, 2)
    verplaatsing = Verplaatsing.objects.get()
    assert (verplaatsing.van, verplaatsing.naar) == (Kwartaal(2025, 3), Kwartaal(2026, 2))
    assert verplaatsing.reden == "Verplaatst met de import van kalender-2026.xlsx."
    assert verplaatsing.door.lidmaatschappen.get().rollen.get().code == "inkoopadviseur"


# --- The tender form and postponing -----------------------------------------------------


def test_the_edit_form_cannot_move_the_start(client_als, actieplan, in_k3):
    """The form path: its start fields are disabled, so a crafted post changes nothing (the
    service refuses an earlier quarter on every path anyway; see above)."""
    client = client_als("inkoopadviseur")
    pagina = url("aanbesteding_wijzigen", actieplan, in_k3.pk)
    data = form_data(client.get(pagina).text)
    data.update(startjaar=["2024"], startkwartaal=["1"])  # a crafted post
    client.post(pagina, data)
    assert start_van(in_k3) == Kwartaal(2025, 3)
    assert not Verplaatsing.objects.exists()


def test_postponing_from_a_stale_page_cannot_move_a_tender_earlier(in_k3, adviseur):
    verouderd = Aanbesteding.objects.get(pk=in_k3.pk)  # loaded while still in K3 2025
    services.aanbesteding_verplaatsen(
        aanbesteding=in_k3, naar=Kwartaal(2026, 1), reden="Budget pas in 2026.", door=adviseur
    )
    # K4 2025 is later than what the stale object holds, but earlier than what is stored.
    with pytest.raises(ValidationError, match="niet naar een eerder kwartaal"):
        services.aanbesteding_verplaatsen(
            aanbesteding=verouderd, naar=Kwartaal(2025, 4), reden="Toch eerder.", door=adviseur
        )
    assert start_van(in_k3) == Kwartaal(2026, 1)
    assert Aanbesteding.objects.get().status == Aanbesteding.Status.UITGESTELD
    assert [(v.van, v.naar) for v in Verplaatsing.objects.all()] == [
        (Kwartaal(2025, 3), Kwartaal(2026, 1))
    ]
