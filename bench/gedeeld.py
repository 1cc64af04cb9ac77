"""What the benchmark scripts share (imported after django.setup())."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aanbestedingskalender.models import Aanbesteding
from actieplan.stappen import STAPPEN
from jaarplanning.models import Actie
from organisaties import tweestaps
from themes.models import Thema

# The apps whose URLs take a plan's pk (the members' pages take a membership's).
PLAN_APPS = ("actieplan", "aanbestedingskalender", "jaarplanning", "evaluatie", "plandocument")


def ingelogde_client(user) -> Client:
    """A test client logged in as `user` as after both steps (password and the code from
    the app), so two-step verification does not send it to the code page."""
    client = Client()
    client.force_login(user)
    sessie = client.session
    sessie.pop(tweestaps.SESSIE, None)
    sessie.save()
    return client


def team_client(organisatie_naam: str) -> Client:
    """A logged-in client of the organisation's first team member, given every role (so
    every page opens), sending HTTPS as production's proxy does."""
    from organisaties.models import Lidmaatschap, Rol

    lid = (
        Lidmaatschap.objects.filter(
            organisatie__naam=organisatie_naam, user__username__startswith="team"
        )
        .order_by("pk")
        .first()
    )
    lid.rollen.add(*Rol.objects.all())
    client = ingelogde_client(lid.user)
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    return client


def doel(wat: str, gemeten: str, gehaald: bool) -> None:
    """One of issue 14's targets and what this run measured: bench/verslag.py gathers these
    lines into the summary at the top of docs/performance.md."""
    print(f"DOEL\t{wat}\t{gemeten}\t{'met' if gehaald else '**missed**'}")


def patronen(resolver=None, namespace=""):
    """(name, kwarg names) of every URL pattern of the application (not the admin)."""
    for patroon in (resolver or get_resolver()).url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "admin":
                continue
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from patronen(patroon, ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{namespace}{patroon.name}", tuple(sorted(patroon.pattern.converters))


def urls_van(plan) -> dict[str, str]:
    """Every GET page of the plan that the data can fill in."""
    gegund = Aanbesteding.objects.filter(actieplan=plan, status="gegund").order_by("pk").first()
    waarden = {
        "pk": plan.pk,
        "aanbesteding": gegund.pk if gegund else None,
        "actie": Actie.objects.filter(actieplan=plan)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first(),
        "jaar": 2026,
        "kwartaal": 1,
        "nummer": 1,  # the adopted version (bench/landelijk_vullen.py's Vuller.versies)
        "thema": Thema.objects.order_by("volgorde").values_list("slug", flat=True).first(),
    }
    urls = {
        "actieplan:start": reverse("actieplan:start"),
        "organisaties:leden": reverse("organisaties:leden"),
    }
    for naam, kwargs in patronen():
        if naam == "actieplan:stap":
            for stap in STAPPEN:
                urls[f"actieplan:stap {stap.slug}"] = reverse(
                    naam, kwargs={"pk": plan.pk, "stap": stap.slug}
                )
        elif (
            naam.split(":")[0] in PLAN_APPS
            and "pk" in kwargs
            and all(waarden.get(k) is not None for k in kwargs)
        ):
            urls[naam] = reverse(naam, kwargs={k: waarden[k] for k in kwargs})
    urls["aanbestedingskalender:kalender ?jaar=2026"] = (
        reverse("aanbestedingskalender:kalender", args=[plan.pk]) + "?jaar=2026"
    )
    return urls


def meten(client, url: str, herhalingen: int):
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    aantal = len(queries)  # now: the next request resets the query log
    if antwoord.status_code != 200:
        return None
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        client.get(url)
        tijden.append((time.perf_counter() - start) * 1000)
    tijden.sort()
    p95 = tijden[min(len(tijden) - 1, round(0.95 * (len(tijden) - 1)))]
    return statistics.median(tijden), p95, aantal
