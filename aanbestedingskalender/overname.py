"""The calendar's part of starting a new plan from the last one (actieplan/overname.py):
its tenders not started yet, with their themes, into the new plan's calendar."""

from django.utils.translation import gettext_lazy

from actieplan.overname import NAMEN, Overname, Voorbeeld
from basis.kwartalen import Kwartaal
from organisaties.selectors import lid_ids

from . import services
from .models import KALENDERVELDEN, Aanbesteding

OPEN = (
    Aanbesteding.Status.GEPLAND,
    Aanbesteding.Status.IN_VOORBEREIDING,
    Aanbesteding.Status.UITGESTELD,
)


class OpenAanbestedingen(Overname):
    sleutel = "aanbestedingen"
    label = gettext_lazy("Aanbestedingen die nog niet gestart zijn (stap 4)")
    uitleg = gettext_lazy(
        "Met hun thema's; wat vóór het nieuwe plan zou starten, start in K1 van het eerste "
        "jaar. In het vorige plan blijven ze staan zoals ze waren."
    )

    def _rijen(self, vorig):
        return (
            Aanbesteding.objects.filter(actieplan=vorig, status__in=OPEN)
            .prefetch_related("toepassingen__thema")
            .order_by("startjaar", "startkwartaal", "naam")
        )

    def voorbeeld(self, *, vorig, startjaar):
        namen = list(self._rijen(vorig).values_list("naam", flat=True))
        return Voorbeeld(len(namen), tuple(namen[:NAMEN]))

    def overnemen(self, *, vorig, nieuw):
        leden = lid_ids(organisatie_id=nieuw.organisatie_id)
        eerste = Kwartaal(nieuw.startjaar, 1)
        aantal = 0
        for oud in self._rijen(vorig):
            start = max(oud.start, eerste)
            if start.jaar > nieuw.eindjaar:
                continue
            velden = {veld: getattr(oud, veld) for veld in KALENDERVELDEN}
            velden |= {
                "startjaar": start.jaar,
                "startkwartaal": start.kwartaal,
                "eigenaar": oud.eigenaar if oud.eigenaar_id in leden else None,
            }
            services.aanbesteding_opslaan(
                actieplan=nieuw,
                velden=velden,
                toepassingen={
                    t.thema: {
                        "toegepast": t.toegepast,
                        "vorm": t.vorm,
                        "criteria_niveau": t.criteria_niveau,
                        "uitleg": t.uitleg,
                    }
                    for t in oud.toepassingen.all()
                },
            )
            aantal += 1
        return aantal
