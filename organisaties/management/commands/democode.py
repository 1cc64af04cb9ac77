"""The code a demo user's authenticator app would show now, for trying the demo without a
phone: `make democode GEBRUIKER=management`.

For the app being set up (the secret on the setup page) or, once set up, the confirmed
app. Refuses when DEBUG is off, like the demo data: on a real installation nobody reads
another person's codes.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Toont de code die de authenticator-app van een demogebruiker nu zou tonen."

    def add_arguments(self, parser):
        parser.add_argument("gebruiker", help="Gebruikersnaam, bijvoorbeeld management.")

    def handle(self, *args, gebruiker, **options):
        if not settings.DEBUG:
            raise CommandError("Alleen voor de demo: dit werkt alleen als DEBUG aan staat.")
        # The confirmed app first; else the newest one being set up.
        device = (
            TOTPDevice.objects.filter(user__username=gebruiker)
            .order_by("-confirmed", "-pk")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{gebruiker} heeft geen app. Open eerst de pagina Tweestapsverificatie "
                "(na het inloggen opent die vanzelf voor management en beheerders)."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
