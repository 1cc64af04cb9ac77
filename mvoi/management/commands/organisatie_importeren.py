"""Restore one organisation's export (organisatie_exporteren) into this installation, which
must not hold it yet (a new, empty installation; or this one after the organisation was
removed). All of it, or nothing:

    manage.py organisatie_importeren voorbeeld.json
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from mvoi import overdracht


class Command(BaseCommand):
    help = "Zet een export van één organisatie terug (alles of niets)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het JSON-bestand van organisatie_exporteren.")

    def handle(self, *args, verbosity=1, bestand, **options):
        self.verbosity = verbosity
        try:
            with open(bestand, encoding="utf-8") as invoer:
                export = json.load(invoer)
        except (OSError, ValueError) as fout:
            raise CommandError(f"{bestand} is niet te lezen als JSON: {fout}") from fout
        try:
            organisatie = overdracht.importeren(export, voortgang=self._voortgang)
        except overdracht.Overdrachtsfout as fout:
            raise CommandError(f"Niets teruggezet: {fout}") from fout
        except (DatabaseError, KeyError, TypeError, ValueError) as fout:
            # A file edited by hand, or a case the checks above do not know: still nothing
            # is stored (one transaction), and the reason is shown.
            raise CommandError(f"Niets teruggezet: de export klopt niet ({fout!r}).") from fout
        totaal = sum(overdracht.tellingen(export).values())
        self.stdout.write(f"{organisatie}: {totaal} rijen teruggezet uit {bestand}.")

    def _voortgang(self, label: str, aantal: int) -> None:
        if self.verbosity > 1:
            self.stderr.write(f"  {label}: {aantal}")
