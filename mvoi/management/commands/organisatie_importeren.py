"""Restore one organisation's export (organisatie_exporteren) into this installation, which
must not hold it yet (a new, empty installation; or this one after the organisation was
removed). All of it, or nothing; the file is not trusted (mvoi/overdracht.py):

    manage.py organisatie_importeren voorbeeld.json
    manage.py organisatie_importeren voorbeeld.json --koppel coordinator   # an existing account
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from mvoi import overdracht


class Command(BaseCommand):
    help = "Zet een export van één organisatie terug (alles of niets)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het JSON-bestand van organisatie_exporteren.")
        parser.add_argument(
            "--koppel",
            action="append",
            default=[],
            metavar="GEBRUIKERSNAAM",
            help=(
                "Iemand uit de export die hier al een account heeft (zelfde naam en "
                "e-mailadres) en dezelfde persoon is: koppel de export aan dat account. "
                "Eén keer per persoon."
            ),
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=overdracht.MAX_MB,
            help=f"De grootste export die wordt gelezen (standaard {overdracht.MAX_MB} MB).",
        )

    def handle(self, *args, verbosity=1, bestand, koppel, max_mb, **options):
        self.verbosity = verbosity
        try:
            with overdracht.openen(bestand, max_mb=max_mb) as invoer:
                organisatie, inhoud = overdracht.importeren(
                    invoer, voortgang=self._voortgang, koppelen=koppel
                )
        except overdracht.Overdrachtsfout as fout:
            raise CommandError(f"Niets teruggezet: {fout}") from fout
        except (
            DatabaseError,
            ValidationError,
            ObjectDoesNotExist,
            AttributeError,
            LookupError,
            RecursionError,
            TypeError,
            ValueError,
        ) as fout:
            # A file edited by hand, or a case the checks above do not know: still nothing
            # is stored (one transaction), and the reason is shown.
            raise CommandError(f"Niets teruggezet: de export klopt niet ({fout!r}).") from fout
        totaal = sum(inhoud.aantallen.values())
        self.stdout.write(f"{organisatie}: {totaal} rijen teruggezet uit {bestand}.")
        if inhoud.aantallen.get("otp_totp.totpdevice"):
            self.stdout.write(
                "De authenticator-apps uit dit (oudere) bestand zijn niet teruggezet: wie een "
                "tweede stap moet gebruiken, stelt de app opnieuw in bij de eerste keer inloggen."
            )

    def _voortgang(self, label: str, aantal: int) -> None:
        if self.verbosity > 1:
            self.stderr.write(f"  {label}: {aantal}")
