"""Every form of the application, posted as rendered but with odd values in every text
field – very long, empty, HTML and script, odd case and unicode, a number where text
belongs – by a member with every role: never a server error, and user text never comes
back unescaped."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.organisaties.test_views import form_data
from tests.test_tenant_scoping import FOREIGN_OBJECTS

WAARDEN = {
    "lang": "x" * 20_000,
    "leeg": "",
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)><svg onload=alert(2)>',
    "vreemd": "ǅẞ\u202e\u0000ﷺ 🧾 ' OR 1=1 -- ",
    "getal": "-1e309",
}
# Fields that are no user text: the form's own bookkeeping.
NIET_INVULLEN = ("versie", "csrfmiddlewaretoken")


def formulieren(html: str):
    soep = BeautifulSoup(html, "html.parser")
    return [
        form for form in soep.select("main form") if (form.get("method") or "get").lower() == "post"
    ]


@pytest.mark.parametrize("soort", sorted(WAARDEN))
def test_every_form_with_odd_text_never_errs_on_the_server(client, lid, organisatie, soort):
    client.force_login(
        lid("inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder")
    )
    client.raise_request_exception = False
    waarde = WAARDEN[soort]
    geprobeerd, fouten = 0, []
    for naam, bouwer in sorted(FOREIGN_OBJECTS.items()):
        url = reverse(naam, kwargs=bouwer(organisatie))
        pagina = client.get(url)
        if pagina.status_code != 200 or "html" not in pagina.get("Content-Type", ""):
            continue
        for index, form in enumerate(formulieren(pagina.text)):
            data = form_data(str(form), "form")
            tekstvelden = [
                veld["name"]
                for veld in form.select("input[name], textarea[name]")
                if veld["name"] not in NIET_INVULLEN
                and (veld.name == "textarea" or veld.get("type", "text") in ("text", "search"))
            ]
            if not tekstvelden:
                continue
            for veld in tekstvelden:
                data[veld] = [waarde]
            doel = form.get("action") or url
            antwoord = client.post(doel, data)
            geprobeerd += 1
            if antwoord.status_code >= 500:
                fouten.append(f"{naam} formulier {index}: {antwoord.status_code}")
            elif soort == "html" and '<script>alert("x")' in antwoord.content.decode(
                errors="replace"
            ):
                fouten.append(f"{naam} formulier {index}: script onge-escaped terug")
    assert not fouten, "\n".join(fouten)
    assert geprobeerd >= 15
