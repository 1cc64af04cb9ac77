""" "Mijn taken" of the approval (actieplan/taken.py): management's versions to decide on,
the coördinator's rejected version. One query each."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from actieplan.taken import Taak, Takenbron

from .models import Planversie


class Goedkeuringstaken(Takenbron):
    def taken(self, *, user, organisatie, plannen):
        uit: list[Taak] = []
        ids = [p.pk for p in plannen]
        if not ids:
            return uit
        if user.has_perm("actieplan.keur_goed", organisatie):
            for versie in (
                Planversie.objects.filter(
                    actieplan_id__in=ids, status=Planversie.Status.TER_GOEDKEURING
                )
                .select_related("actieplan", "ingediend_door")
                .only(
                    "nummer",
                    "actieplan__titel",
                    "ingediend_door__first_name",
                    "ingediend_door__last_name",
                    "ingediend_door__username",
                )
                .order_by("ingediend_op")
            ):
                uit.append(
                    Taak(
                        soort="ter_goedkeuring",
                        tekst=_(
                            "Versie %(nummer)s van %(plan)s wacht op uw besluit "
                            "(ingediend door %(door)s)."
                        )
                        % {
                            "nummer": versie.nummer,
                            "plan": versie.actieplan.titel,
                            "door": versie.ingediend_door,
                        },
                        pad=reverse(
                            "plandocument:versie", args=[versie.actieplan_id, versie.nummer]
                        ),
                    )
                )
        if user.has_perm("actieplan.dien_in", organisatie):
            laatste = Planversie.objects.filter(actieplan=OuterRef("actieplan")).order_by("-nummer")
            for versie in (
                Planversie.objects.filter(
                    actieplan_id__in=ids,
                    status=Planversie.Status.AFGEWEZEN,
                    pk=Subquery(laatste.values("pk")[:1]),
                )
                .select_related("actieplan")
                .only("nummer", "opmerking", "actieplan__titel")
            ):
                uit.append(
                    Taak(
                        soort="besluit",
                        tekst=_("Versie %(nummer)s van %(plan)s is afgewezen: %(opmerking)s")
                        % {
                            "nummer": versie.nummer,
                            "plan": versie.actieplan.titel,
                            "opmerking": versie.opmerking or "–",
                        },
                        pad=reverse(
                            "plandocument:versie", args=[versie.actieplan_id, versie.nummer]
                        ),
                    )
                )
        return uit
