"""Steps 5 and 6: the planning's rules, the grid and the list, roles, completeness and
query counts."""

import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from actieplan.stappen import STAPPEN_OP_SLUG, register
from jaarplanning import selectors, services
from jaarplanning.models import STANDAARD_ACTORGROEPEN, Actie, Actorgroep, Borging
from plandocument import document
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.organisaties.test_views import form_data

STAP_5 = register.inhoud(STAPPEN_OP_SLUG["borging"])
STAP_6 = register.inhoud(STAPPEN_OP_SLUG["jaarplanning"])


@pytest.fixture
def groepen(organisatie):
    return {g.naam: g for g in Actorgroep.objects.filter(organisatie=organisatie)}


@pytest.fixture
def maak_actie(actieplan, groepen):
    def maak(titel="Kennissessie", van=(2025, 1), tot=None, groep="Inkoop", **velden):
        tot = tot or van
        return services.actie_opslaan(
            actieplan=actieplan,
            velden={
                "jaar": 2025,
                "titel": titel,
                "actorgroep": groepen[groep],
                "startjaar": van[0],
                "startkwartaal": van[1],
                "eindjaar": tot[0],
                "eindkwartaal": tot[1],
            }
            | velden,
        )

    return maak


def test_a_new_organisation_starts_with_the_reference_actor_groups(db):
    organisatie = OrganisatieFactory()
    assert [g.naam for g in selectors.actorgroep_list(organisatie=organisatie)] == (
        STANDAARD_ACTORGROEPEN
    )
    services.actorgroepen_aanmaken(organisatie=organisatie)  # idempotent
    assert Actorgroep.objects.filter(organisatie=organisatie).count() == 5


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"van": (2024, 3)}, "startkwartaal", "begint tussen K4 2024 en K4 2025"),
        ({"van": (2025, 2), "tot": (2026, 1)}, "eindkwartaal", "uiterlijk tot en met K4 2025"),
        ({"van": (2025, 3), "tot": (2025, 2)}, "eindkwartaal", "vóór het eerste"),
        ({"jaar": 2031}, "jaar", "Kies een jaar van de planperiode (2024–2027)"),
        ({"status": Actie.Status.VERVALLEN}, "reden", "Schrijf op waarom de actie vervallen is"),
        ({"status": Actie.Status.UITGESTELD}, "reden", "waarom de actie uitgesteld is"),
    ],
)
def test_the_planning_rules_are_told_at_their_field(maak_actie, velden, veld, melding):
    with pytest.raises(ValidationError) as fout:
        maak_actie(**velden)
    assert melding in " ".join(fout.value.message_dict[veld])
    assert not Actie.objects.exists()


def test_an_action_may_start_in_q4_of_the_year_before_and_span_quarters(maak_actie):
    actie = maak_actie(van=(2024, 4), tot=(2025, 2))
    assert [str(k) for k in actie.kwartalen] == ["K4 2024", "K1 2025", "K2 2025"]
    assert actie.periode == "K4 2024 – K2 2025"


def test_foreign_groups_people_and_tenders_are_refused(
    maak_actie, andere_organisatie, ander_actieplan, lid
):
    vreemd = Actorgroep.objects.filter(organisatie=andere_organisatie).first()
    buitenstaander = LidmaatschapFactory(organisatie=andere_organisatie).user
    from aanbestedingskalender.models import Aanbesteding

    vreemde_aanbesteding = Aanbesteding.objects.create(
        actieplan=ander_actieplan,
        kenmerk="V-1",
        naam="Vreemd",
        procedure="anders",
        soort="werken",
        startjaar=2025,
        startkwartaal=1,
    )
    with pytest.raises(ValidationError) as fout:
        maak_actie(
            actorgroep=vreemd,
            verantwoordelijke=buitenstaander,
            aanbesteding=vreemde_aanbesteding,
        )
    assert set(fout.value.message_dict) == {"actorgroep", "verantwoordelijke", "aanbesteding"}


def test_team_member_adds_an_action_with_dutch_amounts_by_posting_the_rendered_form(
    client_als, actieplan, groepen
):
    client = client_als("mvoi_teamlid")
    url = reverse("jaarplanning:actie_nieuw", args=[actieplan.pk]) + "?jaar=2025"
    data = form_data(client.get(url).text)
    assert data["start"] == ["K1 2025"]
    data |= {
        "titel": ["Kennissessie CO₂-prestatieladder"],
        "actorgroep": [str(groepen["Projectleiders aanbesteding"].pk)],
        "start": ["K4 2024"],
        "eind": ["K2 2025"],
        "extra_budget": ["€ 2.500"],
        "extra_uren": ["12,5"],
        "borging": ["eenmalig"],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    actie = Actie.objects.get()
    assert (actie.startjaar, actie.startkwartaal, actie.eindjaar, actie.eindkwartaal) == (
        2024,
        4,
        2025,
        2,
    )
    assert (actie.extra_budget, actie.extra_uren) == (Decimal("2500"), Decimal("12.5"))
    assert response["Location"].endswith("/stappen/jaarplanning/?jaar=2025")

    # The grid shows it in each of its three quarters; step 5 lists it in its group.
    raster = BeautifulSoup(client.get(response["Location"]).text, "html.parser")
    rij = raster.find("th", string="Projectleiders aanbesteding").parent
    cellen = [" ".join(td.text.split()) for td in rij.find_all("td")]
    assert cellen == ["Kennissessie CO₂-prestatieladder"] * 3 + ["", ""]
    borging = client.get(reverse("actieplan:stap", args=[actieplan.pk, "borging"]) + "?jaar=2025")
    groep = BeautifulSoup(borging.text, "html.parser").find(
        "h3", string="Borging in de organisatie, eenmalig"
    )
    assert "Kennissessie CO₂-prestatieladder" in groep.find_next("ul").text


def test_a_wrong_quarter_keeps_the_input_and_marks_the_field(client_als, actieplan, groepen):
    client = client_als("coordinator")
    url = reverse("jaarplanning:actie_nieuw", args=[actieplan.pk]) + "?jaar=2025"
    data = form_data(client.get(url).text) | {
        "titel": ["Te laat"],
        "start": ["K2 2026"],
        "eind": ["K2 2026"],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("select", attrs={"name": "start"})["aria-invalid"] == "true"
    assert "begint tussen K4 2024 en K4 2025" in soup.text
    assert soup.find("input", attrs={"name": "titel"})["value"] == "Te laat"
    assert not Actie.objects.exists()


@pytest.mark.parametrize("rol", ["management", "inkoopadviseur"])
def test_others_read_the_planning_but_do_not_change_it(client_als, rol, actieplan, maak_actie):
    actie = maak_actie()
    client = client_als(rol)
    assert (
        client.get(reverse("actieplan:stap", args=[actieplan.pk, "jaarplanning"])).status_code
        == 200
    )
    assert client.get(reverse("jaarplanning:acties", args=[actieplan.pk])).status_code == 200
    for url in (
        reverse("jaarplanning:actie_nieuw", args=[actieplan.pk]),
        reverse("jaarplanning:actie_wijzigen", args=[actieplan.pk, actie.pk]),
        reverse("jaarplanning:actie_verwijderen", args=[actieplan.pk, actie.pk]),
        reverse("jaarplanning:borging", args=[actieplan.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    assert Actie.objects.filter(pk=actie.pk).exists()


def test_delete_asks_first(client_als, actieplan, maak_actie):
    actie = maak_actie()
    client = client_als("mvoi_teamlid")
    url = reverse("jaarplanning:actie_verwijderen", args=[actieplan.pk, actie.pk])
    assert "Kennissessie verwijderen?" in client.get(url).text
    assert Actie.objects.exists()
    data = form_data(client.get(url).text)
    # Someone changes the action while the confirmation page is open: nothing is deleted.
    services.actie_opslaan(actieplan=actieplan, actie=actie, velden={"titel": "Kennissessie 2"})
    antwoord = client.post(url, data, follow=True)
    assert "Iemand anders heeft deze actie intussen gewijzigd" in antwoord.text
    assert Actie.objects.exists()
    client.post(url, form_data(client.get(url).text))
    assert not Actie.objects.exists()


def test_the_list_filters_and_sums_budget_and_hours(client_als, actieplan, maak_actie):
    maak_actie("A", van=(2025, 1), extra_budget=Decimal("1000"), extra_uren=Decimal("8"))
    maak_actie("B", van=(2025, 1), tot=(2025, 3), extra_budget=Decimal("250.50"))
    maak_actie("C", van=(2025, 4), status=Actie.Status.GEREED, extra_uren=Decimal("4.5"))
    maak_actie("D", van=(2025, 2), groep="GMT & DT")
    maak_actie(
        "E", van=(2025, 3), status="vervallen", reden="Niet nodig", extra_budget=Decimal("999")
    )
    client = client_als("management")
    url = reverse("jaarplanning:acties", args=[actieplan.pk])

    def titels_en_totaal(query):
        soup = BeautifulSoup(client.get(url + query).text, "html.parser")
        titels = [th.find("a") or th for th in soup.select("tbody th")]
        regel = soup.find("p", string=lambda t: t and "extra budget samen" in t)
        return [t.text.strip() for t in titels], " ".join(regel.text.split())

    assert titels_en_totaal("?jaar=2025") == (
        ["A", "B", "D", "E", "C"],
        "5 acties; extra budget samen € 1.250,50, extra capaciteit samen 12,5 uur "
        "(vervallen acties tellen niet mee).",
    )
    assert titels_en_totaal("?jaar=2025&kwartaal=K2+2025")[0] == ["B", "D"]
    assert titels_en_totaal("?jaar=2025&status=gereed")[0] == ["C"]
    # A bad value drops that filter only; the year still applies.
    assert titels_en_totaal("?jaar=2025&kwartaal=xyz&status=gereed")[0] == ["C"]


def test_completeness_of_steps_5_and_6(actieplan, maak_actie):
    assert not STAP_6.compleet(actieplan, jaar=2025)
    maak_actie(
        status=Actie.Status.VERVALLEN,
        reden="Niet meer nodig",
        borging=Actie.Borgingsgroep.EENMALIG,
    )
    assert not STAP_6.compleet(actieplan, jaar=2025)
    maak_actie("Gewone actie")  # not an embedding action
    assert STAP_6.compleet(actieplan, jaar=2025)
    assert not STAP_6.compleet(actieplan, jaar=2026)
    services.borging_opslaan(
        actieplan=actieplan, in_organisatie="SROI leeft.", in_inkoopproces="Startdocument."
    )
    # Texts, but only a dropped embedding action and an ordinary one: not yet.
    assert not STAP_5.compleet(actieplan, jaar=2025)
    maak_actie("Kwartaaloverleg", borging=Actie.Borgingsgroep.STRUCTUREEL)
    assert STAP_5.compleet(actieplan, jaar=2025)
    Borging.objects.update(in_inkoopproces="")

    assert not STAP_5.compleet(actieplan, jaar=2025)  # a text is missing
    services.borging_opslaan(
        actieplan=actieplan,
        in_organisatie="SROI leeft.",
        in_inkoopproces="MVOI in het startdocument.",
    )
    assert STAP_5.compleet(actieplan, jaar=2025)
    assert not STAP_5.compleet(actieplan, jaar=2026)  # no embedding action that year


def test_user_text_is_escaped_in_the_pages_and_the_document(client_als, actieplan, maak_actie):
    maak_actie(
        "<script>alert(1)</script>",
        borging=Actie.Borgingsgroep.EENMALIG,
        hoe="<i>hoe</i>",
        omschrijving="<u>omschrijving</u>",
    )
    services.borging_opslaan(
        actieplan=actieplan, in_organisatie="<b>vet</b>\nregel 2", in_inkoopproces=""
    )
    client = client_als("management")
    paginas = {
        reverse("actieplan:stap", args=[actieplan.pk, "jaarplanning"]) + "?jaar=2025": 1,
        reverse("jaarplanning:acties", args=[actieplan.pk]) + "?jaar=2025": 3,
        reverse("actieplan:stap", args=[actieplan.pk, "borging"]) + "?jaar=2025": 2,
    }
    ruw = ["<script>alert(1)</script>", "<i>hoe</i>", "<u>omschrijving</u>", "<b>vet</b>"]
    for url, verwacht in paginas.items():
        tekst = client.get(url).text
        assert not [r for r in ruw if r in tekst], url
        ontsnapt = ["&lt;script&gt;", "&lt;i&gt;hoe", "&lt;u&gt;omschrijving", "&lt;b&gt;vet"]
        assert sum(1 for o in ontsnapt if o in tekst) == verwacht, url
    for stap in (STAP_5, STAP_6):
        fragment = stap.document(actieplan, jaar=2025)
        html = document.fragment_html(
            stap=STAPPEN_OP_SLUG[stap.slug], fragment=fragment, actieplan=actieplan, jaar=2025
        )
        assert not [r for r in ruw if r in html]
        assert "&lt;" in html


def test_a_member_who_left_stays_responsible_until_someone_changes_it(
    client_als, actieplan, maak_actie, lid
):
    vertrokken = lid("mvoi_teamlid")
    actie = maak_actie(verantwoordelijke=vertrokken)
    vertrokken.lidmaatschappen.all().delete()
    client = client_als("coordinator")
    url = reverse("jaarplanning:actie_wijzigen", args=[actieplan.pk, actie.pk])
    data = form_data(client.get(url).text)
    assert data["verantwoordelijke"] == [str(vertrokken.pk)]
    data["status"] = ["bezig"]
    antwoord = client.post(url, data)
    assert "moet lid zijn van de organisatie" in antwoord.text  # said, not emptied
    actie.refresh_from_db()
    assert (actie.verantwoordelijke, actie.status) == (vertrokken, "gepland")


def test_a_shorter_plan_period_does_not_move_an_action_silently(client_als, actieplan, maak_actie):
    actie = maak_actie(van=(2025, 2))
    actieplan.startjaar = 2026
    actieplan.save()
    client = client_als("coordinator")
    url = reverse("jaarplanning:actie_wijzigen", args=[actieplan.pk, actie.pk])
    data = form_data(client.get(url).text)
    assert (data["jaar"], data["start"]) == (["2025"], ["K2 2025"])
    antwoord = client.post(url, data)
    assert "Kies een jaar van de planperiode (2026–2027)" in antwoord.text
    actie.refresh_from_db()
    assert (actie.jaar, actie.startjaar, actie.startkwartaal) == (2025, 2025, 2)


def test_pages_keep_a_constant_number_of_queries(
    client_als, actieplan, maak_actie, maak_aanbesteding, lid, django_assert_max_num_queries
):
    client = client_als("mvoi_teamlid")
    urls = [
        reverse("actieplan:stap", args=[actieplan.pk, "jaarplanning"]) + "?jaar=2025",
        reverse("actieplan:stap", args=[actieplan.pk, "borging"]) + "?jaar=2025",
        reverse("jaarplanning:acties", args=[actieplan.pk]) + "?jaar=2025",
    ]
    persoon = lid("mvoi_teamlid")
    aanbesteding = maak_aanbesteding("A-1")
    maak_actie(
        "Eerste",
        borging=Actie.Borgingsgroep.STRUCTUREEL,
        verantwoordelijke=persoon,
        aanbesteding=aanbesteding,
    )
    weinig = {}
    for url in urls:
        with django_assert_max_num_queries(40) as vastgelegd:
            client.get(url)
        weinig[url] = len(vastgelegd.captured_queries)
    for index in range(30):
        maak_actie(
            f"Actie {index}",
            van=(2025, index % 4 + 1),
            groep=STANDAARD_ACTORGROEPEN[index % 5],
            borging=Actie.Borgingsgroep.EENMALIG if index % 2 else "",
            extra_uren=Decimal(index),
            verantwoordelijke=lid("mvoi_teamlid"),
            aanbesteding=maak_aanbesteding(f"A-{index + 2}"),
        )
    for url in urls:
        with django_assert_max_num_queries(weinig[url]):
            response = client.get(url)
        assert response.status_code == 200


def test_the_planning_exports_as_a_spreadsheet_with_number_cells(
    client_als, actieplan, maak_actie, maak_aanbesteding
):
    aanbesteding = maak_aanbesteding("K-7")
    maak_actie(
        "Kennissessie",
        van=(2024, 4),
        tot=(2025, 1),
        extra_budget=Decimal("1250.50"),
        extra_uren=Decimal("12.5"),
        borging=Actie.Borgingsgroep.EENMALIG,
        aanbesteding=aanbesteding,
    )
    maak_actie('=HYPERLINK("x")', van=(2025, 2))
    client = client_als("management")
    url = reverse("jaarplanning:export", args=[actieplan.pk])
    antwoord = client.get(url + "?jaar=2025&formaat=xlsx")
    assert antwoord["Content-Disposition"] == 'attachment; filename="jaarplanning-2025.xlsx"'
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    koppen = rijen[0]
    rij = dict(zip(koppen, rijen[1], strict=True))
    assert rij["Actie"] == "Kennissessie"
    assert (rij["Vanaf kwartaal"], rij["Tot en met kwartaal"]) == ("K4 2024", "K1 2025")
    assert rij["Extra budget (€)"] == 1250.5  # a number cell, not text
    assert rij["Extra capaciteit (uren)"] == 12.5
    assert (rij["Borgingsactie"], rij["Aanbesteding"], rij["Status"]) == (
        "Borging in de organisatie, eenmalig",
        "K-7",
        "Gepland",
    )
    formule = dict(zip(koppen, rijen[2], strict=True))["Actie"]
    assert blad.cell(row=3, column=koppen.index("Actie") + 1).data_type == "s"  # text
    assert formule == '=HYPERLINK("x")'
    csv = client.get(url + "?jaar=2025&formaat=csv").content.decode("utf-8-sig")
    assert "1250,5" in csv and "'=HYPERLINK" in csv
    assert client.get(url + "?formaat=pdf").status_code == 404


def test_the_organisation_keeps_its_own_actor_groups(
    client_als, actieplan, maak_actie, organisatie
):
    maak_actie(groep="GMT & DT")
    client = client_als("coordinator")
    url = reverse("jaarplanning:actorgroepen", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    namen = {data[f"groep-{i}-naam"][0]: i for i in range(5)}
    data[f"groep-{namen['Interne communicatie']}-naam"] = ["Communicatie"]
    data[f"groep-{namen['Inkoop']}-DELETE"] = ["on"]
    data["groep-5-naam"] = ["Wethouder"]
    data["groep-5-volgorde"] = ["9"]
    assert client.post(url, data).status_code == 302
    assert list(
        Actorgroep.objects.filter(organisatie=organisatie).values_list("naam", flat=True)
    ) == ["MVOI-team", "Projectleiders aanbesteding", "GMT & DT", "Communicatie", "Wethouder"]

    # A group with actions is not removed, a doubled name is refused: nothing changes.
    data = form_data(client.get(url).text)
    namen = {data[f"groep-{i}-naam"][0]: i for i in range(5)}
    data[f"groep-{namen['GMT & DT']}-DELETE"] = ["on"]
    antwoord = client.post(url, data)
    assert "GMT &amp; DT heeft acties en kan niet weg" in antwoord.text
    data[f"groep-{namen['GMT & DT']}-DELETE"] = []
    data[f"groep-{namen['Wethouder']}-naam"] = ["Communicatie"]
    antwoord = client.post(url, data)
    assert "Communicatie staat er meer dan eens in." in antwoord.text
    voor = list(Actorgroep.objects.filter(organisatie=organisatie).values_list("naam", flat=True))
    assert voor == [
        "MVOI-team",
        "Projectleiders aanbesteding",
        "GMT & DT",
        "Communicatie",
        "Wethouder",
    ]
    # Two names swapped in one save.
    data = form_data(client.get(url).text)
    namen = {data[f"groep-{i}-naam"][0]: i for i in range(5)}
    data[f"groep-{namen['Communicatie']}-naam"] = ["Wethouder"]
    data[f"groep-{namen['Wethouder']}-naam"] = ["Communicatie"]
    assert client.post(url, data).status_code == 302
    assert sorted(
        Actorgroep.objects.filter(organisatie=organisatie).values_list("naam", "volgorde")
    ) == sorted(
        [
            ("MVOI-team", 1),
            ("Projectleiders aanbesteding", 3),
            ("GMT & DT", 4),
            ("Wethouder", 5),
            ("Communicatie", 9),
        ]
    )
    assert client_als("management").get(url).status_code == 403


def test_an_actions_tender_is_typed_and_searched_not_picked_from_every_tender(
    client_als, actieplan, maak_actie
):
    """Issue 26: the action form listed every tender of the plan in a drop-down (3,000 at a
    large organisation: 89 % of the form's time). Now the advisor types a reference or part
    of a name: the calendar's search suggests up to 20, one match is taken, several are
    named, and the edit form shows the action's tender as text."""
    from tests.factories import veel_aanbestedingen

    veel_aanbestedingen(actieplan, 300, startjaar=2025, naam="Schoonmaak {i:03d}")
    veel_aanbestedingen(actieplan, 1, van=300, startjaar=2025, naam="Wagenpark elektrisch")
    client = client_als("mvoi_teamlid")
    url = reverse("jaarplanning:actie_nieuw", args=[actieplan.pk]) + "?jaar=2025"
    pagina = client.get(url).text
    assert "Schoonmaak" not in pagina  # no list of the plan's tenders
    veld = BeautifulSoup(pagina, "html.parser").find("input", attrs={"name": "aanbesteding"})
    zoeken = reverse("aanbestedingskalender:zoeken", args=[actieplan.pk])
    assert veld["data-zoek-url"] == zoeken and veld["list"] == "id_aanbesteding-voorstellen"

    assert client.get(zoeken, {"q": "wagenpark"}).json() == {
        "voorstellen": ["T-300 – Wagenpark elektrisch"]
    }
    assert len(client.get(zoeken, {"q": "schoonmaak"}).json()["voorstellen"]) == 20

    basis = form_data(pagina) | {"titel": ["Marktdialoog"], "start": ["K1 2025"]}
    basis["eind"] = ["K2 2025"]
    antwoord = client.post(url, basis | {"aanbesteding": ["schoonmaak 01"]})
    assert "‘schoonmaak 01’ past bij 10 aanbestedingen" in antwoord.text
    voorstellen = BeautifulSoup(antwoord.text, "html.parser").select(
        "#id_aanbesteding-voorstellen option"
    )
    assert sorted(o["value"] for o in voorstellen) == [
        f"T-{i} – Schoonmaak {i:03d}" for i in range(10, 20)
    ]
    assert voorstellen[0]["value"] == "T-12 – Schoonmaak 012"  # calendar order: Q1 first
    assert not Actie.objects.filter(titel="Marktdialoog").exists()

    assert client.post(url, basis | {"aanbesteding": ["wagenpark"]}).status_code == 302
    actie = Actie.objects.get(titel="Marktdialoog")
    assert actie.aanbesteding.kenmerk == "T-300"
    wijzigen = reverse("jaarplanning:actie_wijzigen", args=[actieplan.pk, actie.pk])
    veld = BeautifulSoup(client.get(wijzigen).text, "html.parser").find(
        "input", attrs={"name": "aanbesteding"}
    )
    assert veld["value"] == "T-300 – Wagenpark elektrisch"
    data = form_data(client.get(wijzigen).text) | {"aanbesteding": [""]}
    assert client.post(wijzigen, data).status_code == 302
    actie.refresh_from_db()
    assert actie.aanbesteding is None


def test_the_tender_field_is_unchanged_when_its_text_names_the_same_tender(actieplan):
    """Review of issue 26: an edit conflict compared the stored key (17) with the typed
    text ("T-1 – …") and always listed the tender as changed."""
    from aanbestedingskalender.forms import AanbestedingVeld, als_keuze
    from tests.factories import veel_aanbestedingen

    een, twee = veel_aanbestedingen(actieplan, 2, startjaar=2025)
    veld = AanbestedingVeld(actieplan=actieplan)
    assert not veld.has_changed(een.pk, als_keuze(een))
    assert not veld.has_changed(een, "t-0")
    assert veld.has_changed(een.pk, als_keuze(twee))
    assert veld.has_changed(een.pk, "")
    assert not veld.has_changed(None, "")
