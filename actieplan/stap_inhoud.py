"""Steps 1–3 in the step register: their pages, completeness, document fragments, snapshots
and history. Registered by `ActieplanConfig.ready()`, like every other step by its own app.

Completeness (docs/adr/0001-stappenregister.md):
1. Nulmeting: every theme has an agreed current level.
2. Thema's: at least one focus theme, and every theme has an ambition.
3. Ambities & doelen: at least one measurable goal.
Each a condition the register asks with the other steps' in one query.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from themes.models import Thema
from themes.selectors import ambitieniveau_list

from . import grafieken, selectors
from .models import ActieplanThema, MeetbaarDoel, NulmetingAntwoord, TekstDoel
from .stappen import Fragment, StapInhoud, als_json, per_sleutel, tekst_gewijzigd


def _niveau_namen() -> dict[int, str]:
    return {niveau.nummer: niveau.naam for niveau in ambitieniveau_list()}


def _themanamen() -> dict[str, str]:
    return dict(Thema.objects.values_list("slug", "naam"))


def _niveau(nummer: int | None, namen: dict[int, str]) -> str:
    if nummer is None:
        return _("geen")
    return f"{nummer}. {namen.get(nummer, '')}".strip()


def _themawijzigingen(oud: dict, nieuw: dict, veld: str, label: str) -> list[str]:
    """Per theme, a level field (`veld`) that changed between two snapshots."""
    oude = per_sleutel(oud.get("themas", []), "thema")
    namen, niveaus = _themanamen(), _niveau_namen()
    zinnen = []
    for rij in nieuw.get("themas", []):
        vorig = oude.get(rij["thema"], {}).get(veld)
        if vorig != rij[veld]:
            zinnen.append(
                _("%(thema)s: %(label)s %(oud)s → %(nieuw)s.")
                % {
                    "thema": namen.get(rij["thema"], rij["thema"]),
                    "label": label,
                    "oud": _niveau(vorig, niveaus),
                    "nieuw": _niveau(rij[veld], niveaus),
                }
            )
    return zinnen


def _elk_thema(**voorwaarde) -> Q:
    """There is at least one theme, and the plan has a row meeting `voorwaarde` for every
    theme (a theme an administrator adds later is missing until the plan answers it)."""
    beantwoord = ActieplanThema.objects.filter(
        actieplan=OuterRef(OuterRef("pk")), thema=OuterRef("pk"), **voorwaarde
    )
    return Exists(Thema.objects.all()) & ~Exists(Thema.objects.filter(~Exists(beantwoord)))


class Nulmeting(StapInhoud):
    slug = "nulmeting"
    template = "actieplan/stappen/nulmeting.html"

    def pagina(self, request, actieplan, *, jaar):
        rijen = selectors.actieplan_thema_list(actieplan=actieplan)
        spreiding = selectors.nulmeting_spreiding_per_thema(actieplan=actieplan)
        for rij in rijen:
            rij.spreiding = spreiding.get(rij.thema_id)
        context = {
            "rijen": rijen,
            "grafiek": grafieken.nulmeting_staven(rijen, _niveau_namen()),
        }
        if request.user.has_perm("actieplan.vul_nulmeting_in", request.organisatie):
            antwoorden = selectors.nulmeting_antwoorden_van(actieplan=actieplan, user=request.user)
            context["mijn_voortgang"] = {
                "klaar": sum(antwoord.compleet for antwoord in antwoorden),
                "totaal": len(antwoorden),
            }
        return context

    def compleet_als(self, *, jaar):
        return _elk_thema(huidig_niveau__isnull=False)

    def document(self, actieplan, *, jaar):
        rijen = selectors.actieplan_thema_list(actieplan=actieplan)
        return Fragment(
            "actieplan/document/nulmeting.html",
            {"rijen": rijen, "grafiek": grafieken.nulmeting_staven(rijen, _niveau_namen())},
        )

    def momentopname(self, actieplan):
        return {
            "themas": [
                {
                    "thema": rij.thema.slug,
                    "huidig_niveau": rij.huidig_niveau_id,
                    "samenvatting": rij.nulmeting_samenvatting,
                }
                for rij in selectors.actieplan_thema_list(actieplan=actieplan)
            ],
            "antwoorden": [
                als_json(
                    antwoord,
                    "thema_id",
                    "niveau_id",
                    "onderbouwing",
                    "bestaande_ambities",
                    "beleidsdocumenten",
                    "aantal_interviews",
                    "aantal_werksessies",
                )
                | {"inkoopadviseur": str(antwoord.user)}
                for antwoord in NulmetingAntwoord.objects.filter(actieplan=actieplan)
                .select_related("user")
                .order_by("thema__volgorde", "user__last_name", "pk")
            ],
        }

    def wijzigingen(self, oud, nieuw):
        zinnen = _themawijzigingen(oud, nieuw, "huidig_niveau", _("vastgesteld niveau"))
        namen = _themanamen()
        oude = per_sleutel(oud.get("themas", []), "thema")
        zinnen += [
            _("%(thema)s: de samenvatting van de nulmeting is herschreven.")
            % {"thema": namen.get(rij["thema"], rij["thema"])}
            for rij in nieuw.get("themas", [])
            if rij["thema"] in oude and tekst_gewijzigd(oude[rij["thema"]], rij, "samenvatting")
        ]
        if oud.get("antwoorden", []) != nieuw.get("antwoorden", []):
            zinnen.append(
                _(
                    "De antwoorden van de inkoopadviseurs zijn bijgewerkt (nu %(aantal)s, "
                    "eerst %(eerder)s)."
                )
                % {
                    "aantal": len(nieuw.get("antwoorden", [])),
                    "eerder": len(oud.get("antwoorden", [])),
                }
            )
        return zinnen

    def geschiedenis_modellen(self):
        return (NulmetingAntwoord, ActieplanThema)


class Themas(StapInhoud):
    slug = "themas"
    template = "actieplan/stappen/themas.html"

    def _context(self, actieplan) -> dict:
        rijen = selectors.actieplan_thema_list(actieplan=actieplan)
        return {
            "rijen": rijen,
            "focusthemas": [rij for rij in rijen if rij.focus],
            "overige_themas": [rij for rij in rijen if not rij.focus],
            "matrix": grafieken.themamatrix(rijen, _niveau_namen()),
        }

    def pagina(self, request, actieplan, *, jaar):
        return self._context(actieplan)

    def compleet_als(self, *, jaar):
        focus = ActieplanThema.objects.filter(actieplan=OuterRef("pk"), focus=True)
        return Exists(focus) & _elk_thema(ambitie_niveau__isnull=False)

    def document(self, actieplan, *, jaar):
        return Fragment("actieplan/document/themas.html", self._context(actieplan))

    def momentopname(self, actieplan):
        return {
            "themas": [
                als_json(
                    rij,
                    "focus",
                    "onderbouwing",
                    "doorlopend",
                    "ambitie_niveau_id",
                    "voorbehoud",
                    "toelichting_ambitie",
                )
                | {"thema": rij.thema.slug}
                for rij in selectors.actieplan_thema_list(actieplan=actieplan)
            ]
        }

    def wijzigingen(self, oud, nieuw):
        namen = _themanamen()
        oude = per_sleutel(oud.get("themas", []), "thema")
        zinnen = []
        for rij in nieuw.get("themas", []):
            vorig = oude.get(rij["thema"], {})
            thema = namen.get(rij["thema"], rij["thema"])
            if bool(vorig.get("focus")) != rij["focus"]:
                zinnen.append(
                    (
                        _("%(thema)s is nu een focusthema.")
                        if rij["focus"]
                        else _("%(thema)s is geen focusthema meer.")
                    )
                    % {"thema": thema}
                )
            if tekst_gewijzigd(
                vorig, rij, "onderbouwing", "doorlopend", "voorbehoud", "toelichting_ambitie"
            ):
                zinnen.append(_("%(thema)s: de onderbouwing is herschreven.") % {"thema": thema})
        zinnen += _themawijzigingen(
            {
                "themas": [
                    {"thema": t["thema"], "n": t.get("ambitie_niveau_id")}
                    for t in oud.get("themas", [])
                ]
            },
            {
                "themas": [
                    {"thema": t["thema"], "n": t["ambitie_niveau_id"]}
                    for t in nieuw.get("themas", [])
                ]
            },
            "n",
            _("ambitie"),
        )
        return zinnen

    def geschiedenis_modellen(self):
        return (ActieplanThema,)


class AmbitiesDoelen(StapInhoud):
    slug = "ambities-doelen"
    template = "actieplan/stappen/ambities-doelen.html"

    def _context(self, actieplan) -> dict:
        doelen = selectors.meetbare_doelen(actieplan=actieplan)
        return {
            "doelen_per_soort": selectors.per_soort(doelen),
            "jaardoelen": [doel for doel in doelen if not doel.lange_termijn],
            "lange_termijn_doelen": [doel for doel in doelen if doel.lange_termijn],
            "tekstdoelen": selectors.tekstdoelen(actieplan=actieplan),
        }

    def pagina(self, request, actieplan, *, jaar):
        return self._context(actieplan)

    def compleet_als(self, *, jaar):
        return Exists(MeetbaarDoel.objects.filter(actieplan=OuterRef("pk")))

    def document(self, actieplan, *, jaar):
        return Fragment("actieplan/document/ambities-doelen.html", self._context(actieplan))

    def momentopname(self, actieplan):
        return {
            "meetbare_doelen": [
                als_json(doel, "soort_id", "jaar", "streefwaarde", "drempel") | {"zin": doel.zin}
                for doel in selectors.meetbare_doelen(actieplan=actieplan)
            ],
            "tekstdoelen": [
                {"thema": doel.thema.slug if doel.thema else None, "tekst": doel.tekst}
                for doel in selectors.tekstdoelen(actieplan=actieplan)
            ],
        }

    def wijzigingen(self, oud, nieuw):
        def sleutel(doel):
            return (doel["soort_id"], doel["jaar"])

        oude = {sleutel(d): d for d in oud.get("meetbare_doelen", [])}
        nieuwe = {sleutel(d): d for d in nieuw.get("meetbare_doelen", [])}
        zinnen = []
        for k, doel in nieuwe.items():
            if k not in oude:
                zinnen.append(_("Nieuw doel: %(zin)s") % {"zin": doel["zin"]})
            elif oude[k]["zin"] != doel["zin"]:
                zinnen.append(
                    _("Gewijzigd doel: %(oud)s → %(nieuw)s")
                    % {"oud": oude[k]["zin"], "nieuw": doel["zin"]}
                )
        zinnen += [
            _("Vervallen doel: %(zin)s") % {"zin": doel["zin"]}
            for k, doel in oude.items()
            if k not in nieuwe
        ]
        oude_teksten = [d["tekst"] for d in oud.get("tekstdoelen", [])]
        nieuwe_teksten = [d["tekst"] for d in nieuw.get("tekstdoelen", [])]
        zinnen += [
            _("Nieuw doel in woorden: %(tekst)s") % {"tekst": t}
            for t in nieuwe_teksten
            if t not in oude_teksten
        ]
        zinnen += [
            _("Vervallen doel in woorden: %(tekst)s") % {"tekst": t}
            for t in oude_teksten
            if t not in nieuwe_teksten
        ]
        return zinnen

    def geschiedenis_modellen(self):
        return (MeetbaarDoel, TekstDoel)
