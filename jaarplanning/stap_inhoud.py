"""Steps 5 and 6 in the step register (see actieplan/stappen.py). Registered by
`JaarplanningConfig.ready()`.

Complete for a plan year (docs/adr/0001-stappenregister.md):
5. Borging: both "what we already do" texts are filled in, and the year has at least one
   embedding action (not vervallen).
6. Jaarplanning: the year has at least one action (not vervallen).
Each a condition the register asks with the other steps' in one query.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from actieplan.stappen import Fragment, StapInhoud, als_json, jaar_uit_verzoek

from . import selectors
from .models import Actie, Borging

ACTIEVELDEN = (
    "jaar",
    "titel",
    "omschrijving",
    "actorgroep_id",
    "startjaar",
    "startkwartaal",
    "eindjaar",
    "eindkwartaal",
    "verantwoordelijke_id",
    "hoe",
    "extra_budget",
    "extra_uren",
    "status",
    "reden",
    "borging",
    "aanbesteding_id",
)


def _borgingsgroepen(acties) -> list[dict]:
    groepen = [
        {"code": code, "naam": naam, "acties": []}
        for code, naam in Actie.Borgingsgroep.choices
        if code
    ]
    per_code = {groep["code"]: groep for groep in groepen}
    for actie in acties:
        per_code[actie.borging]["acties"].append(actie)
    return groepen


class BorgingStap(StapInhoud):
    slug = "borging"
    template = "jaarplanning/stap_borging.html"

    def _context(self, actieplan, jaar: int) -> dict:
        acties = selectors.actie_list(actieplan=actieplan, filters={"jaar": jaar, "borging": True})
        return {
            "jaar": jaar,
            "borging": selectors.borging_get(actieplan=actieplan),
            "borgingsgroepen": _borgingsgroepen(acties),
        }

    def pagina(self, request, actieplan, *, jaar):
        return self._context(actieplan, jaar_uit_verzoek(request, actieplan, jaar))

    def compleet_als(self, *, jaar):
        borgingsactie = (
            Actie.objects.filter(actieplan=OuterRef("pk"), jaar=jaar)
            .exclude(borging="")
            .exclude(status=Actie.Status.VERVALLEN)
        )
        teksten = (
            Borging.objects.filter(actieplan=OuterRef("pk"))
            .exclude(in_organisatie="")
            .exclude(in_inkoopproces="")
        )
        return Exists(teksten) & Exists(borgingsactie)

    def document(self, actieplan, *, jaar):
        return Fragment("jaarplanning/document/borging.html", self._context(actieplan, jaar))

    def momentopname(self, actieplan):
        borging = selectors.borging_get(actieplan=actieplan)
        return {
            "in_organisatie": borging.in_organisatie,
            "in_inkoopproces": borging.in_inkoopproces,
        }

    def wijzigingen(self, oud, nieuw):
        zinnen = []
        if (oud.get("in_organisatie") or "") != (nieuw.get("in_organisatie") or ""):
            zinnen.append(_("De borging in de organisatie is herschreven."))
        if (oud.get("in_inkoopproces") or "") != (nieuw.get("in_inkoopproces") or ""):
            zinnen.append(_("De borging in het inkoopproces is herschreven."))
        return zinnen

    def geschiedenis_modellen(self):
        return (Borging,)


class JaarplanningStap(StapInhoud):
    slug = "jaarplanning"
    template = "jaarplanning/stap_jaarplanning.html"

    def _context(self, actieplan, jaar: int) -> dict:
        kwartalen, rijen = selectors.planning_raster(actieplan=actieplan, jaar=jaar)
        acties = selectors.actie_list(actieplan=actieplan, filters={"jaar": jaar})
        return {
            "jaar": jaar,
            "kwartalen": kwartalen,
            "rasterrijen": rijen,
            "totalen": selectors.totalen(acties=acties),
        }

    def pagina(self, request, actieplan, *, jaar):
        return self._context(actieplan, jaar_uit_verzoek(request, actieplan, jaar))

    def laatste_jaar(self, actieplan):
        return (
            Actie.objects.filter(actieplan=actieplan, jaar__lte=actieplan.eindjaar)
            .exclude(status=Actie.Status.VERVALLEN)
            .order_by("-jaar")
            .values_list("jaar", flat=True)
            .first()
        )

    def compleet_als(self, *, jaar):
        return Exists(
            Actie.objects.filter(actieplan=OuterRef("pk"), jaar=jaar).exclude(
                status=Actie.Status.VERVALLEN
            )
        )

    def document(self, actieplan, *, jaar):
        context = self._context(actieplan, jaar)
        acties = selectors.actie_list(actieplan=actieplan, filters={"jaar": jaar})
        context["acties"] = acties
        # What the year asks beyond budget and capacity; a dropped action asks nothing.
        context["totalen"] = selectors.totalen(acties=acties)
        return Fragment("jaarplanning/document/jaarplanning.html", context)

    def momentopname(self, actieplan):
        return {
            "actorgroepen": [
                {"id": groep.pk, "naam": groep.naam}
                for groep in selectors.actorgroep_list(organisatie=actieplan.organisatie)
            ],
            "acties": [
                als_json(actie, "id", *ACTIEVELDEN)
                for actie in selectors.actie_list(actieplan=actieplan)
            ],
        }

    def wijzigingen(self, oud, nieuw):
        """Actions added, removed, and whose status changed (by their number)."""
        oude = {a.get("id"): a for a in oud.get("acties", [])}
        nieuwe = {a.get("id"): a for a in nieuw.get("acties", [])}
        statussen = dict(Actie.Status.choices)
        zinnen = [
            _("Nieuwe actie voor %(jaar)s: %(titel)s.") % {"jaar": a["jaar"], "titel": a["titel"]}
            for nummer, a in nieuwe.items()
            if nummer not in oude
        ]
        bijgewerkt = 0
        for nummer, a in nieuwe.items():
            vorig = oude.get(nummer)
            if vorig and vorig != a and vorig["status"] == a["status"]:
                bijgewerkt += 1
            if vorig and vorig["status"] != a["status"]:
                zinnen.append(
                    _("%(titel)s: %(oud)s → %(nieuw)s.")
                    % {
                        "titel": a["titel"],
                        "oud": statussen.get(vorig["status"], vorig["status"]).lower(),
                        "nieuw": statussen.get(a["status"], a["status"]).lower(),
                    }
                )
        zinnen += [
            _("Actie verwijderd: %(titel)s.") % {"titel": a["titel"]}
            for nummer, a in oude.items()
            if nummer not in nieuwe
        ]
        if bijgewerkt:
            zinnen.append(
                _("%(aantal)s andere actie(s) bijgewerkt (planning, budget, uren of gegevens).")
                % {"aantal": bijgewerkt}
            )
        if oud.get("actorgroepen", []) != nieuw.get("actorgroepen", []):
            zinnen.append(_("De actorgroepen zijn gewijzigd."))
        return zinnen

    def geschiedenis_modellen(self):
        return (Actie,)
