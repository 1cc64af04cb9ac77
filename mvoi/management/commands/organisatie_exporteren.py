"""One organisation's data as one JSON file (see mvoi/overdracht.py for what goes in):

    manage.py organisatie_exporteren "Gemeente Voorbeeld" --bestand voorbeeld.json

The file holds the members' password hashes (not those of people who also belong to another
organisation, none with --zonder-wachtwoorden) and never the authenticator apps' secrets:
keep it like a database backup.
"""

from django.core.management.base import BaseCommand, CommandError

from mvoi import overdracht
from organisaties.models import Organisatie


class Command(BaseCommand):
    help = "Schrijft alle gegevens van één organisatie naar één JSON-bestand."

    def add_arguments(self, parser):
        parser.add_argument("organisatie", help="De naam van de organisatie.")
        parser.add_argument("--bestand", required=True, help="Het JSON-bestand om te schrijven.")
        parser.add_argument(
            "--zonder-wachtwoorden",
            action="store_true",
            help=(
                "Laat alle wachtwoorden weg: na het terugzetten kiest iedereen een nieuw "
                "wachtwoord via ‘wachtwoord vergeten’."
            ),
        )

    def handle(self, *args, verbosity=1, organisatie, bestand, zonder_wachtwoorden, **options):
        self.verbosity = verbosity
        try:
            gevonden = Organisatie.objects.get(naam=organisatie)
        except Organisatie.DoesNotExist as fout:
            raise CommandError(f"Er is geen organisatie {organisatie!r}.") from fout
        with open(bestand, "w", encoding="utf-8") as uit:
            aantallen = overdracht.exporteren(
                gevonden, uit, voortgang=self._voortgang, zonder_wachtwoorden=zonder_wachtwoorden
            )
        totaal = sum(aantallen.values())
        self.stdout.write(f"{organisatie}: {totaal} rijen naar {bestand}.")

    def _voortgang(self, label: str, aantal: int) -> None:
        if self.verbosity > 1:
            self.stderr.write(f"  {label}: {aantal}")
