"""Quarter arithmetic, postponement, comply-or-explain and the progress figure."""

import pytest
from django.core.exceptions import ValidationError

from aanbestedingskalender import selectors, services
from aanbestedingskalender.models import Aanbesteding
from actieplan import services as plan_services
from basis.kwartalen import Kwartaal
from themes.models import Doelsoort


@pytest.mark.parametrize(
    ("start", "stappen", "uitkomst"),
    [
        ((2025, 1), 1, (2025, 2)),
        ((2025, 4), 1, (2026, 1)),
        ((2025, 1), -1, (2024, 4)),
        ((2025, 3), 6, (2027, 1)),
        ((2025, 2), 0, (2025, 2)),
    ],
)
def test_quarter_arithmetic(start, stappen, uitkomst):
    assert Kwartaal(*start) + stappen == Kwartaal(*uitkomst)
    assert (Kwartaal(*start) + stappen) - Kwartaal(*start) == stappen


def test_quarters_compare_parse_and_print():
    assert Kwartaal(2024, 4) < Kwartaal(2025, 1)
    assert Kwartaal.parse("2025 K2") == Kwartaal.parse("q2-2025") == Kwartaal(2025, 2)
    assert str(Kwartaal(2025, 2)) == "K2 2025"
    import datetime

    assert Kwartaal.van_datum(datetime.date(2025, 11, 21)) == Kwartaal(2025, 4)
    with pytest.raises(ValueError):
        Kwartaal(2025, 5)
    with pytest.raises(ValueError, match="geen kwartaal"):
        Kwartaal.parse("volgend jaar")


def test_postponing_moves_to_a_later_quarter_and_keeps_the_history(maak_aanbesteding, adviseur):
    aanbesteding = maak_aanbesteding(startjaar=2025, startkwartaal=4)
    services.aanbesteding_verplaatsen(
        aanbesteding=aanbesteding, naar=Kwartaal(2026, 2), reden="Budget pas in 2026", door=adviseur
    )
    services.aanbesteding_verplaatsen(
        aanbesteding=aanbesteding,
        naar=Kwartaal(2026, 3),
        reden="Markt nog niet klaar",
        door=adviseur,
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.start == Kwartaal(2026, 3)
    assert aanbesteding.status == Aanbesteding.Status.UITGESTELD
    assert [
        (str(v.van), str(v.naar), v.reden)
        for v in selectors.verplaatsingen(aanbesteding=aanbesteding)
    ] == [
        ("K4 2025", "K2 2026", "Budget pas in 2026"),
        ("K2 2026", "K3 2026", "Markt nog niet klaar"),
    ]


@pytest.mark.parametrize("naar", [Kwartaal(2025, 2), Kwartaal(2025, 1)])
def test_postponing_to_the_same_or_an_earlier_quarter_is_refused(maak_aanbesteding, adviseur, naar):
    aanbesteding = maak_aanbesteding(startjaar=2025, startkwartaal=2)
    with pytest.raises(ValidationError, match="alleen naar een later kwartaal"):
        services.aanbesteding_verplaatsen(
            aanbesteding=aanbesteding, naar=naar, reden="x", door=adviseur
        )
    aanbesteding.refresh_from_db()
    assert aanbesteding.start == Kwartaal(2025, 2)
    assert not aanbesteding.verplaatsingen.exists()


def test_comply_or_explain_once_published(maak_aanbesteding):
    aanbesteding = maak_aanbesteding(toepassingen={"klimaat": {"toegepast": False, "uitleg": ""}})
    assert aanbesteding.toepassingen.get().uitleg_ontbreekt  # allowed while planned

    with pytest.raises(ValidationError, match="leg uit waarom Klimaat niet is toegepast"):
        maak_aanbesteding(
            "A-2",
            status=Aanbesteding.Status.GEPUBLICEERD,
            toepassingen={"klimaat": {"toegepast": False, "uitleg": " "}},
        )
    assert not Aanbesteding.objects.filter(kenmerk="A-2").exists()

    maak_aanbesteding(
        "A-3",
        status=Aanbesteding.Status.GEGUND,
        toepassingen={
            "klimaat": {"toegepast": False, "uitleg": "Geen passende criteria."},
            "milieu": {"toegepast": True, "vorm": "minimumeis"},
        },
    )


def test_an_applied_theme_needs_its_form(maak_aanbesteding):
    with pytest.raises(ValidationError, match="in welke vorm"):
        maak_aanbesteding(toepassingen={"klimaat": {"toegepast": True, "vorm": ""}})


def test_an_owner_must_be_a_member(maak_aanbesteding):
    from tests.factories import UserFactory

    with pytest.raises(ValidationError, match="lid zijn van de organisatie"):
        maak_aanbesteding(eigenaar=UserFactory())


def test_progress_counts_kansrijke_tenders_with_a_focus_theme_applied(
    actieplan, maak_aanbesteding, themas
):
    plan_services.themakeuze_opslaan(
        actieplan=actieplan,
        keuzes={
            t: {"focus": s in ("klimaat", "circulair"), "onderbouwing": "o", "doorlopend": ""}
            for s, t in themas.items()
        },
    )
    plan_services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {
                "soort": Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN),
                "jaar": 2025,
                "streefwaarde": 75,
            }
        ],
    )
    toegepast = {"toegepast": True, "vorm": "gunningscriterium"}
    maak_aanbesteding("A", toepassingen={"klimaat": toegepast})
    maak_aanbesteding("B", toepassingen={"circulair": toegepast, "milieu": toegepast})
    maak_aanbesteding("C", toepassingen={"milieu": toegepast})  # not a focus theme
    maak_aanbesteding("D", toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding("E", kansrijk=False, toepassingen={"klimaat": toegepast})  # not counted
    maak_aanbesteding("F", status="vervallen", toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding("G", startjaar=2026, toepassingen={"klimaat": toegepast})  # other year

    voortgang = selectors.voortgang(actieplan=actieplan, jaar=2025)
    assert (voortgang.toegepast, voortgang.kansrijk, voortgang.percentage) == (2, 4, 50)
    assert (voortgang.doel, voortgang.doel_gehaald) == (75, False)
    assert selectors.voortgang(actieplan=actieplan, jaar=2027).percentage is None


def test_deviations_up_to_a_quarter(maak_aanbesteding):
    maak_aanbesteding("A", startkwartaal=1, toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding(
        "B", startkwartaal=3, toepassingen={"milieu": {"toegepast": False, "uitleg": "u"}}
    )
    maak_aanbesteding(
        "C", startkwartaal=1, status="vervallen", toepassingen={"klimaat": {"toegepast": False}}
    )
    maak_aanbesteding(
        "D", startkwartaal=1, toepassingen={"klimaat": {"toegepast": True, "vorm": "anders"}}
    )
    afwijkingen = selectors.afwijkingen(
        actieplan=maak_aanbesteding("E", startjaar=2030).actieplan, tot_en_met=Kwartaal(2025, 2)
    )
    assert [(a.aanbesteding.kenmerk, a.thema.slug, a.uitleg_ontbreekt) for a in afwijkingen] == [
        ("A", "klimaat", True)
    ]


def test_earlier_years_show_only_unexplained_deviations(maak_aanbesteding):
    maak_aanbesteding("OUD-1", startjaar=2025, toepassingen={"klimaat": {"toegepast": False}})
    maak_aanbesteding(
        "OUD-2", startjaar=2025, toepassingen={"milieu": {"toegepast": False, "uitleg": "u"}}
    )
    plan = maak_aanbesteding(
        "NU-1",
        startjaar=2026,
        startkwartaal=1,
        toepassingen={"circulair": {"toegepast": False, "uitleg": "u"}},
    ).actieplan
    afwijkingen = selectors.afwijkingen(actieplan=plan, tot_en_met=Kwartaal(2026, 2))
    assert [a.aanbesteding.kenmerk for a in afwijkingen] == ["OUD-1", "NU-1"]
