"""Fill an empty installation with the demo organisation, one user per role and a plan
with steps 1–4 filled in (the reference plan's steps 1–3 and a demo tender calendar).

Idempotent: running it again resets the demo users' passwords and roles and adds nothing
twice. Refuses to run when DEBUG is off unless --force is given, so no production database
gets accounts with published passwords by accident.
"""

import datetime
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aanbestedingskalender.demo import kalender_vullen
from aanbestedingskalender.services import kwartaaloverleg_opslaan
from actieplan import demo_inhoud, services
from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal
from evaluatie.demo import evaluaties_vullen, jaar_2025_afsluiten, jaarevaluatie_vullen
from jaarplanning.demo import planning_vullen
from organisaties.models import Lidmaatschap, Organisatie, Rol, User
from sso.models import Identiteitsprovider
from themes.models import Ambitieniveau, Doelsoort, Thema

DEMO_WACHTWOORD = "mvoi-demo-2026"

DEMO_GEBRUIKERS = [
    # username, first name, last name, roles
    ("inkoopadviseur", "Ilse", "Inkoop", [Rol.Code.INKOOPADVISEUR]),
    ("adviseur2", "Ahmed", "Aanbesteder", [Rol.Code.INKOOPADVISEUR]),
    ("adviseur3", "Petra", "Projectinkoop", [Rol.Code.INKOOPADVISEUR]),
    ("mvoiteam", "Mo", "Teamlid", [Rol.Code.MVOI_TEAMLID]),
    ("coordinator", "Carla", "Coördinator", [Rol.Code.COORDINATOR, Rol.Code.MVOI_TEAMLID]),
    ("management", "Mark", "Management", [Rol.Code.MANAGEMENT]),
    ("beheerder", "Bea", "Beheer", [Rol.Code.BEHEERDER]),
]


# The demo plan's text on coherence with other programmes, in the reference's manner.
SAMENHANG = (
    "Gemeente Voorbeeld heeft het Manifest MVOI ondertekend en is daarnaast Global "
    "Goals-gemeente, FairTrade-gemeente en gecertificeerd op de CO₂-prestatieladder. Die "
    "initiatieven voeren we niet los van elkaar uit: ze versterken elkaar. Met MVOI dragen "
    "we bij aan de doelen van de eigen organisatie, de Duurzaamheidsagenda Voorbeeld, het "
    "coalitieprogramma en het Klimaatakkoord.\n\n"
    "Een voorbeeld is het thema Klimaat. Het hoort bij SDG 13 ‘Klimaatactie’, gericht op "
    "minder CO₂-uitstoot. De CO₂-prestatieladder helpt die uitstoot terug te dringen. Wie "
    "bij inkoop rekening houdt met CO₂-uitstoot, geeft dus niet alleen invulling aan MVOI, "
    "maar ook aan SDG 13 en de CO₂-prestatieladder."
)


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

        plan, nieuw = Actieplan.objects.get_or_create(
            organisatie=voorbeeld,
            titel="Actieplan MVOI",
            defaults={"startjaar": 2024, "eindjaar": 2027, "samenhang": SAMENHANG},
        )
        if nieuw:
            adviseurs = [
                User.objects.get(username=naam)
                for naam in ("inkoopadviseur", "adviseur2", "adviseur3")
            ]
            self.stappen_1_tot_3_vullen(plan, adviseurs=adviseurs)
            kalender_vullen(actieplan=plan, eigenaren=adviseurs)
            evaluaties_vullen(actieplan=plan)
            jaarevaluatie_vullen(actieplan=plan)
            planning_vullen(
                actieplan=plan,
                verantwoordelijken=[
                    User.objects.get(username=naam) for naam in ("mvoiteam", "coordinator")
                ],
            )
            jaar_2025_afsluiten(actieplan=plan, door=coordinator)
            kwartaaloverleg_opslaan(
                actieplan=plan,
                kwartaal=Kwartaal(2025, 2),
                datum=datetime.date(2025, 6, 12),
                aanwezigen="MVOI-team: Carla, Mo, Ilse",
                notities="Bij de catering is Ketenverantwoordelijkheid niet uitgevraagd.",
                besluiten="Ilse neemt FairTrade-eisen op in de volgende cateringaanbesteding.",
            )
        self.zuidstad_met_werkaccounts(rollen)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klaar: Gemeente Voorbeeld met {len(DEMO_GEBRUIKERS)} gebruikers "
                f"(wachtwoord '{DEMO_WACHTWOORD}')."
            )
        )

    def zuidstad_met_werkaccounts(self, rollen: dict) -> None:
        """Gemeente Zuidstad logs in with its own work accounts: the demo provider that
        `make run` starts beside the application (ops/oidc, people in
        ops/oidc/demo-personen.json). Its members are made by their first login."""
        zuidstad, _ = Organisatie.objects.get_or_create(
            naam="Gemeente Zuidstad", defaults={"type": Organisatie.Type.GEMEENTE}
        )
        provider = Identiteitsprovider.objects.filter(organisatie=zuidstad).first()
        if provider is None:
            provider = Identiteitsprovider(organisatie=zuidstad)
        provider.naam = "Werkaccount Gemeente Zuidstad (demo)"
        provider.issuer = os.environ.get("SSO_DEMO_ISSUER", "http://127.0.0.1:8401")
        provider.client_id = "mvoi-demo"
        provider.client_secret = "mvoi-demo-sso-geheim"  # noqa: S105 - the demo's, published
        provider.domeinen = "zuidstad.example"
        provider.scopes = "openid email profile groups"
        provider.groepen_claim = "groups"
        provider.rollen_per_groep = {
            "mvoi-coordinatoren": [Rol.Code.COORDINATOR, Rol.Code.MVOI_TEAMLID],
            "inkoop": [Rol.Code.INKOOPADVISEUR],
            "directie": [Rol.Code.MANAGEMENT],
        }
        provider.standaardrol = rollen[Rol.Code.INKOOPADVISEUR]
        provider.leden_aanmaken = True
        provider.wachtwoord_toegestaan = False
        provider.full_clean()
        provider.save()

    def stappen_1_tot_3_vullen(self, plan: Actieplan, *, adviseurs: list[User]) -> None:
        """Fill steps 1–3 through the same services the pages use. Three advisors answer
        the nulmeting, not all alike, so the comparison page shows a spread."""
        themas = {thema.slug: thema for thema in Thema.objects.all()}
        niveaus = {niveau.nummer: niveau for niveau in Ambitieniveau.objects.all()}
        for volgnummer, adviseur in enumerate(adviseurs):
            for index, (slug, (niveau, onderbouwing, interviews, sessies)) in enumerate(
                demo_inhoud.ADVISEUR_ANTWOORDEN.items()
            ):
                verschil = demo_inhoud.ANDERE_ADVISEURS_VERSCHIL[volgnummer][index]
                services.nulmeting_antwoord_opslaan(
                    actieplan=plan,
                    user=adviseur,
                    thema=themas[slug],
                    niveau=niveaus.get(min(max(niveau + verschil, 1), 5)) if niveau else None,
                    onderbouwing=onderbouwing
                    if volgnummer == 0
                    else demo_inhoud.ANDERE_ADVISEURS_ONDERBOUWING[volgnummer][verschil],
                    beleidsdocumenten="Inkoopbeleid; CO₂-reductieplan; coalitieprogramma",
                    aantal_interviews=(interviews or None) if volgnummer == 0 else None,
                    aantal_werksessies=(sessies or None) if volgnummer == 0 else None,
                )
        for slug, (niveau, samenvatting) in demo_inhoud.NULMETING.items():
            services.nulmeting_vaststellen(
                actieplan=plan,
                thema=themas[slug],
                huidig_niveau=niveaus[niveau],
                nulmeting_samenvatting=samenvatting,
            )
        services.themakeuze_opslaan(
            actieplan=plan,
            keuzes={
                themas[slug]: {"focus": focus, "onderbouwing": tekst, "doorlopend": doorlopend}
                for slug, (focus, tekst, doorlopend) in demo_inhoud.THEMAKEUZE.items()
            },
        )
        services.ambities_opslaan(
            actieplan=plan,
            ambities={
                themas[slug]: {
                    "ambitie_niveau": niveaus[niveau],
                    "voorbehoud": voorbehoud,
                    "toelichting_ambitie": "",
                }
                for slug, (niveau, voorbehoud) in demo_inhoud.AMBITIES.items()
            },
        )
        soorten = Doelsoort.objects.in_bulk()
        services.meetbare_doelen_opslaan(
            actieplan=plan,
            doelen=[
                {"soort": soorten[code], "jaar": jaar, "streefwaarde": waarde, "drempel": drempel}
                for code, jaar, waarde, drempel in demo_inhoud.MEETBARE_DOELEN
            ],
        )
        services.tekstdoelen_opslaan(
            actieplan=plan,
            doelen=[
                {"thema": themas.get(slug), "tekst": tekst}
                for slug, tekst in demo_inhoud.TEKSTDOELEN
            ],
        )
