"""Fill a database at national scale, for the benchmarks of docs/performance.md.

400 organisations (the number of Dutch public bodies), each with a plan of three years,
five procurement advisors with a nulmeting answer per theme, the agreed levels, 300
tenders over the three years (each with two themes applied and one applicable but not
applied – a deviation for the quarterly meeting, half of them explained; the awarded ones
evaluated), 150 actions in the year planning, a measurable goal of every kind and a goal
in words per theme for each year, a quarterly meeting for every quarter of 2025–2026 and
a yearly evaluation; and one large organisation, "Gemeente Groot", with 3,000 tenders in
one year. Every plan's tenders, actions and goals have their history records (the history
page looks among the whole installation's). The two organisations the page series
measures (Gemeente Bench 000 and Gemeente Groot) also have an approved version, frozen
with both PDFs, and a rejected one after it, with tenders changed since: the version
pages and "what changed" compare real snapshots. Written with bulk inserts.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/mvoi_landelijk \\
        .venv/bin/python bench/landelijk_vullen.py [--organisaties 400] [--groot 3000]
      (the database is migrated when needed, not created: `make bench` creates it; SQLite:
       sqlite:///landelijk.sqlite3)
Refuses a database that already holds organisations. Prints a progress bar on stderr.
"""

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi.settings.test")

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from aanbestedingskalender.models import (  # noqa: E402
    Aanbesteding,
    Kwartaaloverleg,
    ThemaToepassing,
)
from actieplan.models import (  # noqa: E402
    Actieplan,
    ActieplanThema,
    MeetbaarDoel,
    NulmetingAntwoord,
    TekstDoel,
)
from evaluatie.models import Jaarevaluatie, TenderEvaluatie, ThemaEffect  # noqa: E402
from jaarplanning import services as planning  # noqa: E402
from jaarplanning.models import Actie, Actorgroep, Borging  # noqa: E402
from organisaties.models import Lidmaatschap, Organisatie, Rol, User  # noqa: E402
from plandocument import goedkeuring, renderen  # noqa: E402
from themes.models import Ambitieniveau, Doelsoort, Thema  # noqa: E402

WACHTWOORD = "mvoi-bench-2026"
STARTJAAR = 2025
JAREN = (2025, 2026, 2027)
PROCEDURES = [c for c, _ in Aanbesteding.Procedure.choices]
SOORTEN = [c for c, _ in Aanbesteding.Soort.choices]


def voortgang(gedaan: int, totaal: int, begin: float, wat: str) -> None:
    breedte = 40
    vol = breedte * gedaan // totaal
    seconden = time.perf_counter() - begin
    sys.stderr.write(
        f"\r[{'#' * vol}{'.' * (breedte - vol)}] {gedaan}/{totaal} {wat} ({seconden:.0f} s)"
    )
    if gedaan == totaal:
        sys.stderr.write("\n")
    sys.stderr.flush()


class Vuller:
    def __init__(self):
        self.themas = list(Thema.objects.order_by("volgorde"))
        self.niveaus = list(Ambitieniveau.objects.order_by("pk"))
        self.rollen = {rol.code: rol for rol in Rol.objects.all()}
        self.wachtwoord = make_password(WACHTWOORD)  # one hash for every user: fast
        self.doelsoorten = list(Doelsoort.objects.order_by("volgorde"))

    def gebruikers(self, nummer: int, aantal: int, voorvoegsel: str) -> list[User]:
        return User.objects.bulk_create(
            User(
                username=f"{voorvoegsel}{nummer}-{i}",
                email=f"{voorvoegsel}{nummer}-{i}@bench.example",
                first_name=voorvoegsel.capitalize(),
                last_name=f"{nummer}-{i}",
                password=self.wachtwoord,
            )
            for i in range(aantal)
        )

    @transaction.atomic
    def organisatie(self, nummer: int, naam: str, *, tenders_per_jaar: dict[int, int]) -> None:
        organisatie = Organisatie.objects.create(naam=naam, type=Organisatie.Type.GEMEENTE)
        if not Actorgroep.objects.filter(organisatie=organisatie).exists():
            planning.actorgroepen_aanmaken(organisatie=organisatie)
        groepen = list(Actorgroep.objects.filter(organisatie=organisatie))
        plan = Actieplan.objects.create(
            organisatie=organisatie,
            titel=f"Actieplan MVOI {JAREN[0]}–{JAREN[-1]}",
            startjaar=JAREN[0],
            eindjaar=JAREN[-1],
        )

        adviseurs = self.gebruikers(nummer, 5, "adviseur")
        team = self.gebruikers(nummer, 3, "team")
        leden = Lidmaatschap.objects.bulk_create(
            Lidmaatschap(user=u, organisatie=organisatie) for u in adviseurs + team
        )
        Lidmaatschap.rollen.through.objects.bulk_create(
            Lidmaatschap.rollen.through(
                lidmaatschap_id=lid.pk,
                rol_id=self.rollen["inkoopadviseur" if i < 5 else "mvoi_teamlid"].pk,
            )
            for i, lid in enumerate(leden)
        )
        NulmetingAntwoord.objects.bulk_create(
            NulmetingAntwoord(
                actieplan=plan,
                user=adviseur,
                thema=thema,
                niveau=self.niveaus[(i + t) % 3],
                onderbouwing="Gemeten met de bench.",
            )
            for i, adviseur in enumerate(adviseurs)
            for t, thema in enumerate(self.themas)
        )
        ActieplanThema.objects.bulk_create(
            ActieplanThema(
                actieplan=plan,
                thema=thema,
                huidig_niveau=self.niveaus[1],
                ambitie_niveau=self.niveaus[2],
            )
            for thema in self.themas
        )

        tenders = []
        for jaar, aantal in tenders_per_jaar.items():
            for i in range(aantal):
                gegund = i % 4 == 0
                status = Aanbesteding.Status.GEGUND if gegund else Aanbesteding.Status.GEPLAND
                tenders.append(
                    Aanbesteding(
                        actieplan=plan,
                        kenmerk=f"{jaar}-{i:04d}",
                        naam=f"Aanbesteding {i} van {jaar}",
                        procedure=PROCEDURES[i % len(PROCEDURES)],
                        soort=SOORTEN[i % len(SOORTEN)],
                        startjaar=jaar,
                        startkwartaal=i % 4 + 1,
                        eigenaar=adviseurs[i % 5],
                        geraamde_waarde=Decimal(50_000 + 1_000 * (i % 200)),
                        kansrijk=i % 3 != 0,
                        status=status,
                    )
                )
        tenders = Aanbesteding.objects.bulk_create(tenders, batch_size=1000)
        ThemaToepassing.objects.bulk_create(
            (
                ThemaToepassing(
                    aanbesteding=tender,
                    thema=self.themas[(i + k) % len(self.themas)],
                    toegepast=True,
                    vorm="gunningscriterium",
                    criteria_niveau="basis",
                )
                for i, tender in enumerate(tenders)
                for k in range(2)
            ),
            batch_size=2000,
        )
        # A third theme applicable but not applied: the quarterly meeting's deviations, half
        # of them explained.
        ThemaToepassing.objects.bulk_create(
            (
                ThemaToepassing(
                    aanbesteding=tender,
                    thema=self.themas[(i + 2) % len(self.themas)],
                    toegepast=False,
                    uitleg="Geen geschikte markt gevonden." if i % 2 else "",
                )
                for i, tender in enumerate(tenders)
            ),
            batch_size=2000,
        )
        gegund = [t for t in tenders if t.status == Aanbesteding.Status.GEGUND]
        evaluaties = TenderEvaluatie.objects.bulk_create(
            (TenderEvaluatie(aanbesteding=t, door=t.eigenaar) for t in gegund), batch_size=1000
        )
        ThemaEffect.objects.bulk_create(
            (
                ThemaEffect(
                    evaluatie=e,
                    thema=self.themas[i % len(self.themas)],
                    gewerkt="ja",
                    co2_vermeden_ton=Decimal("1.5"),
                )
                for i, e in enumerate(evaluaties)
            ),
            batch_size=2000,
        )
        Actie.objects.bulk_create(
            (
                Actie(
                    actieplan=plan,
                    jaar=JAREN[i % 3],
                    titel=f"Actie {i}",
                    actorgroep=groepen[i % len(groepen)],
                    startjaar=JAREN[i % 3],
                    startkwartaal=i % 4 + 1,
                    eindjaar=JAREN[i % 3],
                    eindkwartaal=4,
                    verantwoordelijke=team[i % 3],
                    extra_budget=Decimal(1000),
                    extra_uren=Decimal(8),
                )
                for i in range(150)
            ),
            batch_size=1000,
        )
        doelen = MeetbaarDoel.objects.bulk_create(
            MeetbaarDoel(
                actieplan=plan,
                soort=soort,
                jaar=jaar,
                streefwaarde=Decimal(40 + 10 * k),
                drempel=Decimal(100_000) if soort.met_drempel else None,
            )
            for jaar in JAREN
            for k, soort in enumerate(self.doelsoorten)
        )
        tekstdoelen = TekstDoel.objects.bulk_create(
            TekstDoel(actieplan=plan, thema=thema, tekst=f"Wij passen {thema.naam} vaker toe.")
            for thema in self.themas
        )
        Kwartaaloverleg.objects.bulk_create(
            Kwartaaloverleg(
                actieplan=plan,
                jaar=jaar,
                kwartaal=kwartaal,
                aanwezigen="Het MVOI-team.",
                notities="Afwijkingen besproken.",
                besluiten="Uitleg gevraagd bij de open afwijkingen.",
            )
            for jaar in JAREN[:2]
            for kwartaal in range(1, 5)
        )
        Borging.objects.create(actieplan=plan, in_organisatie="Bench.", in_inkoopproces="Bench.")
        Jaarevaluatie.objects.bulk_create(Jaarevaluatie(actieplan=plan, jaar=j) for j in JAREN)
        # The history pages read the installation's history records: each row created once.
        door = team[0]
        for model, rijen in (
            (Aanbesteding, tenders),
            (Actie, Actie.objects.filter(actieplan=plan)),
            (MeetbaarDoel, doelen),
            (TekstDoel, tekstdoelen),
        ):
            model.history.bulk_history_create(list(rijen), batch_size=2000, default_user=door)

    def versies(self, naam: str) -> None:
        """An approved version, frozen with both PDFs (rendered here, as the worker does), a
        tenth of the tenders renamed since, and a second version, rejected: the version
        pages compare real snapshots."""
        plan = Actieplan.objects.get(organisatie__naam=naam)
        team = list(
            User.objects.filter(
                lidmaatschappen__organisatie=plan.organisatie, username__startswith="team"
            ).order_by("pk")
        )
        eerste = goedkeuring.indienen(actieplan=plan, door=team[0], jaar=2026)
        goedkeuring.goedkeuren(versie=eerste, door=team[1], opmerking="Akkoord.")
        renderen.versie_vastleggen(versie_id=eerste.pk)
        plan.refresh_from_db()
        for tender in Aanbesteding.objects.filter(actieplan=plan, pk__in=_elke_tiende(plan)):
            tender.naam += " (herzien)"
            tender.save(update_fields=["naam"])
        tweede = goedkeuring.indienen(actieplan=plan, door=team[0], jaar=2026)
        goedkeuring.afwijzen(versie=tweede, door=team[1], opmerking="Nog niet.")
        for tender in Aanbesteding.objects.filter(actieplan=plan, pk__in=_elke_tiende(plan, 5)):
            tender.naam += " (opnieuw herzien)"
            tender.save(update_fields=["naam"])


def _elke_tiende(plan, begin: int = 0) -> list[int]:
    pks = Aanbesteding.objects.filter(actieplan=plan).order_by("pk").values_list("pk", flat=True)
    return list(pks)[begin::10]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisaties", type=int, default=400)
    parser.add_argument("--groot", type=int, default=3000, help="tenders of the large one")
    parser.add_argument(
        "--als-leeg",
        action="store_true",
        help="a database that already has organisations is left as it is (make bench)",
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Organisatie.objects.exists():
        if args.als_leeg:
            print(
                f"Already filled: {Organisatie.objects.count()} organisaties, "
                f"{Aanbesteding.objects.count()} aanbestedingen (not filled again)."
            )
            return
        raise SystemExit("Deze database heeft al organisaties; kies een lege.")
    vuller = Vuller()
    begin = time.perf_counter()
    totaal = args.organisaties
    for nummer in range(args.organisaties - 1):
        vuller.organisatie(
            nummer, f"Gemeente Bench {nummer:03d}", tenders_per_jaar=dict.fromkeys(JAREN, 100)
        )
        voortgang(nummer + 1, totaal, begin, "organisaties")
    vuller.organisatie(
        totaal, "Gemeente Groot", tenders_per_jaar={2026: args.groot, 2025: 0, 2027: 0}
    )
    voortgang(totaal, totaal, begin, "organisaties")
    for naam in ("Gemeente Bench 000", "Gemeente Groot"):
        vuller.versies(naam)
        print(f"{naam}: versie 1 vastgesteld, versie 2 afgewezen", file=sys.stderr)
    with connection.cursor() as cursor:  # the planner's statistics, as after a real load
        cursor.execute("ANALYZE")
    print(
        f"{Organisatie.objects.count()} organisaties, {Aanbesteding.objects.count()} "
        f"aanbestedingen, {Actie.objects.count()} acties, "
        f"{NulmetingAntwoord.objects.count()} antwoorden in {time.perf_counter() - begin:.0f} s. "
        f"Wachtwoord van alle gebruikers: {WACHTWOORD}"
    )


if __name__ == "__main__":
    main()
