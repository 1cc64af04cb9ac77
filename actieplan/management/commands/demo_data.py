"""Fill an empty installation with the demo organisation, one user per role and a plan.

Idempotent: running it again resets the demo users' passwords and roles and adds nothing
twice. Refuses to run when DEBUG is off unless --force is given, so no production database
gets accounts with published passwords by accident.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actieplan.models import Actieplan
from organisaties.models import Lidmaatschap, Organisatie, Rol, User

DEMO_WACHTWOORD = "mvoi-demo-2026"

DEMO_GEBRUIKERS = [
    # username, first name, last name, roles
    ("inkoopadviseur", "Ilse", "Inkoop", [Rol.Code.INKOOPADVISEUR]),
    ("mvoiteam", "Mo", "Teamlid", [Rol.Code.MVOI_TEAMLID]),
    ("coordinator", "Carla", "Coördinator", [Rol.Code.COORDINATOR, Rol.Code.MVOI_TEAMLID]),
    ("management", "Mark", "Management", [Rol.Code.MANAGEMENT]),
    ("beheerder", "Bea", "Beheer", [Rol.Code.BEHEERDER]),
]


class Command(BaseCommand):
    help = "Maakt de demo-organisatie Gemeente Voorbeeld met een gebruiker per rol."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook uitvoeren als DEBUG uit staat."
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: demo-accounts met bekende wachtwoorden horen niet in "
                "productie. Gebruik --force als u dit echt wilt."
            )
        voorbeeld, _ = Organisatie.objects.get_or_create(
            naam="Gemeente Voorbeeld",
            defaults={
                "type": Organisatie.Type.GEMEENTE,
                "manifest_ondertekend_op": datetime.date(2022, 11, 24),
            },
        )
        waterschap, _ = Organisatie.objects.get_or_create(
            naam="Waterschap Voorbeeldstroom",
            defaults={
                "type": Organisatie.Type.WATERSCHAP,
                "manifest_ondertekend_op": datetime.date(2023, 6, 1),
            },
        )
        rollen = {rol.code: rol for rol in Rol.objects.all()}
        for username, voornaam, achternaam, codes in DEMO_GEBRUIKERS:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "email": f"{username}@voorbeeld.example",
                },
            )
            user.set_password(DEMO_WACHTWOORD)
            user.save()
            lid, _ = Lidmaatschap.objects.get_or_create(user=user, organisatie=voorbeeld)
            lid.rollen.set([rollen[code] for code in codes])

        # The coördinator also works for a second organisation, to show switching.
        coordinator = User.objects.get(username="coordinator")
        lid, _ = Lidmaatschap.objects.get_or_create(user=coordinator, organisatie=waterschap)
        lid.rollen.set([rollen[Rol.Code.COORDINATOR], rollen[Rol.Code.BEHEERDER]])

        Actieplan.objects.get_or_create(
            organisatie=voorbeeld,
            titel="Actieplan MVOI",
            defaults={"startjaar": 2024, "eindjaar": 2027},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klaar: Gemeente Voorbeeld met {len(DEMO_GEBRUIKERS)} gebruikers "
                f"(wachtwoord '{DEMO_WACHTWOORD}')."
            )
        )
