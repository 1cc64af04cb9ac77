"""Every page at national scale: median, p95 and queries for a normal organisation (300
tenders over three years) and the large one (3,000 tenders in one year), each as a ratio
to a bare view measured in the same run (`/kaal/`: a tiny HttpResponse through every
middleware, no template, no query), on production's settings (bench/doorvoer_instellingen.py:
mvoi.settings.base – persistent connections, manifest static files collected into a
temporary directory, HTTPS as production's proxy reports it – plus /kaal/).

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/alle_paginas.py [--herhalingen 20]
on a database filled by bench/landelijk_vullen.py. Reads the data; gives the first team
member of each measured organisation every role (so every page opens), once.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.doorvoer_instellingen")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="mvoi-bench-static-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production has

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402
from gedeeld import doel, ingelogde_client  # noqa: E402

from aanbestedingskalender.models import Aanbesteding  # noqa: E402
from actieplan.models import Actieplan  # noqa: E402
from actieplan.stappen import STAPPEN  # noqa: E402
from jaarplanning.models import Actie  # noqa: E402
from organisaties.models import Lidmaatschap, Rol  # noqa: E402
from themes.models import Thema  # noqa: E402

ORGANISATIES = {"normaal": "Gemeente Bench 000", "groot": "Gemeente Groot"}
KALE_VIEW = "/kaal/"  # bench/doorvoer_urls.py
# The apps whose URLs take a plan's pk (the members' pages take a membership's).
PLAN_APPS = ("actieplan", "aanbestedingskalender", "jaarplanning", "evaluatie", "plandocument")


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    resultaten: dict[str, dict[str, tuple]] = {}
    niet_geopend: dict[str, int] = {}  # at the large organisation: no 200, its status
    kaal: dict[str, float] = {}
    for soort, naam in ORGANISATIES.items():
        plan = Actieplan.objects.get(organisatie__naam=naam)
        lid = (
            Lidmaatschap.objects.filter(
                organisatie=plan.organisatie, user__username__startswith="team"
            )
            .order_by("pk")
            .first()
        )
        lid.rollen.add(*Rol.objects.all())
        client = ingelogde_client(lid.user)
        client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"  # as production's proxy says
        kaal[soort] = meten(client, KALE_VIEW, args.herhalingen)[0]
        for pagina, url in urls_van(plan).items():
            uitkomst = meten(client, url, args.herhalingen)
            if uitkomst is not None:
                resultaten.setdefault(pagina, {})[soort] = uitkomst
            elif soort == "groot":
                niet_geopend[pagina] = client.get(url).status_code
        aantal = Aanbesteding.objects.filter(actieplan=plan).count()
        print(f"{soort}: {naam}, {aantal} aanbestedingen", file=sys.stderr)

    print(
        f"database: {connection.vendor}; settings: {os.environ['DJANGO_SETTINGS_MODULE']}; "
        f"bare view ({KALE_VIEW}): "
        f"{kaal['normaal']:.1f} ms (normal), {kaal['groot']:.1f} ms (large)"
    )
    print()
    print(
        "| page | normal: median ms | p95 | queries | × bare "
        "| large: median ms | p95 | queries | × bare |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for pagina in sorted(resultaten):
        regel = [pagina]
        for soort in ORGANISATIES:
            if soort in resultaten[pagina]:
                mediaan, p95, aantal = resultaten[pagina][soort]
                regel += [
                    f"{mediaan:.1f}",
                    f"{p95:.1f}",
                    str(aantal),
                    f"{mediaan / kaal[soort]:.1f}",
                ]
            else:
                regel += ["–"] * 4
        print("| " + " | ".join(regel) + " |")
    groot = {p: r["groot"] for p, r in resultaten.items() if "groot" in r}
    print()
    # A redirect or "POST only" is not a page to measure; an error is a page that failed.
    kapot = sorted(p for p, status in niet_geopend.items() if status >= 400 and status != 405)
    if niet_geopend:
        print(
            "Not measured (no 200 on GET): "
            + ", ".join(f"{p} ({status})" for p, status in sorted(niet_geopend.items()))
        )
    # Issue 26: within 3× the bare view at the median, none above 10×.
    binnen_drievoud = sum(mediaan <= 3 * kaal["groot"] for mediaan, _, _ in groot.values())
    boven_tienvoud = sorted(
        p for p, (mediaan, _, _) in groot.items() if mediaan > 10 * kaal["groot"]
    )
    gemeten = len(groot) + len(kapot)
    doel(
        "every page at the largest organisation within 3× the bare view",
        f"{binnen_drievoud} of {gemeten} pages (bare view {kaal['groot']:.1f} ms)"
        + (f"; failed: {', '.join(kapot)}" if kapot else ""),
        bool(groot) and binnen_drievoud == len(groot) and not kapot,
    )
    doel(
        "no page above 10× the bare view",
        f"{len(boven_tienvoud)} above: {', '.join(boven_tienvoud) or 'none'}",
        not boven_tienvoud,
    )
    kalender = groot.get("aanbestedingskalender:kalender ?jaar=2026")
    doel(
        "calendar at 3,000 tenders within 3× the bare view",
        f"{kalender[0]:.0f} ms ({kalender[0] / kaal['groot']:.0f}× the bare view)"
        if kalender
        else "not opened",
        bool(kalender) and kalender[0] <= 3 * kaal["groot"],
    )


if __name__ == "__main__":
    main()
