"""Delete uploaded calendar files whose import was never confirmed, after a day.

Safe to run from cron at any time and as often as wanted (e.g. hourly): it only deletes
uploads older than --uren (24), which nobody is still previewing.
"""

import datetime

from django.core.management.base import BaseCommand

from aanbestedingskalender.importeren import importbestanden_opruimen


class Command(BaseCommand):
    help = "Verwijdert geüploade kalenderbestanden die na een dag nog niet zijn geïmporteerd."

    def add_arguments(self, parser):
        parser.add_argument(
            "--uren", type=int, default=24, help="Ouder dan zoveel uur (standaard 24)."
        )

    def handle(self, *args, uren, **options):
        aantal = importbestanden_opruimen(ouder_dan=datetime.timedelta(hours=uren))
        self.stdout.write(f"{aantal} niet-bevestigde importbestanden verwijderd.")
