"""The rows a preview read, kept with the upload as JSON (issue 26): every kind of value a
spreadsheet or CSV gives comes back as it was read, or, where JSON in the database cannot
hold it, nothing is kept and the confirm reads the file again."""

import datetime
import math

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
