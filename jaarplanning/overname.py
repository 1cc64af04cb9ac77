"""The year planning's part of starting a new plan from the last one
(actieplan/overname.py): step 5's texts, and the actions not finished, continued in the new
plan's first year (linked to the action they continue, as when a year is prepared)."""

from django.utils.translation import gettext_lazy

from actieplan.overname import NAMEN, Overname, Voorbeeld
from organisaties.selectors import lid_ids

from . import services
from .models import Actie, Borging

ONAF = (Actie.Status.GEPLAND, Actie.Status.BEZIG, Actie.Status.UITGESTELD)


class BorgingTeksten(Overname):
    sleutel = "borging"
    label = gettext_lazy("Wat we al doen (stap 5)")
    uitleg = gettext_lazy("De twee teksten over wat de organisatie al doet om MVOI te borgen.")

    def voorbeeld(self, *, vorig, startjaar):
        borging = Borging.objects.filter(actieplan=vorig).first()
        gevuld = bool(borging and (borging.in_organisatie or borging.in_inkoopproces))
        return Voorbeeld(int(gevuld))

    def overnemen(self, *, vorig, nieuw):
        borging = Borging.objects.filter(actieplan=vorig).first()
        if not borging:
            return 0
        services.borging_opslaan(
            actieplan=nieuw,
            in_organisatie=borging.in_organisatie,
            in_inkoopproces=borging.in_inkoopproces,
        )
        return 1


class OnafgerondeActies(Overname):
    sleutel = "acties"
    label = gettext_lazy("Acties die niet klaar zijn (stap 6)")
    uitleg = gettext_lazy(
        "Gepland, bezig of uitgesteld en nog niet voortgezet: ze gaan door in de jaarplanning "
        "van het eerste jaar, even lang als ze waren; de actie in het vorige plan blijft."
    )

    def _rijen(self, vorig):
        return (
            Actie.objects.filter(actieplan=vorig, status__in=ONAF, voortgezet_in__isnull=True)
            .select_related("actorgroep", "aanbesteding")
            .order_by("jaar", "startjaar", "startkwartaal", "titel")
        )

    def voorbeeld(self, *, vorig, startjaar):
        titels = list(self._rijen(vorig).values_list("titel", flat=True))
        return Voorbeeld(len(titels), tuple(titels[:NAMEN]))

    def overnemen(self, *, vorig, nieuw):
        leden = lid_ids(organisatie_id=nieuw.organisatie_id)
        # A tender the action was for, if it came along to the new plan (same kenmerk).
        nieuwe_tenders = {a.kenmerk: a for a in nieuw.aanbestedingen.all()}
        aantal = 0
        for oud in self._rijen(vorig):
            services.actie_voortzetten(
                actie=oud,
                actieplan=nieuw,
                jaar=nieuw.startjaar,
                startkwartaal=1,
                leden=leden,
                aanbesteding=nieuwe_tenders.get(oud.aanbesteding.kenmerk)
                if oud.aanbesteding
                else None,
            )
            aantal += 1
        return aantal
