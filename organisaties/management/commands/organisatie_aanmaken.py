"""A new organisation and its first beheerder, on a fresh installation.

    manage.py organisatie_aanmaken --naam "Gemeente Ergens" --type gemeente \\
        --beheerder bea@ergens.nl --voornaam Bea --achternaam Beheer \\
        --site https://actieplan.example.nl

The beheerder gets the usual invitation by e-mail (a link to choose a password, or to
accept with an existing account) and then invites the others from the members page.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisaties import services
from organisaties.models import Organisatie, Rol


class Command(BaseCommand):
    help = "Maakt een organisatie aan en nodigt haar eerste beheerder uit."

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True)
        parser.add_argument("--type", required=True, choices=Organisatie.Type.values)
        parser.add_argument("--beheerder", required=True, help="E-mailadres van de beheerder.")
        parser.add_argument("--voornaam", required=True)
        parser.add_argument("--achternaam", required=True)
        parser.add_argument(
            "--site",
            required=True,
            help="Het adres van deze installatie, voor de link in de e-mail.",
        )

    @transaction.atomic
    def handle(self, *args, naam, type, beheerder, voornaam, achternaam, site, **options):
        try:
            organisatie = services.organisatie_aanmaken(naam=naam, type=type)
            uitnodiging = services.uitnodiging_versturen(
                organisatie=organisatie,
                email=beheerder,
                first_name=voornaam,
                last_name=achternaam,
                rollen=Rol.objects.filter(code=Rol.Code.BEHEERDER),
                door=None,
                base_url=site,
            )
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from fout
        self.stdout.write(
            f"{organisatie} is aangemaakt; {uitnodiging.email} heeft een uitnodiging als "
            "beheerder gekregen."
        )
