"""The platform administrator's forms (Django's admin, on every registered model), posted
as rendered but with odd values in every text field, as a duplicate of an existing row, and
as that duplicate in other capitals: never a server error, and user text never comes back
unescaped."""

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from organisaties.models import Organisatie, Uitnodiging
from tests.factories import UserFactory
from tests.organisaties.test_views import form_data
from tests.test_slechte_invoer import WAARDEN

WACHTWOORD = "een-goed-wachtwoord-123"
NIET_INVULLEN = ("csrfmiddlewaretoken",)


def tekstvelden(form) -> list[str]:
    return [
        veld["name"]
        for veld in form.select("input[name], textarea[name]")
        if veld["name"] not in NIET_INVULLEN
        and "__prefix__" not in veld["name"]
        and not veld["name"].endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS"))
        and not veld["name"].endswith(("-MAX_NUM_FORMS", "-id", "-organisatie"))
        and (veld.name == "textarea" or veld.get("type", "text") in ("text", "email", "url"))
    ]


def formulier(client, url):
    pagina = client.get(url)
    assert pagina.status_code == 200, url
    form = BeautifulSoup(pagina.text, "html.parser").select_one("#content-main form")
    data = form_data(str(form), "form")
    for naam in ("password1", "password2"):
        if naam in data:
            data[naam] = [WACHTWOORD]
    return form, data


@pytest.fixture
def platformbeheerder(client, db):
    call_command("demo_data", force=True, verbosity=0)
    Uitnodiging.objects.create(
        organisatie=Organisatie.objects.order_by("pk").first(),
        email="nina@voorbeeld.example",
        first_name="Nina",
        last_name="N",
        token_hash="0" * 64,
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.raise_request_exception = False
    return client


def test_every_platform_admin_form_with_odd_text_duplicates_and_capitals(platformbeheerder):
    client = platformbeheerder
    geprobeerd, fouten, modellen = 0, [], 0

    def posten(url, data, wat):
        nonlocal geprobeerd
        antwoord = client.post(url, data)
        geprobeerd += 1
        tekst = antwoord.content.decode(errors="replace")
        if antwoord.status_code >= 500:
            fouten.append(f"{wat}: {antwoord.status_code}")
        elif '<script>alert("x")' in tekst:
            fouten.append(f"{wat}: script onge-escaped terug")

    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        bestaand = model._default_manager.order_by("pk").first()
        if bestaand is None:
            continue
        modellen += 1
        wijzigen = reverse(f"admin:{info[0]}_{info[1]}_change", args=[bestaand.pk])
        form, gegevens = formulier(client, wijzigen)
        for soort, waarde in WAARDEN.items():
            data = {**gegevens, **{veld: [waarde] for veld in tekstvelden(form)}}
            posten(wijzigen, data, f"{info} wijzigen, {soort}")
        if not model_admin.has_add_permission(_verzoek(client)):
            continue
        toevoegen = reverse(f"admin:{info[0]}_{info[1]}_add")
        leeg, leeg_data = formulier(client, toevoegen)
        for soort, waarde in WAARDEN.items():
            data = {**leeg_data, **{veld: [waarde] for veld in tekstvelden(leeg)}}
            posten(toevoegen, data, f"{info} toevoegen, {soort}")
        # The existing row once more, as it is and in other capitals.
        kopie = {**leeg_data, **{k: v for k, v in gegevens.items() if k in leeg_data}}
        posten(toevoegen, kopie, f"{info} dubbel")
        hoofdletters = {
            k: [w.swapcase() for w in v] if k in tekstvelden(leeg) else v for k, v in kopie.items()
        }
        posten(toevoegen, hoofdletters, f"{info} dubbel in andere hoofdletters")

    print(f"platformbeheer: {modellen} modellen, {geprobeerd} posts, {len(fouten)} fouten")
    assert not fouten, "\n".join(fouten)
    assert modellen >= 10
    assert geprobeerd >= 100


def _verzoek(client):
    from django.test import RequestFactory

    verzoek = RequestFactory().get("/")
    verzoek.user = UserFactory.build(is_staff=True, is_superuser=True, is_active=True)
    return verzoek
