"""Step 4 in the step register (see actieplan/stappen.py): its page, completeness, document
fragment, snapshot and history. Registered by `AanbestedingskalenderConfig.ready()`.

Complete for a plan year (docs/adr/0001-stappenregister.md) when that year's calendar has
at least one kansrijke tender (not vervallen), and no published or awarded tender has an
applicable theme that is not applied and not explained (pas toe of leg uit). One query.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from actieplan import selectors as actieplan_selectors
from actieplan.stappen import Fragment, StapInhoud, als_json, als_json_waarde, per_sleutel
from basis.kwartalen import kwartalen_van_jaar
from themes.models import Doelsoort

from . import selectors
from .models import KALENDERVELDEN, Aanbesteding, Kwartaaloverleg, ThemaToepassing, Verplaatsing


class Aanbestedingskalender(StapInhoud):
    slug = "aanbestedingskalender"
    template = "aanbestedingskalender/stap.html"

    def laatste_jaar(self, actieplan):
        return selectors.standaardjaar(actieplan=actieplan)

    def pagina(self, request, actieplan, *, jaar):
        return {
            "voortgang_per_jaar": selectors.voortgang_per_jaar(
                actieplan=actieplan, jaren=actieplan.jaren
            ),
            "aantal_aanbestedingen": selectors.aanbesteding_list(actieplan=actieplan).count(),
            "evaluaties_ontbrekend": selectors.aanbesteding_list(actieplan=actieplan)
            .filter(evaluatie_ontbreekt=True)
            .count(),
            # The other kinds of goal: the table above already shows the kansrijke one.
            "doelrealisatie": actieplan_selectors.per_soort(
                selectors.doelrealisatie(
                    actieplan=actieplan,
                    doelen=[
                        doel
                        for doel in actieplan_selectors.meetbare_doelen(actieplan=actieplan)
                        if doel.soort.berekening != Doelsoort.Berekening.KANSRIJK_MET_FOCUSTHEMA
                    ],
                )
            ),
        }

    def compleet_als(self, *, jaar):
        # Two EXISTS: each stops at its first row (a kansrijke tender; a decided tender with
        # a theme neither applied nor explained) instead of counting the year's tenders.
        jaar_tenders = Aanbesteding.objects.filter(
            actieplan=OuterRef("pk"), startjaar=jaar
        ).exclude(status=Aanbesteding.Status.VERVALLEN)
        onverklaard = ThemaToepassing.objects.filter(
            aanbesteding__actieplan=OuterRef("pk"),
            aanbesteding__startjaar=jaar,
            aanbesteding__status__in=Aanbesteding.BESLIST,
            toegepast=False,
            uitleg="",
        )
        return Exists(jaar_tenders.filter(kansrijk=True)) & ~Exists(onverklaard)

    def document(self, actieplan, *, jaar):
        # Per start quarter a table of its tenders (the X of the calendar's grid is the
        # section they are in): two cells a row instead of six, which WeasyPrint lays out in
        # about half the time at thousands of tenders (docs/performance.md, "The plan as a PDF").
        # A closed year prints its calendar and figure as recorded when it was closed.
        aanbestedingen = selectors.documentkalender(actieplan=actieplan, jaar=jaar)
        return Fragment(
            "aanbestedingskalender/document.html",
            {
                "jaar": jaar,
                "per_kwartaal": [
                    (kwartaal, [a for a in aanbestedingen if a["kwartaal"] == kwartaal.kwartaal])
                    for kwartaal in kwartalen_van_jaar(jaar)
                ],
                "aantal": len(aanbestedingen),
                "voortgang": selectors.voortgang(actieplan=actieplan, jaar=jaar),
            },
        )

    def momentopname(self, actieplan):
        # Read as plain rows, three queries: model instances and prefetched managers for a
        # large organisation's calendar were most of "what changed" (1.2 s at 3,000).
        # The values are those of `als_json` on the instances, key for key: a version's
        # stored snapshot is compared with a new one by its hash.
        velden = [veld for veld in KALENDERVELDEN if veld not in ("eigenaar", "productgroep")]
        rijen = list(
            Aanbesteding.objects.filter(actieplan=actieplan)
            .order_by(*selectors.sortering("start"))
            .values("pk", *velden, "productgroep_id", "eigenaar__email")
        )
        toepassingen, verplaatsingen = defaultdict(list), defaultdict(list)
        for t in (
            ThemaToepassing.objects.filter(aanbesteding__actieplan=actieplan)
            .order_by("aanbesteding_id", "thema__volgorde")
            .values(
                "aanbesteding_id", "toegepast", "vorm", "criteria_niveau", "uitleg", "thema__slug"
            )
        ):
            tender, thema = t.pop("aanbesteding_id"), t.pop("thema__slug")
            toepassingen[tender].append(t | {"thema": thema})
        for v in (
            Verplaatsing.objects.filter(aanbesteding__actieplan=actieplan)
            .order_by("aanbesteding_id", "created_at", "pk")
            .values(
                "aanbesteding_id", "van_jaar", "van_kwartaal", "naar_jaar", "naar_kwartaal", "reden"
            )
        ):
            verplaatsingen[v.pop("aanbesteding_id")].append(v)
        return {
            "aanbestedingen": [
                {veld: als_json_waarde(rij[veld]) for veld in (*velden, "productgroep_id")}
                | {
                    "eigenaar": rij["eigenaar__email"],
                    "toepassingen": toepassingen[rij["pk"]],
                    "verplaatsingen": verplaatsingen[rij["pk"]],
                }
                for rij in rijen
            ],
            "kwartaaloverleggen": [
                als_json(o, "jaar", "kwartaal", "datum", "aanwezigen", "notities", "besluiten")
                for o in Kwartaaloverleg.objects.filter(actieplan=actieplan).order_by(
                    "jaar", "kwartaal"
                )
            ],
        }

    def wijzigingen(self, oud, nieuw):
        """Tenders added, moved (another start quarter) and dropped (vervallen or removed),
        by their kenmerk; other changes counted."""

        def naam(a) -> str:
            return f"{a['kenmerk']} {a['naam']}"

        def kwartaal(a) -> str:
            return f"Q{a['startkwartaal']} {a['startjaar']}"

        oude = per_sleutel(oud.get("aanbestedingen", []), "kenmerk")
        nieuwe = per_sleutel(nieuw.get("aanbestedingen", []), "kenmerk")
        vervallen = Aanbesteding.Status.VERVALLEN
        zinnen, overig = [], 0
        for kenmerk, a in nieuwe.items():
            vorig = oude.get(kenmerk)
            if vorig is None:
                zinnen.append(
                    _("Nieuwe aanbesteding: %(naam)s (%(kwartaal)s).")
                    % {"naam": naam(a), "kwartaal": kwartaal(a)}
                )
            elif a["status"] == vervallen and vorig["status"] != vervallen:
                zinnen.append(_("Vervallen: %(naam)s.") % {"naam": naam(a)})
            elif kwartaal(a) != kwartaal(vorig):
                zinnen.append(
                    _("Verplaatst: %(naam)s, van %(van)s naar %(naar)s.")
                    % {"naam": naam(a), "van": kwartaal(vorig), "naar": kwartaal(a)}
                )
            elif a != vorig:
                overig += 1
        zinnen += [
            _("Uit de kalender gehaald: %(naam)s.") % {"naam": naam(a)}
            for kenmerk, a in oude.items()
            if kenmerk not in nieuwe
        ]
        if overig:
            zinnen.append(
                _("%(aantal)s andere aanbesteding(en) bijgewerkt (status, thema's of gegevens).")
                % {"aantal": overig}
            )
        nieuwe_overleggen = len(nieuw.get("kwartaaloverleggen", [])) - len(
            oud.get("kwartaaloverleggen", [])
        )
        if nieuwe_overleggen > 0:
            zinnen.append(
                _("%(aantal)s kwartaaloverleg(gen) vastgelegd.") % {"aantal": nieuwe_overleggen}
            )
        return zinnen

    def geschiedenis_modellen(self):
        return (Aanbesteding, ThemaToepassing, Verplaatsing, Kwartaaloverleg)
