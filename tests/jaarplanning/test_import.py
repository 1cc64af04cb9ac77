"""Importing a year planning the calendar's way: upload, a preview of what is added and
changed with every error by row and column, then confirm – all rows or none. The number is
the key, and only this plan's numbers are accepted."""

import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanbestedingskalender.models import Importbestand
from jaarplanning import services
from jaarplanning.models import Actie, Actorgroep
from tests.aanbestedingskalender.test_resources import xlsx
from tests.factories import ActieplanFactory


@pytest.fixture
def actie(actieplan, organisatie):
    return services.actie_opslaan(
        actieplan=actieplan,
        velden={
            "jaar": 2025,
            "titel": "Kennissessie",
            "actorgroep": Actorgroep.objects.get(organisatie=organisatie, naam="Inkoop"),
            "startjaar": 2025,
            "startkwartaal": 1,
            "eindjaar": 2025,
            "eindkwartaal": 1,
        },
    )


def uploaden(client, actieplan, rijen):
    bestand = SimpleUploadedFile("planning.xlsx", xlsx(rijen))
    antwoord = client.post(
        reverse("jaarplanning:import", args=[actieplan.pk]), {"bestand": bestand}
    )
    assert antwoord.status_code == 302, antwoord.content
    return antwoord.url


def fouten(pagina) -> list[list[str]]:
    soup = BeautifulSoup(pagina.text, "html.parser")
    return [
        [cel.get_text(strip=True) for cel in tr.find_all("td")]
        for tr in soup.select("table tbody tr")
    ]


def test_export_change_add_and_import_back(client_als, actieplan, actie):
    client = client_als("mvoi_teamlid")
    export = client.get(reverse("jaarplanning:export", args=[actieplan.pk]) + "?formaat=xlsx")
    rijen = [list(rij) for rij in openpyxl.load_workbook(io.BytesIO(export.content)).active.values]
    koppen = rijen[0]
    rij = dict(zip(koppen, rijen[1], strict=True))
    assert str(rij["Nummer"]) == str(actie.pk)
    rij |= {"Status": "Gereed", "Tot en met kwartaal": "K2 2025", "Extra budget (€)": "€ 1.250,50"}
    nieuw = dict.fromkeys(koppen, "") | {
        "Jaarplanning": 2025,
        "Actie": "Checklist duurzaamheid",
        "Actorgroep": "mvoi-team",  # any case
        "Vanaf kwartaal": "K4 2024",
        "Tot en met kwartaal": "Q1-2025",
        "Status": "gepland",
        "Borgingsactie": "Borging in het inkoopproces",
    }
    voorbeeld = uploaden(
        client, actieplan, [koppen, [rij[k] for k in koppen], [nieuw[k] for k in koppen]]
    )
    pagina = client.get(voorbeeld)
    assert "1 toe te voegen, 1 te wijzigen, 0 ongewijzigd." in pagina.text
    assert "Status: „Gepland” → „Gereed”" in pagina.text
    assert "Rij 3: Checklist duurzaamheid (vanaf K4 2024)" in pagina.text
    assert Actie.objects.count() == 1  # looking changes nothing

    antwoord = client.post(voorbeeld, follow=True)
    assert "Import klaar: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd." in antwoord.text
    actie.refresh_from_db()
    assert (actie.status, actie.eindkwartaal, actie.extra_budget) == (
        "gereed",
        2,
        Decimal("1250.50"),
    )
    toegevoegd = Actie.objects.exclude(pk=actie.pk).get()
    assert (toegevoegd.actorgroep.naam, str(toegevoegd.start), toegevoegd.borging) == (
        "MVOI-team",
        "K4 2024",
        "inkoopproces",
    )
    assert not Importbestand.objects.exists()


KOPPEN = ["Nummer", "Jaarplanning", "Actie", "Actorgroep", "Vanaf kwartaal"]
KOPPEN += ["Tot en met kwartaal", "Status", "Reden"]


def test_every_error_by_row_and_column_and_nothing_changes(
    client_als, actieplan, actie, andere_organisatie
):
    vreemd = services.actie_opslaan(
        actieplan=(ander := ActieplanFactory(organisatie=andere_organisatie)),
        velden={
            "jaar": 2025,
            "titel": "Van een ander",
            "actorgroep": Actorgroep.objects.filter(organisatie=andere_organisatie).first(),
            "startjaar": 2025,
            "startkwartaal": 1,
            "eindjaar": 2025,
            "eindkwartaal": 1,
        },
    )
    client = client_als("coordinator")
    voorbeeld = uploaden(
        client,
        actieplan,
        [
            KOPPEN,
            ["", 2025, "Goed", "Inkoop", "K1 2025", "K1 2025", "Gepland", ""],
            ["", 2025, "Slecht kwartaal", "Inkoop", "K5 2025", "K1 2025", "Gepland", ""],
            ["", 2025, "Onbekende groep", "Raad", "K1 2025", "K1 2025", "Gepland", ""],
            [vreemd.pk, 2025, "Overnemen", "Inkoop", "K1 2025", "K1 2025", "Gepland", ""],
            ["", 2025, "Uitgesteld", "Inkoop", "K2 2025", "K2 2025", "Uitgesteld", ""],
            ["", 2025, "Te laat", "Inkoop", "K2 2026", "K2 2026", "Gepland", ""],
        ],
    )
    pagina = client.get(voorbeeld)
    regels = fouten(pagina)
    assert regels[0][:2] == ["3", "Vanaf kwartaal"] and "K5 2025" in regels[0][2]
    assert ["4", "Actorgroep", "Onbekende actorgroep 'Raad'."] in regels
    assert any(r[0] == "5" and "geen actie van dit plan" in r[2] for r in regels)
    assert ["6", "Reden", "Schrijf op waarom de actie uitgesteld is."] in regels
    assert any(
        r[:2] == ["7", "Vanaf kwartaal"] and "tussen K4 2024 en K4 2025" in r[2] for r in regels
    )
    assert "Import bevestigen" not in pagina.text
    client.post(voorbeeld)
    assert list(Actie.objects.filter(actieplan=actieplan).values_list("titel", flat=True)) == [
        "Kennissessie"
    ]
    vreemd.refresh_from_db()
    assert (vreemd.titel, vreemd.actieplan) == ("Van een ander", ander)


def test_a_missing_column_and_a_doubled_number_are_told_at_the_header_and_row(
    client_als, actieplan, actie
):
    client = client_als("coordinator")
    voorbeeld = uploaden(
        client,
        actieplan,
        [
            ["Nummer", "Actie", "Actorgroep"],
            [actie.pk, "A", "Inkoop"],
            [actie.pk, "B", "Inkoop"],
        ],
    )
    regels = fouten(client.get(voorbeeld))
    assert any(
        r[0] == "1" and "Jaarplanning, Vanaf kwartaal, Tot en met kwartaal, Status" in r[2]
        for r in regels
    )
    assert ["3", "Nummer", f"Nummer {actie.pk} staat ook in rij 2."] in regels


def test_a_planning_upload_is_not_a_calendar_upload(client_als, actieplan, actie):
    client = client_als("mvoi_teamlid")  # may import both
    voorbeeld = uploaden(client, actieplan, [KOPPEN])
    upload = Importbestand.objects.get()
    assert upload.soort == "jaarplanning"
    kalender = reverse("aanbestedingskalender:import_voorbeeld", args=[actieplan.pk, upload.pk])
    assert client.get(kalender).status_code == 404
    assert client.post(kalender).status_code == 404
    assert client.get(voorbeeld).status_code == 200


@pytest.mark.parametrize("rol", ["management", "inkoopadviseur"])
def test_others_cannot_import_a_planning(client_als, rol, actieplan):
    client = client_als(rol)
    url = reverse("jaarplanning:import", args=[actieplan.pk])
    assert client.get(url).status_code == 403
    bestand = SimpleUploadedFile("planning.xlsx", xlsx([KOPPEN]))
    assert client.post(url, {"bestand": bestand}).status_code == 403
    assert not Importbestand.objects.exists()


def test_a_confirm_that_fails_after_the_preview_changes_nothing(
    client_als, actieplan, actie, organisatie
):
    client = client_als("coordinator")
    voorbeeld = uploaden(
        client,
        actieplan,
        [
            KOPPEN,
            [
                actie.pk,
                2025,
                "Kennissessie (gewijzigd)",
                "Inkoop",
                "K1 2025",
                "K1 2025",
                "Gepland",
                "",
            ],
            ["", 2025, "Nieuw", "Wethouder", "K2 2025", "K2 2025", "Gepland", ""],
        ],
    )
    Actorgroep.objects.create(organisatie=organisatie, naam="Wethouder")  # for the preview
    voorbeeld = uploaden(
        client,
        actieplan,
        [
            KOPPEN,
            [
                actie.pk,
                2025,
                "Kennissessie (gewijzigd)",
                "Inkoop",
                "K1 2025",
                "K1 2025",
                "Gepland",
                "",
            ],
            ["", 2025, "Nieuw", "Wethouder", "K2 2025", "K2 2025", "Gepland", ""],
        ],
    )
    assert "Import bevestigen" in client.get(voorbeeld).text
    Actorgroep.objects.filter(naam="Wethouder").delete()  # gone before the confirm
    antwoord = client.post(voorbeeld, follow=True)
    assert "De import is niet uitgevoerd: er is niets veranderd." in antwoord.text
    actie.refresh_from_db()
    assert actie.titel == "Kennissessie"  # the valid first row was rolled back too
    assert Actie.objects.count() == 1


def test_a_blank_header_and_a_year_that_is_no_number_are_told_in_dutch(
    client_als, actieplan, actie
):
    client = client_als("coordinator")
    voorbeeld = uploaden(
        client,
        actieplan,
        [
            [*KOPPEN, "", "Hoe"],
            ["", "abc", "X", "Inkoop", "K1 2025", "K1 2025", "Gepland", "", "", "Zo"],
        ],
    )
    pagina = client.get(voorbeeld)
    assert pagina.status_code == 200
    assert ["2", "Jaarplanning", "'abc' is geen geheel getal."] in fouten(pagina)
