"""Steps 1–3: services, validation, role rules, pages and their query counts."""

import html
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from actieplan import selectors, services
from actieplan.models import ActieplanThema, MeetbaarDoel, NulmetingAntwoord, TekstDoel
from actieplan.stappen import register
from organisaties.models import Lidmaatschap
from tests.factories import ActieplanFactory, LidmaatschapFactory
from tests.organisaties.test_views import form_data
from themes.models import Ambitieniveau, Doelsoort, Thema


@pytest.fixture
def themas(db):
    return {thema.slug: thema for thema in Thema.objects.all()}


@pytest.fixture
def niveau(db):
    return {n.nummer: n for n in Ambitieniveau.objects.all()}


@pytest.fixture
def soort(db):
    return Doelsoort.objects.get(code=Doelsoort.KANSRIJKE_AANBESTEDINGEN)


def adviseur(organisatie):
    return LidmaatschapFactory(organisatie=organisatie, rollen=["inkoopadviseur"]).user


# --- Step 1 ---------------------------------------------------------------------------


def test_an_incomplete_answer_saves_as_a_draft(actieplan, themas, niveau):
    user = adviseur(actieplan.organisatie)
    antwoord = services.nulmeting_antwoord_opslaan(
        actieplan=actieplan, user=user, thema=themas["klimaat"], niveau=niveau[3]
    )
    assert antwoord.pk and not antwoord.compleet
    antwoord = services.nulmeting_antwoord_opslaan(
        actieplan=actieplan, user=user, thema=themas["klimaat"], onderbouwing="CO₂-ladder"
    )
    assert antwoord.compleet
    assert NulmetingAntwoord.objects.filter(actieplan=actieplan, user=user).count() == 1


def test_several_advisors_answers_are_compared_with_their_spread(actieplan, themas, niveau):
    for nummer in (2, 3, 3, 5):
        services.nulmeting_antwoord_opslaan(
            actieplan=actieplan,
            user=adviseur(actieplan.organisatie),
            thema=themas["circulair"],
            niveau=niveau[nummer],
        )
    services.nulmeting_antwoord_opslaan(
        actieplan=actieplan, user=adviseur(actieplan.organisatie), thema=themas["circulair"]
    )
    antwoorden, spreiding = selectors.nulmeting_vergelijking(
        actieplan=actieplan, thema=themas["circulair"]
    )
    assert len(antwoorden) == 5
    assert spreiding.per_niveau == (0, 1, 2, 0, 1)
    assert (spreiding.laagste, spreiding.hoogste, spreiding.aantal) == (2, 5, 4)
    per_thema = selectors.nulmeting_spreiding_per_thema(actieplan=actieplan)
    assert per_thema[themas["circulair"].pk].per_niveau == (0, 1, 2, 0, 1)


def test_advisor_progress_counts_complete_themes(client, actieplan, themas, niveau):
    user = adviseur(actieplan.organisatie)
    for slug in ("milieu", "klimaat"):
        services.nulmeting_antwoord_opslaan(
            actieplan=actieplan, user=user, thema=themas[slug], niveau=niveau[2], onderbouwing="x"
        )
    services.nulmeting_antwoord_opslaan(
        actieplan=actieplan, user=user, thema=themas["circulair"], niveau=niveau[2]
    )
    client.force_login(user)
    response = client.get(reverse("actieplan:stap", args=[actieplan.pk, "nulmeting"]))
    assert "U heeft 2 van de 6 thema's ingevuld." in response.text


def test_advisor_fills_in_a_theme_by_posting_the_rendered_form(client, actieplan, themas):
    user = adviseur(actieplan.organisatie)
    client.force_login(user)
    url = reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "klimaat"])
    page = client.get(url)
    labels = [
        label.text.strip()
        for label in BeautifulSoup(page.text, "html.parser").select("label[for^=id_niveau_]")
    ]
    assert (
        labels[2]
        == "3. Verbreding – Vergroten van toepassing MVOI (nulmeting, monitoring, bewustwording)."
    )
    data = form_data(page.text)
    data.update(niveau=["3"], onderbouwing=["CO₂-prestatieladder"], aantal_interviews=["10"])
    data["volgende"] = ["1"]
    response = client.post(url, data)
    assert response.url == reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "circulair"])
    antwoord = NulmetingAntwoord.objects.get(user=user, thema=themas["klimaat"])
    assert (antwoord.niveau_id, antwoord.aantal_interviews, antwoord.compleet) == (3, 10, True)


def test_a_bad_number_keeps_the_draft_input(client, actieplan):
    client.force_login(adviseur(actieplan.organisatie))
    url = reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "klimaat"])
    response = client.post(url, {"onderbouwing": "Mijn tekst", "aantal_interviews": "tien"})
    assert response.status_code == 200
    assert "Voer een geheel getal in." in response.text
    assert "Mijn tekst" in response.text
    assert not NulmetingAntwoord.objects.exists()


def test_advisors_see_only_their_own_answers(client, actieplan, themas, niveau):
    ander = adviseur(actieplan.organisatie)
    services.nulmeting_antwoord_opslaan(
        actieplan=actieplan, user=ander, thema=themas["klimaat"], onderbouwing="GEHEIM-ANDER"
    )
    client.force_login(adviseur(actieplan.organisatie))
    assert (
        "GEHEIM-ANDER"
        not in client.get(
            reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "klimaat"])
        ).text
    )
    assert (
        client.get(reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"])).status_code
        == 403
    )


@pytest.mark.parametrize("rol", ["mvoi_teamlid", "coordinator", "management", "beheerder"])
def test_only_advisors_fill_in_the_nulmeting(client_als, rol, actieplan):
    client = client_als(rol)
    url = reverse("actieplan:nulmeting_antwoord", args=[actieplan.pk, "klimaat"])
    assert client.post(url, {"onderbouwing": "x"}).status_code == 403
    assert not NulmetingAntwoord.objects.exists()


def test_team_records_the_agreed_level_and_management_only_reads(
    client, lid, actieplan, themas, niveau
):
    services.nulmeting_antwoord_opslaan(
        actieplan=actieplan,
        user=adviseur(actieplan.organisatie),
        thema=themas["klimaat"],
        niveau=niveau[3],
        onderbouwing="Antwoord van Ilse",
    )
    url = reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"])

    client.force_login(lid("management"))
    page = client.get(url)
    assert "Antwoord van Ilse" in page.text
    assert 'name="huidig_niveau"' not in page.text
    assert client.post(url, {"huidig_niveau": "4"}).status_code == 403

    client.force_login(lid("mvoi_teamlid"))
    data = form_data(client.get(url).text)
    data.update(huidig_niveau=["4"], nulmeting_samenvatting=["Samen vastgesteld"])
    client.post(url, data)
    rij = ActieplanThema.objects.get(actieplan=actieplan, thema=themas["klimaat"])
    assert (rij.huidig_niveau_id, rij.nulmeting_samenvatting) == (4, "Samen vastgesteld")


def test_step_1_is_complete_when_all_themes_have_an_agreed_level(actieplan, themas, niveau):
    for index, thema in enumerate(themas.values()):
        assert "nulmeting" not in register.compleet(actieplan, jaar=2025)
        services.nulmeting_vaststellen(
            actieplan=actieplan,
            thema=thema,
            huidig_niveau=niveau[index % 5 + 1],
            nulmeting_samenvatting="",
        )
    assert "nulmeting" in register.compleet(actieplan, jaar=2025)


# --- Step 2 ---------------------------------------------------------------------------


def keuzes(themas, focus=(), onderbouwing="Omdat het past bij ons beleid."):
    return {
        thema: {
            "focus": slug in focus,
            "onderbouwing": onderbouwing if slug in focus else "",
            "doorlopend": "" if slug in focus else "We blijven FairTrade-eisen stellen.",
        }
        for slug, thema in themas.items()
    }


def test_at_least_one_focus_theme_is_required(actieplan, themas):
    with pytest.raises(ValidationError, match="Kies ten minste één focusthema"):
        services.themakeuze_opslaan(actieplan=actieplan, keuzes=keuzes(themas))
    assert not ActieplanThema.objects.filter(actieplan=actieplan).exists()


def test_a_focus_theme_needs_a_rationale_and_nothing_is_saved_without(actieplan, themas):
    with pytest.raises(ValidationError, match="Geef een onderbouwing"):
        services.themakeuze_opslaan(
            actieplan=actieplan, keuzes=keuzes(themas, focus=("klimaat", "milieu"), onderbouwing="")
        )
    assert not ActieplanThema.objects.filter(actieplan=actieplan, focus=True).exists()


def test_any_number_of_focus_themes(actieplan, themas):
    services.themakeuze_opslaan(actieplan=actieplan, keuzes=keuzes(themas, focus=tuple(themas)))
    assert ActieplanThema.objects.filter(actieplan=actieplan, focus=True).count() == 6


def test_theme_choice_page_posts_what_it_rendered(client_als, actieplan, themas):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:themakeuze", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    assert len([naam for naam in data if naam.endswith("-onderbouwing")]) == 6
    response = client.post(url, data)
    assert "Kies ten minste één focusthema" in response.text

    data["klimaat-focus"] = ["on"]
    response = client.post(url, data)
    assert "Geef een onderbouwing voor dit focusthema." in response.text

    data["klimaat-onderbouwing"] = ["CO₂-prestatieladder"]
    response = client.post(url, data, follow=True)
    assert "De keuze van de thema&#x27;s is opgeslagen." in response.text
    assert list(
        ActieplanThema.objects.filter(actieplan=actieplan, focus=True).values_list(
            "thema__slug", flat=True
        )
    ) == ["klimaat"]


def test_an_ambition_below_the_current_level_needs_an_explanation(actieplan, themas, niveau):
    services.nulmeting_vaststellen(
        actieplan=actieplan,
        thema=themas["milieu"],
        huidig_niveau=niveau[4],
        nulmeting_samenvatting="",
    )
    ambitie = {"ambitie_niveau": niveau[3], "voorbehoud": "", "toelichting_ambitie": ""}
    with pytest.raises(ValidationError, match="lager dan het huidige niveau"):
        services.ambities_opslaan(actieplan=actieplan, ambities={themas["milieu"]: ambitie})
    ambitie["toelichting_ambitie"] = "Andere prioriteiten."
    services.ambities_opslaan(actieplan=actieplan, ambities={themas["milieu"]: ambitie})
    assert ActieplanThema.objects.get(thema=themas["milieu"]).ambitie_niveau_id == 3


def test_ambition_page_shows_the_current_level_and_keeps_input_on_error(
    client_als, actieplan, themas, niveau
):
    services.nulmeting_vaststellen(
        actieplan=actieplan,
        thema=themas["milieu"],
        huidig_niveau=niveau[4],
        nulmeting_samenvatting="",
    )
    client = client_als("coordinator")
    url = reverse("actieplan:ambities", args=[actieplan.pk])
    page = client.get(url)
    assert "4. Borging" in page.text
    data = form_data(page.text)
    data.update({"milieu-ambitie_niveau": ["2"], "milieu-voorbehoud": ["Onder voorbehoud X"]})
    response = client.post(url, data)
    assert "Licht toe waarom." in response.text
    assert "Onder voorbehoud X" in response.text
    assert not ActieplanThema.objects.filter(ambitie_niveau__isnull=False).exists()


@pytest.mark.parametrize("rol", ["inkoopadviseur", "management", "beheerder"])
def test_only_team_and_coordinator_edit_steps_2_and_3(client_als, rol, actieplan):
    client = client_als(rol)
    for naam in ("themakeuze", "ambities", "meetbare_doelen", "tekstdoelen"):
        url = reverse(f"actieplan:{naam}", args=[actieplan.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    assert not ActieplanThema.objects.exists()


# --- Step 3 ---------------------------------------------------------------------------


def doel_data(rijen):
    # "versie": the version of a plan without goals, as the page renders it.
    data = {"doel-TOTAL_FORMS": str(len(rijen)), "doel-INITIAL_FORMS": "0", "versie": "-"}
    for index, (soort, jaar, percentage) in enumerate(rijen):
        data |= {
            f"doel-{index}-soort": soort,
            f"doel-{index}-jaar": jaar,
            f"doel-{index}-streefwaarde": percentage,
        }
    return data


def test_the_reference_goals_save_with_a_long_term_target(client_als, actieplan, soort):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    rijen = [
        (soort.pk, "2025", "75"),
        (soort.pk, "2026", "80"),
        (soort.pk, "2027", "85"),
        (soort.pk, "2030", "100"),
    ]
    response = client.post(url, doel_data(rijen), follow=True)
    assert "De meetbare doelen zijn opgeslagen." in response.text
    assert (
        "In 75% van de kansrijke aanbestedingen uit de aanbestedingskalender van 2025"
        in response.text
    )
    soup = BeautifulSoup(response.text, "html.parser")
    jaren = [" ".join(th.text.split()) for th in soup.select("table.mvoi-doeltabel th[scope=row]")]
    assert jaren == ["2025", "2026", "2027", "2030 (lange termijn)"]
    assert "In 100% van de kansrijke aanbestedingen uit de aanbestedingskalender van 2030" in (
        soup.find("details").text
    )


@pytest.mark.parametrize(
    ("rij", "melding"),
    [
        (("2025", "101"), "Een percentage ligt tussen 0 en 100."),
        (("2025", "-1"), "Een streefwaarde is 0 of meer."),
        (("2023", "50"), "Kies een jaar in of na de planperiode (vanaf 2024)."),
        (("2025", "veel"), "'veel' is geen getal."),
    ],
)
def test_goal_validation(client_als, actieplan, soort, rij, melding):
    client = client_als("coordinator")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    response = client.post(url, doel_data([(soort.pk, *rij)]))
    assert response.status_code == 200
    assert melding in html.unescape(response.text)
    assert not MeetbaarDoel.objects.exists()


def doel_met_drempel(soort_code, jaar, waarde, drempel=""):
    data = doel_data([(soort_code, jaar, waarde)])
    return data | {"doel-0-drempel": drempel}


def test_goals_of_other_kinds_save_with_dutch_numbers(client_als, actieplan):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    data = doel_data(
        [
            ("social-return-vanaf-drempel", "2026", "60"),
            ("co2-reductie", "2026", "1.250,5"),
            ("circulaire-pilots", "2025", "3"),
        ]
    ) | {"doel-0-drempel": "€ 250.000"}
    response = client.post(url, data, follow=True)
    assert "De meetbare doelen zijn opgeslagen." in response.text
    assert set(MeetbaarDoel.objects.values_list("soort_id", "jaar", "streefwaarde", "drempel")) == {
        ("social-return-vanaf-drempel", 2026, Decimal("60"), Decimal("250000")),
        ("co2-reductie", 2026, Decimal("1250.5"), None),
        ("circulaire-pilots", 2025, Decimal("3"), None),
    }
    tekst = " ".join(BeautifulSoup(response.text, "html.parser").text.split())
    assert (
        "In 60% van de kansrijke opdrachten met een geraamde waarde vanaf € 250.000 die in "
        "2026 starten, vragen we social return." in tekst
    )
    assert "verminderen we de uitstoot met 1.250,5 ton CO₂." in tekst
    assert "60% in opdrachten vanaf € 250.000" in tekst
    assert "1.250,5 ton CO₂" in tekst
    # Not computable from the calendar: said so at the kind.
    assert "de uitkomst wordt bij de evaluatie ingevuld" in tekst


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        (("social-return-vanaf-drempel", "2026", "50"), "drempel", "Vul de drempelwaarde in"),
        (
            ("kansrijke-aanbestedingen-met-thema", "2026", "50", "100.000"),
            "drempel",
            "Deze soort doel heeft geen drempelwaarde",
        ),
        (("circulaire-pilots", "2026", "2,5"), "streefwaarde", "Een aantal is een heel getal"),
        (("social-return-vanaf-drempel", "2026", "120", "1"), "streefwaarde", "tussen 0 en 100"),
        (("co2-reductie", "2026", "450.5"), "streefwaarde", "geen getal zoals we het lezen"),
    ],
)
def test_a_goal_of_another_kind_is_refused_at_its_field(client_als, actieplan, data, veld, melding):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    response = client.post(url, doel_met_drempel(*data))
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    invoer = soup.find(attrs={"name": f"doel-0-{veld}"})
    assert invoer["aria-invalid"] == "true"
    beschrijving = " ".join(
        soup.find(id=i).text for i in invoer["aria-describedby"].split() if soup.find(id=i)
    )
    assert melding in beschrijving
    assert not MeetbaarDoel.objects.exists()


def test_one_target_per_year_and_kind(client_als, actieplan, soort):
    client = client_als("coordinator")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    response = client.post(url, doel_data([(soort.pk, "2025", "75"), (soort.pk, "2025", "80")]))
    # Told at the second row's year, linked from the summary.
    soup = BeautifulSoup(response.text, "html.parser")
    fout = soup.select_one("#id_doel-1-jaar_fouten")
    assert "Voor 2025 staat dit soort doel er al. Eén doel per jaar." in fout.text
    assert soup.select_one('.mvoi-foutoverzicht a[href="#id_doel-1-jaar"]').text == "Doel 2: Jaar"
    assert not MeetbaarDoel.objects.exists()


def test_editing_goals_replaces_them(actieplan, soort):
    services.meetbare_doelen_opslaan(
        actieplan=actieplan, doelen=[{"soort": soort, "jaar": 2025, "streefwaarde": 75}]
    )
    services.meetbare_doelen_opslaan(
        actieplan=actieplan, doelen=[{"soort": soort, "jaar": 2026, "streefwaarde": 80}]
    )
    assert list(MeetbaarDoel.objects.values_list("jaar", "streefwaarde")) == [(2026, 80)]


def test_text_goals_per_theme_or_general(client_als, actieplan, themas):
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:tekstdoelen", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    data.update(
        {
            "tekstdoel-0-tekst": ["In 2027 hebben we Klimaat geborgd."],
            "tekstdoel-0-thema": [str(themas["klimaat"].pk)],
        }
    )
    # "Meer rijen": the same page with what was typed and three empty rows more.
    pagina = client.post(url, {**data, "rij_toevoegen": ["1"]})
    assert not TekstDoel.objects.exists()
    data = form_data(pagina.text)
    assert data["tekstdoel-0-tekst"] == ["\nIn 2027 hebben we Klimaat geborgd."]
    data.update({"tekstdoel-1-tekst": ["In 2030 overal een thema."], "tekstdoel-1-thema": [""]})
    response = client.post(url, data, follow=True)
    assert "Klimaat:</strong> In 2027 hebben we Klimaat geborgd." in response.text
    assert TekstDoel.objects.filter(actieplan=actieplan).count() == 2


def test_three_text_goals_in_one_round_keep_the_order_the_team_chose(client_als, actieplan, themas):
    """Issue 25: the form offers three empty rows (three goals took three rounds), and
    step 3 lists them as written – not newest first, not regrouped by theme."""
    client = client_als("mvoi_teamlid")
    url = reverse("actieplan:tekstdoelen", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    assert data["tekstdoel-TOTAL_FORMS"] == ["3"]
    geschreven = [
        ("", "Eerst: in 2030 past elke aanbesteding een thema toe."),
        (str(themas["social-return"].pk), "Dan: social return in elke dienst boven de drempel."),
        (str(themas["klimaat"].pk), "Tot slot: klimaat in alle vastgoed."),
    ]
    for i, (thema, tekst) in enumerate(geschreven):
        data.update({f"tekstdoel-{i}-thema": [thema], f"tekstdoel-{i}-tekst": [tekst]})
    client.post(url, data)
    stap = client.get(reverse("actieplan:stap", args=[actieplan.pk, "ambities-doelen"])).text
    posities = [stap.index(tekst) for _, tekst in geschreven]
    assert posities == sorted(posities)
    # The form shows them in the same order, with three empty rows under them.
    data = form_data(client.get(url).text)
    assert data["tekstdoel-TOTAL_FORMS"] == ["6"]
    assert [data[f"tekstdoel-{i}-tekst"][0].strip() for i in range(3)] == [t for _, t in geschreven]


# --- Pages: constant queries, tenant, escaping, demo ------------------------------------


@pytest.mark.parametrize("stap", ["nulmeting", "themas", "ambities-doelen"])
def test_step_pages_keep_a_constant_number_of_queries(
    client, lid, actieplan, themas, niveau, soort, stap, django_assert_max_num_queries
):
    client.force_login(lid("inkoopadviseur", "mvoi_teamlid"))
    url = reverse("actieplan:stap", args=[actieplan.pk, stap])
    with django_assert_max_num_queries(40) as weinig:
        client.get(url)
    for jaar in range(2024, 2060):
        MeetbaarDoel.objects.create(actieplan=actieplan, soort=soort, jaar=jaar, streefwaarde=50)
    for thema in themas.values():
        services.nulmeting_vaststellen(
            actieplan=actieplan, thema=thema, huidig_niveau=niveau[3], nulmeting_samenvatting="s"
        )
        TekstDoel.objects.create(actieplan=actieplan, thema=thema, tekst="t")
        for _ in range(5):
            services.nulmeting_antwoord_opslaan(
                actieplan=actieplan,
                user=adviseur(actieplan.organisatie),
                thema=thema,
                niveau=niveau[2],
            )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(url)


def test_compare_page_keeps_a_constant_number_of_queries(
    client, lid, actieplan, themas, niveau, django_assert_max_num_queries
):
    client.force_login(lid("coordinator"))
    url = reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"])
    with django_assert_max_num_queries(40) as weinig:
        client.get(url)
    for _ in range(20):
        services.nulmeting_antwoord_opslaan(
            actieplan=actieplan,
            user=adviseur(actieplan.organisatie),
            thema=themas["klimaat"],
            niveau=niveau[2],
            onderbouwing="o",
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url)
    assert "20 antwoorden naast elkaar" in response.text


def test_answers_of_another_organisation_never_show(client, lid, actieplan, themas, niveau):
    ander_plan = ActieplanFactory()
    vreemde = LidmaatschapFactory(organisatie=ander_plan.organisatie, rollen=["inkoopadviseur"])
    services.nulmeting_antwoord_opslaan(
        actieplan=ander_plan, user=vreemde.user, thema=themas["klimaat"], onderbouwing="VREEMD"
    )
    client.force_login(lid("coordinator"))
    response = client.get(reverse("actieplan:nulmeting_thema", args=[actieplan.pk, "klimaat"]))
    assert "VREEMD" not in response.text


def test_user_text_in_the_matrix_and_summaries_is_escaped(client_als, actieplan, themas, niveau):
    services.nulmeting_vaststellen(
        actieplan=actieplan,
        thema=themas["klimaat"],
        huidig_niveau=niveau[3],
        nulmeting_samenvatting="<script>alert(1)</script>",
    )
    response = client_als("management").get(
        reverse("actieplan:stap", args=[actieplan.pk, "nulmeting"])
    )
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_demo_plan_has_the_reference_plans_steps_1_to_3(client, settings, soort):
    call_command("demo_data", force=True, verbosity=0)
    lidmaatschap = Lidmaatschap.objects.get(user__username="management")
    plan = lidmaatschap.organisatie.actieplannen.get()
    assert {"nulmeting", "themas", "ambities-doelen"} <= register.compleet(plan, jaar=2025)
    rijen = {rij.thema.slug: rij for rij in selectors.actieplan_thema_list(actieplan=plan)}
    assert {slug for slug, rij in rijen.items() if rij.focus} == {
        "klimaat",
        "milieu",
        "circulair",
        "diversiteit-inclusie",
    }
    assert (rijen["klimaat"].huidig_niveau_id, rijen["klimaat"].ambitie_niveau_id) == (3, 4)
    assert rijen["milieu"].voorbehoud
    doelen = selectors.meetbare_doelen(actieplan=plan)
    assert [(d.jaar, d.streefwaarde) for d in doelen if d.soort_id == soort.pk] == [
        (2025, 75),
        (2026, 80),
        (2027, 85),
        (2030, 100),
    ]
    client.force_login(lidmaatschap.user)
    response = client.get(reverse("actieplan:stap", args=[plan.pk, "themas"]))
    omschrijving = BeautifulSoup(response.text, "html.parser").select_one("#matrix-omschrijving")
    assert "Klimaat (focusthema): huidig 3, ambitie 4." in omschrijving.text


def test_blank_extra_goal_rows_are_skipped(client_als, actieplan, soort):
    services.meetbare_doelen_opslaan(
        actieplan=actieplan, doelen=[{"soort": soort, "jaar": 2025, "streefwaarde": 75}]
    )
    client = client_als("coordinator")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    assert data["doel-TOTAL_FORMS"] == ["4"]  # one goal and three blank rows
    data["doel-0-streefwaarde"] = ["70"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(MeetbaarDoel.objects.values_list("jaar", "streefwaarde")) == [(2025, 70)]


def test_a_year_is_added_and_removed_without_losing_input(client_als, actieplan, soort):
    services.meetbare_doelen_opslaan(
        actieplan=actieplan,
        doelen=[
            {"soort": soort, "jaar": 2025, "streefwaarde": 75},
            {"soort": soort, "jaar": 2026, "streefwaarde": 80},
        ],
    )
    client = client_als("coordinator")
    url = reverse("actieplan:meetbare_doelen", args=[actieplan.pk])
    data = form_data(client.get(url).text)
    data["doel-0-streefwaarde"] = ["77"]  # typed, not saved yet
    data["doel-1-DELETE"] = ["on"]  # 2026 removed
    pagina = client.post(url, {**data, "rij_toevoegen": ["1"]})
    data = form_data(pagina.text)
    assert data["doel-TOTAL_FORMS"] == ["4"]  # 2025 as typed, and three new rows
    assert (data["doel-0-jaar"], data["doel-0-streefwaarde"]) == (["2025"], ["77"])
    data.update({"doel-1-jaar": ["2027"], "doel-1-streefwaarde": ["85"]})
    assert client.post(url, data).status_code == 302
    assert list(MeetbaarDoel.objects.values_list("jaar", "streefwaarde")) == [
        (2025, 77),
        (2027, 85),
    ]


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"sjabloon": "In {percentage}% van …"}, "sjabloon"),
        ({"sjabloon": "In {waarde% van … {jaar}"}, "sjabloon"),
        (
            {"berekening": Doelsoort.Berekening.SROI_BOVEN_DREMPEL, "met_drempel": False},
            "met_drempel",
        ),
    ],
)
def test_a_kind_of_goal_that_would_break_the_pages_is_refused(velden, veld, db):
    soort = Doelsoort(code="nieuw", naam="Nieuw", sjabloon="In {jaar} {waarde}.")
    for naam, waarde in velden.items():
        setattr(soort, naam, waarde)
    with pytest.raises(ValidationError) as fout:
        soort.full_clean()
    assert veld in fout.value.message_dict
