"""Rendered pages of the demo plan's PDF for docs/screenshots/ (README, docs/plandocument.md).

    DJANGO_SETTINGS_MODULE=mvoi.settings.dev .venv/bin/python ops/documentpaginas.py

Renders the demo plan's concept (internal variant) on a fresh SQLite database in a
temporary directory, finds the pages by their headings, and rasterises them with
`pdftoppm` (Debian package poppler-utils; only needed for this script, not by the
application or its tests) at 60 dpi.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))
UIT = BASIS / "docs" / "screenshots"

# File name → a text that marks the page (the first page that holds it).
PAGINAS = {
    "pdf-1-voorblad": "Maatschappelijk verantwoord opdrachtgeven en inkopen",
    "pdf-2-samenvatting": "Samenvatting voor het management",
    "pdf-3-inleiding": "Eén keer, jaarlijks geëvalueerd",
    "pdf-4-doelkaarten": "Op de lange termijn",
    "pdf-5-jaarplanning": "Stap 6. Jaarplanning",
    "pdf-6-evaluatie": "Stap 7. Evaluatie",
    "pdf-7-ambitieniveaus": "Bijlage 2: de ambitieniveaus",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as map_:
        os.environ["DATABASE_URL"] = f"sqlite:///{map_}/db.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.dev")
        import django

        django.setup()
        import pypdf
        from django.core.management import call_command

        from actieplan.models import Actieplan
        from plandocument import document, pdf

        call_command("migrate", verbosity=0)
        call_command("demo_data", force=True, verbosity=0)
        plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
        html = document.document_html(actieplan=plan, jaar=plan.lopend_jaar)
        bestand = Path(map_) / "plan.pdf"
        bestand.write_bytes(pdf.render_to_pdf(html))
        lezer = pypdf.PdfReader(bestand)
        teksten = [" ".join(p.extract_text().split()) for p in lezer.pages]
        UIT.mkdir(parents=True, exist_ok=True)
        for naam, kenmerk in PAGINAS.items():
            nummer = next(
                i
                for i, t in enumerate(teksten, start=1)
                if kenmerk in t and not t.startswith("Inhoud")  # not the contents page
            )
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(nummer),
                    "-l",
                    str(nummer),
                    "-singlefile",
                    str(bestand),
                    str(UIT / naam),
                ],
                check=True,
            )
            print(f"{naam}.png: pagina {nummer} van {len(lezer.pages)}")


if __name__ == "__main__":
    main()
