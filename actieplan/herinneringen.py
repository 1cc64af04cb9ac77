"""The daily reminder: once a day at most, each person who wants it gets one e-mail with
their open tasks ("Mijn taken", actieplan/taken.py) in every organisation they belong to,
the kinds they turned off left out. Run by `manage.py herinneringen_versturen` (daily, from
cron or a systemd timer; docs/deploy.md)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldingen.models import Bericht, Soort, Uitgezet
from meldingen.services import melden
from organisaties.models import Lidmaatschap, User

from . import selectors
from .taken import takenbronnen


def herinneringen_maken() -> int:
    """Store today's reminders (the worker sends them); returns how many. A person who had
    one today, turned reminders off, or has nothing open gets none."""
    vandaag = timezone.localdate()
    al_gehad = set(
        Bericht.objects.filter(soort=Soort.HERINNERING, aangemaakt__date=vandaag).values_list(
            "ontvanger_id", flat=True
        )
    )
    uit: dict[int, set[str]] = {}
    for user_id, soort in Uitgezet.objects.values_list("user_id", "soort"):
        uit.setdefault(user_id, set()).add(soort)
    adres = settings.MVOI_ADRES.rstrip("/")
    aantal = 0
    leden = (
        Lidmaatschap.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "organisatie")
        .order_by("user_id", "organisatie__naam")
    )
    per_persoon: dict[int, list[Lidmaatschap]] = {}
    for lid in leden:
        per_persoon.setdefault(lid.user_id, []).append(lid)
    for user_id, lidmaatschappen in per_persoon.items():
        niet = uit.get(user_id, set())
        if user_id in al_gehad or Soort.HERINNERING in niet:
            continue
        user: User = lidmaatschappen[0].user
        delen, totaal = [], 0
        for lid in lidmaatschappen:
            taken = [
                taak
                for taak in takenbronnen.voor(
                    user=user,
                    organisatie=lid.organisatie,
                    plannen=list(selectors.actieplan_list(organisatie=lid.organisatie)),
                )
                if taak.soort not in niet
            ]
            if taken:
                totaal += len(taken)
                delen.append(
                    f"{lid.organisatie.naam}:\n"
                    + "\n".join(f"- {taak.tekst}\n  {adres}{taak.pad}" for taak in taken)
                )
        if not totaal:
            continue
        if len(delen) > 1:
            delen.append(
                _(
                    "U werkt voor meer organisaties: opent een link niet, kies dan bovenaan de "
                    "pagina eerst de organisatie van die taak."
                )
            )
        melden(
            ontvangers=[user],
            soort=Soort.HERINNERING,
            onderwerp=ngettext(
                "U heeft %(aantal)s open taak in het Actieplan MVOI",
                "U heeft %(aantal)s open taken in het Actieplan MVOI",
                totaal,
            )
            % {"aantal": totaal},
            tekst=_("Dit staat voor u klaar:") + "\n\n" + "\n\n".join(delen),
            pad=reverse("actieplan:start"),
        )
        aantal += 1
    return aantal
