""" "Mijn taken" of the evaluation (actieplan/taken.py): the person's own awarded tenders
waiting for their evaluation after award (the first few by name, the rest counted), and
the coördinator's decisions still to apply. Two queries at most."""

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actieplan.models import Actieplan
from actieplan.taken import Taak, Takenbron

from . import selectors
from .models import Besluit

GENOEMD = 3  # tenders named one by one; the rest is one line with the count


class Evaluatietaken(Takenbron):
    def taken(self, *, user, organisatie, plannen):
        uit: list[Taak] = []
        ids = [p.pk for p in plannen]
        if not ids:
            return uit
        eigen = user.has_perm("evaluatie.evalueer_eigen_aanbestedingen", organisatie)
        alle = user.has_perm("evaluatie.evalueer_alle_aanbestedingen", organisatie)
        if eigen or alle:
            # One's own tenders (whoever may evaluate all of them is told of their own too).
            wachtend = (
                selectors.te_evalueren_list_voor(plannen=ids)
                .filter(eigenaar=user, geevalueerd=False)
                .select_related("actieplan")
            )
            # The first few, each with the total (a window count): one query, however many.
            rijen = list(
                wachtend.annotate(totaal=Window(Count("pk"))).order_by("startjaar", "naam")[
                    : GENOEMD + 1
                ]
            )
            for a in rijen[:GENOEMD]:
                uit.append(
                    Taak(
                        soort="evaluatie",
                        tekst=_("Evalueer %(naam)s (gegund, %(plan)s).")
                        % {"naam": a.naam, "plan": a.actieplan.titel},
                        pad=reverse("evaluatie:tender", args=[a.actieplan_id, a.pk]),
                    )
                )
            if len(rijen) > GENOEMD:
                meer = rijen[0].totaal - GENOEMD
                uit.append(
                    Taak(
                        soort="evaluatie",
                        tekst=ngettext(
                            "En nog %(aantal)s gegunde aanbesteding van u wacht op de evaluatie.",
                            "En nog %(aantal)s gegunde aanbestedingen van u wachten op de "
                            "evaluatie.",
                            meer,
                        )
                        % {"aantal": meer},
                        pad=reverse("evaluatie:aanbestedingen", args=[rijen[0].actieplan_id]),
                    )
                )
        if user.has_perm("evaluatie.besluit_toepassen", organisatie):
            for besluit in (
                Besluit.objects.filter(actieplan_id__in=ids, toegepast_op__isnull=True)
                .exclude(actieplan__status__in=Actieplan.VERGRENDELD)
                .select_related("actieplan", "thema", "ambitieniveau", "doelsoort")
                .order_by("vastgelegd_op")[:10]
            ):
                uit.append(
                    Taak(
                        soort="",
                        tekst=_("Pas het besluit uit de evaluatie %(jaar)s toe: %(besluit)s.")
                        % {"jaar": besluit.jaar, "besluit": besluit},
                        pad=reverse("actieplan:stap", args=[besluit.actieplan_id, "evaluatie"])
                        + f"?jaar={besluit.jaar}",
                    )
                )
        return uit
