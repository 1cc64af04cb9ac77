"""No typed work is lost (issue 22, part 4): how long a session has left without counting
as activity, keeping it, and what was typed when it had ended coming back – unsaved – after
logging in again."""

import json
import re

from django.conf import settings
from django.urls import reverse

from aanbestedingskalender.models import Kwartaaloverleg
from tests.test_sessies import inloggen, klok  # noqa: F401  (the fixture)


def test_the_page_asks_how_long_is_left_without_counting_as_activity(client, lid, klok):  # noqa: F811
    inloggen(client, lid("mvoi_teamlid"))
    status = reverse("sessie_status")
    klok.verder(20 * 60)
    antwoord = client.get(status, HTTP_X_MVOI_SESSIESTATUS="1")
    assert antwoord.json() == {"resterend": settings.SESSION_IDLE_TIMEOUT - 20 * 60}
    klok.verder(5 * 60)  # the check above kept nothing alive
    assert client.get(status, HTTP_X_MVOI_SESSIESTATUS="1").json() == {
        "resterend": settings.SESSION_IDLE_TIMEOUT - 25 * 60
    }
    # "Ingelogd blijven": the idle clock starts again.
    verlengd = client.post(reverse("sessie_verlengen"), HTTP_ACCEPT="application/json")
    assert verlengd.json() == {"resterend": settings.SESSION_IDLE_TIMEOUT}
    # Without the script: back to the page it came from (and only to this site).
    terug = client.post(reverse("sessie_verlengen"), {"terug": "/plannen/"})
    assert terug["Location"] == "/plannen/"
    weg = client.post(reverse("sessie_verlengen"), {"terug": "https://elders.example/"})
    assert weg["Location"] == "/"


def test_every_page_carries_the_warning_with_the_idle_time(client, lid):
    client.force_login(lid("mvoi_teamlid"))
    html = client.get(reverse("actieplan:start")).text
    assert 'id="sessie-waarschuwing" aria-live="polite"' in html
    assert f'data-seconden="{settings.SESSION_IDLE_TIMEOUT}"' in html
    assert "Ingelogd blijven" in html


def test_what_was_typed_when_the_session_had_ended_comes_back_unsaved(
    client,
    lid,
    actieplan,
    klok,  # noqa: F811
):
    teamlid = lid("mvoi_teamlid")
    inloggen(client, teamlid)
    url = reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, 2026, 2])
    client.get(url)
    klok.verder(settings.SESSION_IDLE_TIMEOUT + 60)  # the meeting ran long
    notities = "Catering: Ketenverantwoordelijkheid alsnog uitvragen.\nIlse belt de leverancier."
    antwoord = client.post(
        url, {"notities": notities, "besluiten": "Volgende keer eerder.", "password": "x"}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))
    assert not Kwartaaloverleg.objects.exists()  # nothing saved

    inloggen(client, teamlid)
    # Another page does not take it (the login may lead elsewhere first).
    assert "bewaarde-invoer" not in client.get(reverse("actieplan:start")).text
    pagina = client.get(url).text
    bewaard = json.loads(
        re.search(
            r'<script id="bewaarde-invoer" type="application/json">(.*?)</script>', pagina
        ).group(1)
    )
    assert bewaard["notities"] == [notities]
    assert bewaard["besluiten"] == ["Volgende keer eerder."]
    assert "password" not in bewaard and "csrfmiddlewaretoken" not in bewaard
    assert "Nog niet opgeslagen." in pagina
    assert not Kwartaaloverleg.objects.exists()  # still nothing saved
    # Once: the next visit shows the form as stored.
    assert "bewaarde-invoer" not in client.get(url).text


def test_a_post_without_an_earlier_session_keeps_nothing(client, actieplan):
    url = reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, 2026, 2])
    antwoord = client.post(url, {"notities": "Van een vreemde."})
    assert antwoord.status_code == 302
    from django.contrib.sessions.models import Session

    assert not any("_bewaarde_invoer" in s.get_decoded() for s in Session.objects.all())


def test_kept_input_is_for_the_person_who_typed_it_alone(
    client,
    lid,
    actieplan,
    klok,  # noqa: F811
):
    """A shared computer: the next person to log in does not get it (and it is gone)."""
    teamlid, collega = lid("mvoi_teamlid"), lid("mvoi_teamlid")
    inloggen(client, teamlid)
    url = reverse("aanbestedingskalender:kwartaal", args=[actieplan.pk, 2026, 2])
    client.get(url)
    klok.verder(settings.SESSION_IDLE_TIMEOUT + 60)
    client.post(url, {"notities": "Vertrouwelijk van de eerste."})
    inloggen(client, collega)
    pagina = client.get(url).text
    assert "Vertrouwelijk van de eerste." not in pagina
    assert "bewaarde-invoer" not in pagina
    inloggen(client, teamlid)
    assert "Vertrouwelijk van de eerste." not in client.get(url).text
