""" "Mijn taken" of the calendar (actieplan/taken.py): the MVOI team's quarterly meeting of
this quarter, while it has no date recorded. One query."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.taken import Taak, Takenbron
from basis.kwartalen import Kwartaal

from .models import Kwartaaloverleg


class Kalendertaken(Takenbron):
    def taken(self, *, user, organisatie, plannen):
        if not user.has_perm("aanbestedingskalender.bewerk_kwartaaloverleg", organisatie):
            return []
        nu = Kwartaal.van_datum(timezone.localdate())
        lopend = [p for p in plannen if p.startjaar <= nu.jaar <= p.eindjaar]
        if not lopend:
            return []
        gehouden = set(
            Kwartaaloverleg.objects.filter(
                actieplan__in=lopend, jaar=nu.jaar, kwartaal=nu.kwartaal, datum__isnull=False
            ).values_list("actieplan_id", flat=True)
        )
        return [
            Taak(
                soort="kwartaaloverleg",
                tekst=_("Het kwartaaloverleg %(kwartaal)s van %(plan)s is nog niet vastgelegd.")
                % {"kwartaal": nu, "plan": plan.titel},
                pad=reverse("aanbestedingskalender:kwartaal", args=[plan.pk, nu.jaar, nu.kwartaal]),
            )
            for plan in lopend
            if plan.pk not in gehouden
        ]
