"""The rows a preview read, kept with the upload as JSON (issue 26): every kind of value a
spreadsheet or CSV gives comes back as it was read, or, where JSON in the database cannot
hold it, nothing is kept and the confirm reads the file again."""

import datetime
import math

import pytest

from aanbestedingskalender import bestanden
from aanbestedingskalender.models import Importbestand
from tests.aanbestedingskalender.test_resources import xlsx


def test_every_kind_of_cell_comes_back_as_it_was_read():
    dataset = bestanden.lezen(
        xlsx(
            [
                ["Tekst", "Geheel", "Getal", "Waar", "Datum", "Tijdstip", "Tijd", "Leeg"],
                [
                    "Schoonmaak ‘24’",
                    2026,
                    12.5,
                    True,
                    datetime.datetime(2026, 3, 1),
                    datetime.datetime(2026, 3, 1, 14, 30, 5),
                    datetime.time(9, 15),
                    None,
                ],
                ["x", 0, 1 / 3, False, None, None, None, "laatste"],
            ]
        ),
        "xlsx",
    )
    terug = bestanden.gelezen_uit_json(bestanden.gelezen_als_json(dataset))
    assert terug.headers == dataset.headers
    assert (terug.koprij, terug.rijnummers) == (dataset.koprij, dataset.rijnummers) == (1, [2, 3])
    for oud, nieuw in zip(dataset, terug, strict=True):
        assert list(nieuw) == list(oud)
        assert [type(w) for w in nieuw] == [type(w) for w in oud]


def test_values_json_in_the_database_cannot_hold():
    dataset = bestanden.gelezen_uit_json(
        {"koppen": ["A"], "koprij": 1, "rijnummers": [2], "rijen": [[{"float": "inf"}]]}
    )
    assert math.isinf(dataset[0][0])
    assert bestanden.gelezen_als_json(dataset)["rijen"] == [[{"float": "inf"}]]
    dataset.append(["met\x00nul"])
    dataset.rijnummers.append(3)
    assert bestanden.gelezen_als_json(dataset) is None  # the confirm reads the file


def test_a_file_that_cannot_be_read_keeps_no_rows_and_says_why(actieplan, lid):
    from aanbestedingskalender import importeren

    upload = importeren.importbestand_opslaan(
        actieplan=actieplan, door=lid("inkoopadviseur"), bestandsnaam="k.xlsx", inhoud=b"geen"
    )
    assert upload.gelezen is None
    assert "geen Excel-bestand" in upload.controle["fouten"][0]["melding"]
    assert Importbestand.objects.get() == upload


def test_the_kept_rows_come_back_from_the_database_as_the_file_gave_them(actieplan, lid):
    """Stored and read back (PostgreSQL's jsonb keeps numbers as decimals: 1e16 would come
    back as a whole number, -0.0 as 0.0), the confirm imports exactly what the file held."""
    from aanbestedingskalender import importeren

    inhoud = xlsx(
        [
            ["Kenmerk", "Getal", "Duur"],
            [1.2345678901234568e16, -0.0, datetime.timedelta(days=10**6, microseconds=7)],
            [12345678901234567890, 0.1, None],
        ]
    )
    importeren.importbestand_opslaan(
        actieplan=actieplan, door=lid("inkoopadviseur"), bestandsnaam="k.xlsx", inhoud=inhoud
    )
    terug = importeren.gelezen_van(Importbestand.objects.get())
    uit_bestand = bestanden.lezen(inhoud, "xlsx")
    for oud, nieuw in zip(uit_bestand, terug, strict=True):
        assert [(type(w), repr(w)) for w in nieuw] == [(type(w), repr(w)) for w in oud]


def test_a_csv_with_a_nul_byte_anywhere_is_refused_in_words():
    inhoud = b"Kenmerk;Naam\n" + b"A-1;Schoonmaak\n" * 400 + b"B-\x00;Nul\n"
    assert len(inhoud) > 4096
    with pytest.raises(bestanden.BestandFout, match="geen CSV-bestand"):
        bestanden.lezen(inhoud, "csv")
