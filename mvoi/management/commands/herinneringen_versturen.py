"""Daily: the reminder e-mail of everyone's open tasks, and another try of every message
the mail server did not take before. Safe to run more often: one reminder a day at most."""

from django.core.management.base import BaseCommand

from actieplan.herinneringen import herinneringen_maken
from meldingen.verzenden import openstaande_versturen


class Command(BaseCommand):
    help = "Stuur de dagelijkse herinnering aan open taken en probeer onverstuurde e-mail opnieuw."

    def handle(self, *args, **options):
        opnieuw = openstaande_versturen()
        nieuw = herinneringen_maken()
        self.stdout.write(
            f"{nieuw} herinnering(en) klaargezet voor de worker; "
            f"{opnieuw} eerder niet verstuurde e-mail(s) alsnog verstuurd."
        )
