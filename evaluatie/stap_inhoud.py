"""Step 7 in the step register (see actieplan/stappen.py). Registered by
`EvaluatieConfig.ready()`.

Complete for a plan year (docs/adr/0001-stappenregister.md) when the MVOI team answered all
nine questions (three per level) of that year's evaluation: a condition the register asks
with the other steps' in one query.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbestedingskalender import selectors as kalender_selectors
from actieplan import selectors as actieplan_selectors
from actieplan.stappen import (
    Fragment,
    StapInhoud,
    als_json,
    als_json_waarde,
    jaar_uit_verzoek,
)

from . import grafieken, selectors, services
from .models import (
    ANTWOORDVELDEN,
    NIVEAUNAMEN,
    NIVEAUS,
    VRAAGTEKSTEN,
    VRAGEN,
    Jaarevaluatie,
    TenderEvaluatie,
    ThemaEffect,
)

# An effect's fields in the snapshot: the same as the form's (services.EFFECTVELDEN) today,
# kept apart on purpose – a field added to the form must not change the snapshot (and its
# SHA-256) of versions already stored.
EFFECT_IN_MOMENTOPNAME = (
    "markt",
    "gewerkt",
    "lessen",
    "co2_vermeden_ton",
    "sroi_euro",
    "sroi_percentage",
    "circulair_percentage",
    "overig_waarde",
    "overig_eenheid",
)


class EvaluatieStap(StapInhoud):
    slug = "evaluatie"
    template = "evaluatie/stap_evaluatie.html"

    def laatste_jaar(self, actieplan):
        # The year's figures come from its tenders: the last year that has them.
        return kalender_selectors.standaardjaar(actieplan=actieplan)

    def _context(self, actieplan, jaar: int) -> dict:
        evaluatie = selectors.jaarevaluatie_get(actieplan=actieplan, jaar=jaar)
        cijfers = selectors.jaarcijfers(actieplan=actieplan, jaar=jaar)
        return {
            "jaar": jaar,
            "overgang": selectors.jaarovergang_get(actieplan=actieplan, naar=jaar + 1),
            "afsluitbaar": services.afsluitbaar(jaar),
            "besluiten": selectors.besluit_list(actieplan=actieplan, jaar=jaar),
            "evaluatie": evaluatie,
            "cijfers": cijfers,
            # The work still to do (live), beside the year's recorded figures.
            "evaluaties_nu": selectors.tender_evaluaties_telling(actieplan=actieplan, jaar=jaar),
            "antwoorden": [
                {
                    "naam": NIVEAUNAMEN[niveau],
                    "vragen": [
                        (VRAAGTEKSTEN[vraag], getattr(evaluatie, f"{niveau}_{vraag}"))
                        for vraag in VRAGEN
                    ],
                }
                for niveau in NIVEAUS
            ],
            "andere_doelen": actieplan_selectors.per_soort(cijfers["andere_doelen"]),
            # The years up to the evaluated one: the years after it are still being planned
            # (step 4 shows them), and would change what a closed year's page says.
            "grafiek_doelen": grafieken.doel_tegen_gerealiseerd(
                [v for v in cijfers["voortgang_per_jaar"] if v.jaar <= jaar],
                dit_jaar=timezone.localdate().year,
            ),
            "grafiek_co2": grafieken.effect_per_thema(
                cijfers["themas"], "co2_vermeden_ton", _("CO₂ vermeden per thema"), _("ton")
            ),
            "grafiek_sroi": grafieken.effect_per_thema(
                cijfers["themas"], "sroi_euro", _("Social return per thema"), _("euro")
            ),
        }

    def pagina(self, request, actieplan, *, jaar):
        return self._context(actieplan, jaar_uit_verzoek(request, actieplan, jaar))

    def compleet_als(self, *, jaar):
        leeg = Q()
        for veld in ANTWOORDVELDEN:
            leeg |= Q(**{veld: ""})
        return Exists(
            Jaarevaluatie.objects.filter(actieplan=OuterRef("pk"), jaar=jaar).exclude(leeg)
        )

    def document(self, actieplan, *, jaar):
        # The latest year evaluated so far (the current year's evaluation is done in Q4).
        laatst = (
            Jaarevaluatie.objects.filter(actieplan=actieplan, jaar__lte=jaar)
            .order_by("-jaar")
            .values_list("jaar", flat=True)
            .first()
        )
        return Fragment("evaluatie/document.html", self._context(actieplan, laatst or jaar))

    def momentopname(self, actieplan):
        return {
            "jaarevaluaties": [
                als_json(e, "jaar", *ANTWOORDVELDEN, "besluiten")
                for e in Jaarevaluatie.objects.filter(actieplan=actieplan).order_by("jaar")
            ],
            "evaluaties_na_gunning": self._evaluaties_na_gunning(actieplan),
        }

    def _evaluaties_na_gunning(self, actieplan) -> list[dict]:
        """As plain rows, two queries (the values of `als_json` on the instances: the stored
        snapshot of a version is compared with a new one by its hash)."""
        effecten = defaultdict(list)
        for effect in (
            ThemaEffect.objects.filter(evaluatie__aanbesteding__actieplan=actieplan)
            .order_by("evaluatie_id", "thema__volgorde")
            .values("evaluatie_id", *EFFECT_IN_MOMENTOPNAME, "thema__slug")
        ):
            evaluatie, thema = effect.pop("evaluatie_id"), effect.pop("thema__slug")
            effecten[evaluatie].append(
                {veld: als_json_waarde(w) for veld, w in effect.items()} | {"thema": thema}
            )
        return [
            {"aanbesteding": kenmerk, "effecten": effecten[pk]}
            for pk, kenmerk in TenderEvaluatie.objects.filter(aanbesteding__actieplan=actieplan)
            .order_by("aanbesteding__kenmerk")
            .values_list("pk", "aanbesteding__kenmerk")
        ]

    def wijzigingen(self, oud, nieuw):
        oude = {e["jaar"]: e for e in oud.get("jaarevaluaties", [])}
        zinnen = []
        for evaluatie in nieuw.get("jaarevaluaties", []):
            vorig = oude.get(evaluatie["jaar"])
            if vorig is None:
                zinnen.append(_("Jaarevaluatie %(jaar)s toegevoegd.") % {"jaar": evaluatie["jaar"]})
            elif vorig != evaluatie:
                zinnen.append(_("Jaarevaluatie %(jaar)s bijgewerkt.") % {"jaar": evaluatie["jaar"]})
        oude_tenders = {e["aanbesteding"] for e in oud.get("evaluaties_na_gunning", [])}
        erbij = [
            e["aanbesteding"]
            for e in nieuw.get("evaluaties_na_gunning", [])
            if e["aanbesteding"] not in oude_tenders
        ]
        if erbij:
            zinnen.append(
                _("Evaluatie na gunning toegevoegd voor %(kenmerken)s.")
                % {"kenmerken": ", ".join(erbij)}
            )
        return zinnen

    def geschiedenis_modellen(self):
        return (Jaarevaluatie, TenderEvaluatie, ThemaEffect)
