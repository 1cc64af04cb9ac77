"""Time and memory to render the plan document as a PDF: WeasyPrint (what the product
uses) against headless Chromium printing the same HTML in the same run, for the demo plan
and the same plan with N extra kansrijke tenders in the current year (the calendar is the
document's longest part); then the download of a frozen (approved) version, which serves
stored bytes.

Run:  .venv/bin/python bench/pdf_renderen.py [N ...]        (default: 0 3000)
      MVOI_CHROMIUM=/usr/bin/chromium (default)

Uses a throw-away test database (SQLite, or DATABASE_URL's server). Each rendering runs in
a child process forked after the data is loaded, so its peak resident size (ru_maxrss) is
that rendering's, Django and the plan's data included. Chromium's figure is the largest
of its processes (the renderer); its time includes starting the browser, which is given
separately (an empty page) so the ratio can be read both ways.
"""

import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from gedeeld import doel, ingelogde_client  # noqa: E402

CHROMIUM = os.environ.get("MVOI_CHROMIUM", "/usr/bin/chromium")


def extra_aanbestedingen(plan, aantal: int, begin: int) -> None:
    from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
    from themes.models import Thema

    klimaat = Thema.objects.get(slug="klimaat")
    nieuw = Aanbesteding.objects.bulk_create(
        [
            Aanbesteding(
                actieplan=plan,
                kenmerk=f"BENCH-{begin + i}",
                naam=f"Benchmarkaanbesteding {begin + i}",
                procedure="europees_openbaar",
                soort="diensten",
                startjaar=plan.lopend_jaar,
                startkwartaal=i % 4 + 1,
                geraamde_waarde=100_000 + i,
            )
            for i in range(aantal)
        ]
    )
    ThemaToepassing.objects.bulk_create(
        [ThemaToepassing(aanbesteding=a, thema=klimaat, toegepast=True) for a in nieuw]
    )


def paginas(inhoud: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(inhoud)).pages)


def weasyprint_in_kind(html: str) -> tuple[float, float, bytes]:
    """(seconds, peak RSS MB, pdf) of one rendering in a forked child process."""
    from plandocument import pdf

    lezen, schrijven = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(lezen)
        start = time.perf_counter()
        inhoud = pdf.render_to_pdf(html)
        duur = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with os.fdopen(schrijven, "wb") as uit:
            uit.write(f"{duur} {rss}\n".encode() + inhoud)
        os._exit(0)
    os.close(schrijven)
    with os.fdopen(lezen, "rb") as invoer:
        kop, inhoud = invoer.read().split(b"\n", 1)
    os.waitpid(pid, 0)
    duur, rss = (float(x) for x in kop.split())
    return duur, rss, inhoud


def chromium(html: str, map_: Path) -> tuple[float, float, bytes]:
    """(seconds, peak RSS MB of its largest process, pdf): headless Chromium printing the
    same HTML, its static files copied beside it."""
    bron = map_ / "document.html"
    # The document addresses its style sheet from the site root (/static/…): beside the file.
    bron.write_text(html.replace(f'"{settings.STATIC_URL}', '"static/'))
    uit = map_ / "chromium.pdf"
    start = time.perf_counter()
    # Through a small wrapper process, whose RUSAGE_CHILDREN holds only Chromium's
    # processes (ours also holds the WeasyPrint children).
    meting = subprocess.run(  # noqa: S603 - our own command line, no user input
        [
            sys.executable,
            "-c",
            "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
            "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={map_ / 'profiel'}",
            f"--print-to-pdf={uit}",
            bron.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    duur = time.perf_counter() - start
    return duur, int(meting.stdout.split()[-1]) / 1024, uit.read_bytes()


def statische_bestanden_kopieren(html: str, map_: Path) -> None:
    for pad in re.findall(rf'"{re.escape(settings.STATIC_URL)}([^"]+)"', html):
        gevonden = finders.find(pad)
        if gevonden:
            doel = map_ / "static" / pad
            doel.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(gevonden, doel)


def download_van_vastgelegde_versie(plan) -> str:
    """Approve the demo plan, freeze it (both PDFs) and time downloading it: the stored
    bytes, after the hash check, with no rendering."""
    from organisaties.models import User
    from plandocument import goedkeuring, renderen
    from plandocument.models import Planversie

    versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
    goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))
    start = time.perf_counter()
    renderen.versie_vastleggen(versie_id=versie.pk)
    vastleggen_s = time.perf_counter() - start
    versie = Planversie.objects.get(pk=versie.pk)
    client = ingelogde_client(User.objects.get(username="management"))
    url = f"/plannen/{plan.pk}/versies/{versie.nummer}/intern.pdf"
    client.get(url)
    tijden = []
    for _ in range(20):
        start = time.perf_counter()
        antwoord = client.get(url)
        tijden.append(time.perf_counter() - start)
        if antwoord.status_code != 200 or antwoord.content != bytes(versie.pdf_intern):
            raise SystemExit(f"Download van de vastgelegde versie mislukte: {antwoord.status_code}")
    tijden.sort()
    return (
        f"Freezing the approved demo plan (both variants, in the task): {vastleggen_s:.1f} s. "
        f"Downloading the frozen intern PDF ({len(antwoord.content) // 1024} KB), 20 times: "
        f"median {tijden[10] * 1000:.0f} ms, slowest {tijden[-1] * 1000:.0f} ms."
    )


def main():
    aantallen = [int(a) for a in sys.argv[1:]] or [0, 3000]
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from actieplan.models import Actieplan
        from plandocument import document, pdf

        call_command("demo_data", force=True, verbosity=0)
        plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
        pdf.render_to_pdf("<p>opwarmen</p>")  # WeasyPrint's first import and fonts
        connection.close()  # the forked children open their own
        with tempfile.TemporaryDirectory() as tmp:
            start_s, _rss, _pdf = chromium("<p>leeg</p>", Path(tmp))
        print(f"database: {connection.vendor}; Chromium: {CHROMIUM}")
        print(f"Chromium starting and printing an empty page: {start_s:.2f} s")
        print()
        print(
            "| extra tenders | HTML s | WeasyPrint s | pages | RSS MB | Chromium s | pages "
            "| RSS MB | WeasyPrint / Chromium |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        toegevoegd = 0
        doelen = []
        for aantal in aantallen:
            extra_aanbestedingen(plan, aantal - toegevoegd, toegevoegd)
            toegevoegd = aantal
            start = time.perf_counter()
            html = document.document_html(
                actieplan=plan, jaar=plan.lopend_jaar, variant=document.INTERN
            )
            html_s = time.perf_counter() - start
            connection.close()
            w_s, w_rss, w_pdf = weasyprint_in_kind(html)
            with tempfile.TemporaryDirectory() as tmp:
                statische_bestanden_kopieren(html, Path(tmp))
                c_s, c_rss, c_pdf = chromium(html, Path(tmp))
            print(
                f"| {aantal} | {html_s:.2f} | {w_s:.1f} | {paginas(w_pdf)} | {w_rss:.0f} | "
                f"{c_s:.1f} | {paginas(c_pdf)} | {c_rss:.0f} | {w_s / c_s:.1f}× |"
            )
            doelen.append((aantal, w_s, w_rss, w_s / c_s))
        Actieplan.objects.filter(pk=plan.pk).update(status=Actieplan.Status.CONCEPT)
        from aanbestedingskalender.models import Aanbesteding

        Aanbesteding.objects.filter(kenmerk__startswith="BENCH-").delete()
        print()
        print(download_van_vastgelegde_versie(Actieplan.objects.get(pk=plan.pk)))
        print()
        for aantal, seconden, rss, verhouding in doelen:
            # Issue 23's targets: as a ratio to Chromium printing the same HTML in the same
            # run (a machine's speed cancels out).
            if aantal == 0:
                doel(
                    "PDF of the demo plan ≤ 1.5× Chromium",
                    f"{seconden:.1f} s ({verhouding:.1f}× Chromium)",
                    verhouding <= 1.5,
                )
            else:
                doel(
                    f"PDF with {aantal:,} tenders ≤ 2× Chromium and ≤ 400 MB",
                    f"{seconden:.1f} s, {rss:.0f} MB ({verhouding:.1f}× Chromium)",
                    verhouding <= 2 and rss <= 400,
                )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
