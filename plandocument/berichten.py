"""The e-mails of the approval (meldingen): management is told of a version to decide on,
the submitter and the coördinators of the decision. Stored in the transaction of the
event and sent by the worker after it commits."""

from django.urls import reverse
from django.utils.translation import gettext as _

from meldingen.models import Soort
from meldingen.services import melden
from organisaties.models import Rol, User
from organisaties.selectors import leden_met_rol

from .models import Planversie


def _pad(versie: Planversie) -> str:
    return reverse("plandocument:versie", args=[versie.actieplan_id, versie.nummer])


def ingediend(versie: Planversie, *, door: User) -> None:
    plan = versie.actieplan
    tekst = _("%(door)s heeft versie %(nummer)s van %(plan)s ingediend ter goedkeuring.") % {
        "door": door,
        "nummer": versie.nummer,
        "plan": plan.titel,
    }
    if versie.toelichting:
        tekst += "\n\n" + _("Toelichting:") + "\n" + versie.toelichting
    melden(
        ontvangers=[
            u
            for u in leden_met_rol(organisatie=plan.organisatie, codes=[Rol.Code.MANAGEMENT])
            if u.pk != door.pk
        ],
        soort=Soort.TER_GOEDKEURING,
        onderwerp=_("Versie %(nummer)s van %(plan)s wacht op uw besluit")
        % {"nummer": versie.nummer, "plan": plan.titel},
        tekst=tekst,
        pad=_pad(versie),
        organisatie=plan.organisatie,
    )


def besloten(versie: Planversie, *, door: User) -> None:
    plan = versie.actieplan
    goedgekeurd = versie.status == Planversie.Status.GOEDGEKEURD
    onderwerp = (
        _("Versie %(nummer)s van %(plan)s is goedgekeurd")
        if goedgekeurd
        else _("Versie %(nummer)s van %(plan)s is afgewezen")
    ) % {"nummer": versie.nummer, "plan": plan.titel}
    tekst = onderwerp + " " + _("door %(door)s.") % {"door": door}
    if versie.opmerking:
        tekst += "\n\n" + _("Opmerking van het management:") + "\n" + versie.opmerking
    ontvangers = {
        u.pk: u for u in leden_met_rol(organisatie=plan.organisatie, codes=[Rol.Code.COORDINATOR])
    }
    if versie.ingediend_door_id:
        ontvangers.setdefault(versie.ingediend_door_id, versie.ingediend_door)
    melden(
        ontvangers=[u for pk, u in ontvangers.items() if pk != door.pk],
        soort=Soort.BESLUIT,
        onderwerp=onderwerp,
        tekst=tekst,
        pad=_pad(versie),
        organisatie=plan.organisatie,
    )
