"""The management summary at the front of the plan document (issue 23): on one page, from
the data, never typed in: the focus themes and their ambitions, the year's goals and where
they stand, the key figures, and what management is asked to decide. A closed year shows
its recorded figures (the calendar's selectors read them). A fixed number of queries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanbestedingskalender import selectors as kalender_selectors
from actieplan import selectors as plan_selectors
from actieplan.models import Actieplan
from basis.getallen import bedrag_tonen as bedrag
from basis.getallen import getal_tonen
from evaluatie import selectors as evaluatie_selectors
from jaarplanning.models import Actie


@dataclass(frozen=True)
class Stand:
    zin: str
    realisatie: str  # "83% (10 van 12)", or "" when nothing is measured yet
    gehaald: bool | None


@dataclass(frozen=True)
class Kerncijfer:
    waarde: str
    omschrijving: str


def _stand(realisatie) -> Stand:
    if realisatie.waarde is None:
        tekst = ""
    elif realisatie.noemer:
        tekst = _("%(waarde)s (%(teller)s van %(noemer)s)") % {
            "waarde": realisatie.waarde_tekst,
            "teller": realisatie.teller,
            "noemer": realisatie.noemer,
        }
    else:
        tekst = realisatie.waarde_tekst
    return Stand(zin=realisatie.doel.zin, realisatie=tekst, gehaald=realisatie.gehaald)


def samenvatting(*, actieplan: Actieplan, jaar: int, themaoverzicht: list[dict]) -> dict:
    focus = [regel for regel in themaoverzicht if regel["rij"].focus]
    doelen = [
        doel for doel in plan_selectors.meetbare_doelen(actieplan=actieplan) if doel.jaar == jaar
    ]
    standen = [
        _stand(r) for r in kalender_selectors.doelrealisatie(actieplan=actieplan, doelen=doelen)
    ]
    # Step 7's figures of the year: for a closed year as recorded when it was closed, so
    # the summary and step 7 say the same (the calendar's selectors do this for the goals).
    cijfers = evaluatie_selectors.jaarcijfers(actieplan=actieplan, jaar=jaar)
    voortgang, totalen = cijfers["voortgang"], cijfers["actietotalen"]
    vervallen = dict(cijfers["acties_per_status"]).get(Actie.Status.VERVALLEN.label, 0)
    aantal_themas = len(themaoverzicht)

    kerncijfers = [
        Kerncijfer(
            str(len(focus)), _("focusthema's van de %(aantal)s") % {"aantal": aantal_themas}
        ),
        Kerncijfer(
            str(voortgang.kansrijk), _("kansrijke aanbestedingen in %(jaar)s") % {"jaar": jaar}
        ),
        Kerncijfer(
            f"{voortgang.percentage}%" if voortgang.percentage is not None else "–",
            _("daarvan met één of meer focusthema's toegepast"),
        ),
        Kerncijfer(
            str(totalen.aantal - vervallen),
            _("acties in de jaarplanning (zonder vervallen)"),
        ),
        Kerncijfer(
            bedrag(totalen.extra_budget),
            _("extra budget voor acties in %(jaar)s") % {"jaar": jaar},
        ),
        Kerncijfer(
            _("%(uren)s uur") % {"uren": getal_tonen(totalen.extra_uren)},
            _("extra capaciteit voor acties in %(jaar)s") % {"jaar": jaar},
        ),
    ]
    if cijfers["tenders_te_evalueren"]:
        kerncijfers.append(
            Kerncijfer(
                _("%(klaar)s van %(totaal)s")
                % {
                    "klaar": cijfers["tenders_geevalueerd"],
                    "totaal": cijfers["tenders_te_evalueren"],
                },
                _("aanbestedingen na gunning geëvalueerd"),
            )
        )

    besluiten = [
        _("‘%(titel)s %(periode)s’ vaststellen, met de doelen en de jaarplanning voor %(jaar)s.")
        % {"titel": actieplan.titel, "periode": actieplan.periode, "jaar": jaar}
    ]
    if totalen.met_budget_of_uren:
        besluiten.append(
            _(
                "Instemmen met extra budget van %(budget)s en %(uren)s uur extra capaciteit "
                "voor %(aantal)s acties in %(jaar)s."
            )
            % {
                "budget": bedrag(totalen.extra_budget),
                "uren": getal_tonen(totalen.extra_uren),
                "aantal": totalen.met_budget_of_uren,
                "jaar": jaar,
            }
        )
    vorige = evaluatie_selectors.besluit_list(actieplan=actieplan, jaar=jaar - 1)
    if vorige:
        besluiten.append(
            ngettext(
                "Kennisnemen van de evaluatie van %(jaar)s en het besluit daaruit (stap 7).",
                "Kennisnemen van de evaluatie van %(jaar)s en de %(aantal)s besluiten "
                "daaruit (stap 7).",
                len(vorige),
            )
            % {"jaar": jaar - 1, "aantal": len(vorige)}
        )
    if actieplan.herziening_jaar == jaar:
        # Only the review of this document's own year: preparing the next year marks the
        # next review, and a closed year's document must read as it did.
        besluiten.append(
            _("Kennisnemen van de jaarlijkse herziening van stap 1 tot en met 3 voor %(jaar)s.")
            % {"jaar": jaar}
        )
    return {
        "focus": focus,
        "standen": standen,
        "voortgang": voortgang,
        "kerncijfers": kerncijfers,
        "besluiten": besluiten,
    }
