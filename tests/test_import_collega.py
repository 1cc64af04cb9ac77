"""Imports never undo a colleague (issue 24): between the preview and the confirmation a
colleague changes, adds or deletes a row the file names; the confirmation is refused,
naming the rows and who changed them, nothing is imported, and a fresh preview is one
click away – which then shows the colleague's values as what the import would change."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding
from jaarplanning.models import Actie
from organisaties.models import User
from tests.aanbestedingskalender.test_resources import xlsx
from tests.jaarplanning.test_import import KOPPEN as PLANNINGKOPPEN
from tests.jaarplanning.test_import import actie  # noqa: F401 (a fixture)

KOPPEN = ["Kenmerk", "Naam", "Procedure", "Soort", "Startjaar", "Startkwartaal", "Status"]
RIJ = ["Europees openbaar", "Diensten", 2025, 2, "Gepland"]


def kalender_uploaden(client, actieplan, rijen) -> str:
    bestand = SimpleUploadedFile("kalender.xlsx", xlsx(rijen))
    antwoord = client.post(
        reverse("aanbestedingskalender:import", args=[actieplan.pk]), {"bestand": bestand}
    )
    assert antwoord.status_code == 302, antwoord.content
    return antwoord.url


def als_collega(rij, **velden):
    """A colleague saves the row through the application (so the history names them)."""
    collega = User.objects.create_user("collega", "collega@example.org", "w8woord-lang")
    collega.first_name, collega.last_name = "Cor", "Collega"
    collega.save()
    for naam, waarde in velden.items():
        setattr(rij, naam, waarde)
    rij._history_user = collega
    rij.save()


def test_a_tender_a_colleague_changed_after_the_preview_is_not_reverted(
    client_als, actieplan, maak_aanbesteding
):
    eerste = maak_aanbesteding("A-1", naam="Schoonmaak")
    maak_aanbesteding("A-2", naam="Catering")
    client = client_als("inkoopadviseur")
    voorbeeld = kalender_uploaden(
        client,
        actieplan,
        [KOPPEN, ["A-1", "Schoonmaak", *RIJ], ["A-2", "Catering 2026", *RIJ]],
    )
    pagina = client.get(voorbeeld).text
    assert "1 te wijzigen, 1 ongewijzigd" in pagina  # A-1 is unchanged in the file

    als_collega(eerste, naam="Schoonmaak en glasbewassing")
    antwoord = client.post(voorbeeld)
    assert antwoord.status_code == 200
    assert "Na uw controle is 1 rij door een collega veranderd" in antwoord.text
    assert "A-1 is na uw controle gewijzigd door Cor Collega" in antwoord.text
    assert "Rij 2:" in antwoord.text
    # Nothing imported: the colleague's name stays, and the file's other change waits too.
    assert Aanbesteding.objects.get(kenmerk="A-1").naam == "Schoonmaak en glasbewassing"
    assert Aanbesteding.objects.get(kenmerk="A-2").naam == "Catering"

    # One click: the preview against the data of now shows the revert as a change.
    client.post(voorbeeld, {"opnieuw": "1"})
    pagina = client.get(voorbeeld).text
    assert "2 te wijzigen, 0 ongewijzigd" in pagina
    assert "„Schoonmaak en glasbewassing” → „Schoonmaak”" in pagina
    assert client.post(voorbeeld).status_code == 302  # a deliberate choice now
    assert Aanbesteding.objects.get(kenmerk="A-1").naam == "Schoonmaak"


def test_a_tender_a_colleague_added_or_deleted_after_the_preview_refuses_the_import(
    client_als, actieplan, maak_aanbesteding
):
    weg = maak_aanbesteding("A-9", naam="Vervalt")
    client = client_als("inkoopadviseur")
    voorbeeld = kalender_uploaden(
        client,
        actieplan,
        [KOPPEN, ["N-1", "Nieuw in het bestand", *RIJ], ["A-9", "Vervalt", *RIJ]],
    )
    als_collega(maak_aanbesteding("N-1", naam="Door de collega gemaakt"))
    weg.delete()
    antwoord = client.post(voorbeeld)
    assert "N-1 is na uw controle toegevoegd door Cor Collega" in antwoord.text
    assert "A-9 is na uw controle verwijderd" in antwoord.text
    assert Aanbesteding.objects.get(kenmerk="N-1").naam == "Door de collega gemaakt"
    assert not Aanbesteding.objects.filter(kenmerk="A-9").exists()


def test_an_action_a_colleague_changed_after_the_preview_is_not_reverted(
    client_als,
    actieplan,
    actie,  # noqa: F811
):
    client = client_als("coordinator")
    bestand = SimpleUploadedFile(
        "planning.xlsx",
        xlsx(
            [
                PLANNINGKOPPEN,
                [actie.pk, 2025, "Kennissessie", "Inkoop", "K1 2025", "K1 2025", "Gepland", ""],
                ["", 2025, "Nieuw", "Inkoop", "K2 2025", "K2 2025", "Gepland", ""],
            ]
        ),
    )
    voorbeeld = client.post(
        reverse("jaarplanning:import", args=[actieplan.pk]), {"bestand": bestand}
    ).url
    assert "1 ongewijzigd" in client.get(voorbeeld).text
    als_collega(actie, titel="Kennissessie MVI-criteria")
    antwoord = client.post(voorbeeld)
    assert f"{actie.pk} is na uw controle gewijzigd door Cor Collega" in antwoord.text
    assert Actie.objects.get(pk=actie.pk).titel == "Kennissessie MVI-criteria"
    assert not Actie.objects.filter(titel="Nieuw").exists()
