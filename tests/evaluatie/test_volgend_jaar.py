"""Preparing the next year: what moves (tenders not started, unfinished actions), what stays
(everything else, and the old year's records), the yearly review of steps 1–3, and running
it twice."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbestedingskalender.models import Aanbesteding, Verplaatsing
from actieplan.models import Actieplan, Jaarafsluiting
from evaluatie import services
from evaluatie.models import Jaarovergang
from jaarplanning import services as planning_services
from jaarplanning.models import Actie, Actorgroep


@pytest.fixture
def jaar_2025(actieplan, maak_aanbesteding, organisatie, lid):
    for kenmerk, status, kwartaal in (
        ("A", "gepland", 2),
        ("B", "uitgesteld", 3),
        ("C", "gegund", 1),
        ("D", "vervallen", 2),
        ("E", "in_voorbereiding", 4),
    ):
        maak_aanbesteding(kenmerk, status=status, startkwartaal=kwartaal)
    groep = Actorgroep.objects.filter(organisatie=organisatie).first()
    vertrokken = lid("mvoi_teamlid")
    for titel, status, van, tot, reden, persoon in (
        ("Gepland", "gepland", 2, 2, "", vertrokken),
        ("Bezig", "bezig", 2, 4, "", None),
        ("Gereed", "gereed", 1, 1, "", None),
        ("Vervallen", "vervallen", 1, 1, "Niet nodig.", None),
        ("Uitgesteld", "uitgesteld", 3, 3, "Trainer ziek.", None),
    ):
        planning_services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2025,
                "titel": titel,
                "actorgroep": groep,
                "startjaar": 2025,
                "startkwartaal": van,
                "eindjaar": 2025,
                "eindkwartaal": tot,
                "status": status,
                "reden": reden,
                "verantwoordelijke": persoon,
            },
        )
    vertrokken.lidmaatschappen.all().delete()


def zichtbaar(html: str) -> str:
    """The page's text as read, without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" )", ")")


def stand(actieplan):
    return (
        sorted(Aanbesteding.objects.values_list("kenmerk", "startjaar", "startkwartaal", "status")),
        sorted(
            Actie.objects.values_list(
                "titel", "jaar", "startkwartaal", "eindkwartaal", "status", "verantwoordelijke"
            ),
            key=str,
        ),
        Verplaatsing.objects.count(),
        list(Jaarovergang.objects.values_list("naar_jaar", "aanbestedingen", "acties")),
        Actieplan.objects.get(pk=actieplan.pk).herziening_jaar,
    )


def test_the_next_year_carries_over_what_is_not_done_and_keeps_the_rest(actieplan, jaar_2025, lid):
    coordinator = lid("coordinator")
    services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=coordinator)
    aanbestedingen, _acties, verplaatsingen, overgangen, herziening = stand(actieplan)
    assert aanbestedingen == [
        ("A", 2026, 1, "uitgesteld"),
        ("B", 2026, 1, "uitgesteld"),
        ("C", 2025, 1, "gegund"),
        ("D", 2025, 2, "vervallen"),
        ("E", 2026, 1, "uitgesteld"),
    ]
    assert verplaatsingen == 3
    assert "Meegenomen naar 2026" in Verplaatsing.objects.first().reden
    nieuw = {a.titel: a for a in Actie.objects.filter(jaar=2026).select_related("voortgezet_uit")}
    assert sorted(nieuw) == ["Bezig", "Gepland", "Uitgesteld"]
    # Each continues in Q1 of the new year, as long as it was, planned again.
    assert (str(nieuw["Bezig"].start), str(nieuw["Bezig"].eind)) == ("K1 2026", "K3 2026")
    assert str(nieuw["Gepland"].start) == str(nieuw["Gepland"].eind) == "K1 2026"
    assert {a.status for a in nieuw.values()} == {"gepland"}
    assert nieuw["Gepland"].verantwoordelijke is None  # left the organisation
    # The old year stays as it was, linked to its continuation.
    oud = Actie.objects.filter(jaar=2025)
    assert oud.count() == 5
    assert nieuw["Uitgesteld"].voortgezet_uit.status == "uitgesteld"
    assert overgangen == [(2026, 3, 3)]
    assert herziening == 2026
    assert Jaarafsluiting.objects.get().jaar == 2025


def test_preparing_twice_changes_nothing_the_second_time(actieplan, jaar_2025, lid):
    coordinator = lid("coordinator")
    services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=coordinator)
    eerst = stand(actieplan)
    services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=coordinator)
    assert stand(actieplan) == eerst


def test_the_last_plan_year_cannot_be_followed_without_a_longer_period(actieplan, lid):
    with pytest.raises(ValidationError, match="Verleng eerst de planperiode"):
        services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2027, door=lid("coordinator"))
    assert not Jaarovergang.objects.exists()


def test_the_coordinator_chooses_previews_confirms_and_then_reviews_steps_1_to_3(
    client_als, actieplan, jaar_2025
):
    client = client_als("coordinator")
    url = reverse("evaluatie:volgend_jaar", args=[actieplan.pk, 2025])
    keuzes = zichtbaar(client.get(url).text)
    assert "3 aanbestedingen van 2025 zijn niet gestart" in keuzes
    assert "3 acties van 2025 zijn niet klaar" in keuzes
    assert not Jaarovergang.objects.exists()  # looking changes nothing
    a, b, e = (Aanbesteding.objects.get(kenmerk=k).pk for k in "ABE")
    gepland = Actie.objects.get(titel="Gepland").pk
    gegevens = {
        f"a{a}_keuze": "verplaatsen",
        f"a{a}_kwartaal": "2",
        f"a{a}_reden": "Markt nog niet klaar.",
        f"a{b}_keuze": "gegund",
        f"a{b}_kwartaal": "1",
        f"a{e}_keuze": "vervalt",
        f"a{e}_kwartaal": "1",
        f"a{e}_reden": "",  # forgotten
    }
    for actie in Actie.objects.filter(jaar=2025, status__in=["gepland", "bezig", "uitgesteld"]):
        gegevens |= {f"b{actie.pk}_keuze": "voortzetten", f"b{actie.pk}_kwartaal": "1"}
    gegevens[f"b{gepland}_keuze"] = "gereed"
    # A drop without its reason: said at the field, nothing done, everything typed kept.
    fout = client.post(url, gegevens | {"stap": "bekijken"})
    assert "Geef de reden waarom Aanbesteding E vervalt." in fout.text
    assert "Markt nog niet klaar." in fout.text
    assert stand(actieplan)[0][0] == ("A", 2025, 2, "gepland")
    gegevens[f"a{e}_reden"] = "Opgegaan in het raamcontract."
    # The preview: exactly what confirming does, and still nothing changed.
    voorbeeld = zichtbaar(client.post(url, gegevens | {"stap": "bekijken"}).text)
    assert "Controleer wat er gebeurt" in voorbeeld
    assert "Aanbesteding A (start K2 2026: Markt nog niet klaar.)" in voorbeeld
    assert "1 blijft in 2025 als gestart of gegund" in voorbeeld
    assert "Aanbesteding E: Opgegaan in het raamcontract." in voorbeeld
    assert "2 gaan door in 2026" in voorbeeld and "1 is gereed" in voorbeeld
    # B awarded counts in 2025's recorded figure; A still counted (it moves after).
    assert "Kansrijke aanbestedingen met een focusthema: 0 van 4 (0%)." in voorbeeld
    assert not Jaarovergang.objects.exists()
    assert not Jaarafsluiting.objects.exists()
    assert Aanbesteding.objects.get(pk=b).status == "uitgesteld"
    # "Keuzes aanpassen" brings the choices back as they were.
    terug = client.post(url, gegevens | {"stap": "aanpassen"}).text
    assert "Opgegaan in het raamcontract." in terug
    assert f'name="a{a}_kwartaal"' in terug and 'value="2" selected' in terug

    antwoord = client.post(url, gegevens | {"stap": "bevestigen"}, follow=True)
    assert "2025 is afgesloten en 2026 is voorbereid: 1 aanbestedingen naar 2026" in " ".join(
        antwoord.text.split()
    )
    assert antwoord.redirect_chain[-1][0].endswith("/stappen/jaarplanning/?jaar=2026")
    assert stand(actieplan)[0] == [
        ("A", 2026, 2, "uitgesteld"),
        ("B", 2025, 3, "gegund"),
        ("C", 2025, 1, "gegund"),
        ("D", 2025, 2, "vervallen"),
        ("E", 2025, 4, "vervallen"),
    ]
    assert Aanbesteding.objects.get(pk=e).reden_vervallen == "Opgegaan in het raamcontract."
    assert Actie.objects.get(pk=gepland).status == "gereed"
    assert Actie.objects.filter(jaar=2026).count() == 2
    assert Jaarafsluiting.objects.get().resultaten["voortgang"]["kansrijk"] == 4
    # The same form sent again (a double click, the back button): nothing more happens.
    eerst = stand(actieplan)
    antwoord = client.post(url, gegevens | {"stap": "bevestigen"}, follow=True)
    assert "Er was niets meer mee te nemen" in antwoord.text
    assert stand(actieplan) == eerst

    detail = reverse("actieplan:detail", args=[actieplan.pk])
    assert "Jaarlijkse herziening voor 2026" in client.get(detail).text
    client.post(
        reverse("actieplan:herziening_afronden", args=[actieplan.pk]),
        {"versie": f"{actieplan.pk}:{Actieplan.objects.get(pk=actieplan.pk).versie}"},
    )
    assert Actieplan.objects.get(pk=actieplan.pk).herziening_jaar is None
    assert "Jaarlijkse herziening voor" not in client.get(detail).text


def test_a_drop_without_a_reason_changes_nothing(actieplan, jaar_2025, lid):
    vooraf = stand(actieplan)
    a = Aanbesteding.objects.get(kenmerk="A")
    with pytest.raises(ValidationError, match="Aanbesteding A: geef de reden"):
        services.volgend_jaar_voorbereiden(
            actieplan=actieplan,
            jaar=2025,
            door=lid("coordinator"),
            aanbestedingen={a.pk: services.Keuze("vervalt")},
        )
    assert stand(actieplan) == vooraf
    assert not Jaarafsluiting.objects.exists()


def test_the_quarterly_meetings_of_both_quarters_show_the_moves(
    client_als, actieplan, jaar_2025, lid
):
    a, e = (Aanbesteding.objects.get(kenmerk=k) for k in "AE")
    services.volgend_jaar_voorbereiden(
        actieplan=actieplan,
        jaar=2025,
        door=lid("coordinator"),
        aanbestedingen={
            a.pk: services.Keuze("verplaatsen", kwartaal=3, reden="Wacht op de raad."),
            e.pk: services.Keuze("vervalt", reden="Niet meer nodig."),
        },
    )
    client = client_als("inkoopadviseur")

    def overleg(jaar, kwartaal):
        url = reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, jaar, kwartaal])
        return " ".join(client.get(url).text.split())

    uit = overleg(2025, 2)
    assert "1 aanbesteding ging naar later" in uit
    assert "Aanbesteding A</a> – naar K3 2026: Wacht op de raad." in uit
    erin = overleg(2026, 3)
    assert "1 aanbesteding kwam erbij" in erin
    assert "Aanbesteding A</a> – uit K2 2025: Wacht op de raad." in erin
    assert "Aanbesteding E</a>: Niet meer nodig." in overleg(2025, 4)
    # B went to Q1 2026 with the default reason.
    assert "Meegenomen naar 2026 bij het voorbereiden van het nieuwe jaar." in overleg(2026, 1)
    assert "Geen aanbesteding is naar of uit dit kwartaal verschoven." in overleg(2025, 1)


@pytest.mark.parametrize("rol", ["mvoi_teamlid", "management", "inkoopadviseur"])
def test_only_the_coordinator_prepares_the_next_year(client_als, rol, actieplan, jaar_2025):
    client = client_als(rol)
    url = reverse("evaluatie:volgend_jaar", args=[actieplan.pk, 2025])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    herzien = reverse("actieplan:herziening_afronden", args=[actieplan.pk])
    assert client.post(herzien).status_code == 403
    assert not Jaarovergang.objects.exists()


def test_a_quarter_not_over_keeps_its_tenders_and_the_year_keeps_its_figure(
    client_als, actieplan, jaar_2025, lid, monkeypatch
):
    # Closed in its last quarter (November 2025): only tenders of quarters that are over
    # move on; E, in Q4, keeps its chance.
    monkeypatch.setattr(services.timezone, "localdate", lambda: datetime.date(2025, 11, 15))
    services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=lid("coordinator"))
    assert sorted(
        Aanbesteding.objects.filter(startjaar=2026).values_list("kenmerk", flat=True)
    ) == ["A", "B"]
    # The figure as it stood before A and B moved on: A, B, C and E were kansrijk.
    assert Jaarafsluiting.objects.get(jaar=2025).resultaten["voortgang"] == {
        "toegepast": 0,
        "kansrijk": 4,
        "doel": None,
        "focusthemas": 0,
    }
    pagina = client_als("management").get(
        reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025"
    )
    tekst = " ".join(pagina.text.split())
    assert "In 0 van de 4 kansrijke aanbestedingen" in tekst
    assert "2025 is afgesloten op" in tekst


@pytest.mark.parametrize("vandaag", [datetime.date(2025, 9, 30), datetime.date(2024, 12, 1)])
def test_a_year_is_closed_from_its_fourth_quarter_on_never_before(
    client_als, actieplan, jaar_2025, lid, monkeypatch, vandaag
):
    """A record made earlier would freeze figures of a year still being worked in."""
    monkeypatch.setattr(services.timezone, "localdate", lambda: vandaag)
    vooraf = stand(actieplan)
    with pytest.raises(ValidationError, match="pas worden afgesloten vanaf het vierde kwartaal"):
        services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=lid("coordinator"))
    assert stand(actieplan) == vooraf
    assert not Jaarafsluiting.objects.exists()
    client = client_als("coordinator")
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "evaluatie"]) + "?jaar=2025")
    assert "2026 voorbereiden" not in stap.text
    pagina = client.get(reverse("evaluatie:volgend_jaar", args=[actieplan.pk, 2025])).text
    assert "pas worden afgesloten vanaf het vierde kwartaal" in pagina


def test_closing_the_review_with_an_old_page_changes_nothing(client_als, actieplan, jaar_2025, lid):
    services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=lid("coordinator"))
    client = client_als("coordinator")
    oud = f"{actieplan.pk}:{Actieplan.objects.get(pk=actieplan.pk).versie}"
    plan = Actieplan.objects.get(pk=actieplan.pk)
    plan.titel = "Intussen gewijzigd"
    plan.save()
    antwoord = client.post(
        reverse("actieplan:herziening_afronden", args=[actieplan.pk]), {"versie": oud}, follow=True
    )
    assert "Iemand anders heeft het plan intussen gewijzigd." in antwoord.text
    assert Actieplan.objects.get(pk=actieplan.pk).herziening_jaar == 2026


@pytest.mark.parametrize("na", [0, 2])
def test_a_failure_half_way_leaves_everything_as_it_was(actieplan, jaar_2025, lid, monkeypatch, na):
    """The next year is one transaction: an error after N new actions (a crash, a full
    disk) undoes the moved tenders, the new actions and the mark too."""
    coordinator = lid("coordinator")
    vooraf = stand(actieplan)
    echte_save = Actie.save
    teller = {"n": 0}

    def breekt(self, *args, **kwargs):
        if self.pk is None:
            teller["n"] += 1
            if teller["n"] > na:
                raise RuntimeError("schijf vol")
        return echte_save(self, *args, **kwargs)

    monkeypatch.setattr(Actie, "save", breekt)
    with pytest.raises(RuntimeError):
        services.volgend_jaar_voorbereiden(actieplan=actieplan, jaar=2025, door=coordinator)
    assert teller["n"] == na + 1  # it did get half-way
    assert stand(actieplan) == vooraf


def test_thousands_of_tenders_come_fifty_a_page_and_choices_travel_between_pages(
    client_als, actieplan
):
    """Issue 26: a large organisation's preparation page listed every tender not started
    with three fields each through the form library (3,100 rows, 4 s). Now the page shows
    50 of each kind, one quarter is chosen for all that move on, and a choice made on one
    page is kept (hidden) while the coordinator looks at another."""
    from bs4 import BeautifulSoup

    from tests.factories import veel_aanbestedingen
    from tests.organisaties.test_views import form_data

    tenders = veel_aanbestedingen(
        actieplan, 120, startjaar=2025, startkwartaal=1, naam="Tender {i:03d}", status="gepland"
    )
    groep = Actorgroep.objects.filter(organisatie=actieplan.organisatie).first()
    Actie.objects.bulk_create(
        Actie(
            actieplan=actieplan,
            jaar=2025,
            titel=f"Actie {i:02d}",
            actorgroep=groep,
            startjaar=2025,
            startkwartaal=1,
            eindjaar=2025,
            eindkwartaal=2,
        )
        for i in range(60)
    )
    client = client_als("coordinator")
    url = reverse("evaluatie:volgend_jaar", args=[actieplan.pk, 2025])
    pagina = client.get(url).text
    assert "120 aanbestedingen van 2025 zijn niet gestart" in zichtbaar(pagina)
    soep = BeautifulSoup(pagina, "html.parser")
    legendes = [r.legend.text for r in soep.select("fieldset.mvoi-keuze-rij")]
    assert len([n for n in legendes if n.startswith("Tender")]) == 50
    assert len([n for n in legendes if n.startswith("Actie")]) == 50
    assert "1–50 van 120 (pagina 1 van 3)" in zichtbaar(pagina)

    eerste, later = tenders[0].pk, tenders[60].pk
    gegevens = form_data(pagina) | {
        "standaard_kwartaal": ["3"],
        f"a{eerste}_keuze": ["vervalt"],
        f"a{eerste}_reden": ["Opgegaan in het raamcontract."],
    }
    pagina = client.post(url, gegevens | {"naar": ["a2"]}).text
    soep = BeautifulSoup(pagina, "html.parser")
    legendes = [r.legend.text for r in soep.select("fieldset.mvoi-keuze-rij")]
    tenders_hier = [n for n in legendes if n.startswith("Tender")]
    assert tenders_hier[0] == "Tender 050" and len(tenders_hier) == 50
    assert soep.select_one(f"input[type=hidden][name=a{eerste}_keuze]")["value"] == "vervalt"
    assert soep.select_one("#id_standaard_kwartaal option[selected]")["value"] == "3"
    assert not Jaarovergang.objects.exists()  # turning pages changes nothing

    gegevens = form_data(pagina) | {f"a{later}_keuze": ["gegund"]}
    voorbeeld = zichtbaar(client.post(url, gegevens | {"stap": "bekijken"}).text)
    assert "Controleer wat er gebeurt" in voorbeeld
    assert "1 blijft in 2025 als gestart of gegund" in voorbeeld
    assert "Tender 000: Opgegaan in het raamcontract." in voorbeeld
    assert "118 gaan naar 2026" in voorbeeld

    client.post(url, gegevens | {"stap": "bevestigen"})
    stand_nu = dict(Aanbesteding.objects.values_list("pk", "status"))
    assert stand_nu[eerste] == "vervallen" and stand_nu[later] == "gegund"
    verplaatst = Aanbesteding.objects.filter(actieplan=actieplan, startjaar=2026)
    assert verplaatst.count() == 118
    assert set(verplaatst.values_list("startkwartaal", flat=True)) == {3}
    # The quarter for all is the tenders': every action continues in Q1, on a page or not.
    voortgezet = Actie.objects.filter(actieplan=actieplan, jaar=2026)
    assert voortgezet.count() == 60
    assert set(voortgezet.values_list("startkwartaal", flat=True)) == {1}


def test_a_choice_for_another_plans_tender_is_ignored(client_als, actieplan, ander_actieplan):
    """Rows sent from other pages are read by their key within this plan's list only."""
    from tests.factories import veel_aanbestedingen

    eigen = veel_aanbestedingen(actieplan, 1, startjaar=2025, status="gepland")[0]
    vreemd = veel_aanbestedingen(ander_actieplan, 1, startjaar=2025, status="gepland")[0]
    client = client_als("coordinator")
    url = reverse("evaluatie:volgend_jaar", args=[actieplan.pk, 2025])
    client.post(
        url,
        {
            f"a{vreemd.pk}_keuze": "vervalt",
            f"a{vreemd.pk}_reden": "Weg ermee.",
            "stap": "bevestigen",
        },
    )
    vreemd.refresh_from_db()
    eigen.refresh_from_db()
    assert (vreemd.status, vreemd.startjaar) == ("gepland", 2025)
    assert (eigen.status, eigen.startjaar) == ("uitgesteld", 2026)
