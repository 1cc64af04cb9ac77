"""Telling people what is theirs to do. `melden` stores the e-mails and their tasks in the
caller's transaction; the worker sends them: a request never waits for the mail server,
and an event rolled back sends nothing."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from organisaties.models import Organisatie, User

from . import tasks
from .models import Bericht, Soort, Uitgezet


def melden(
    *,
    ontvangers: Iterable[User],
    soort: str,
    onderwerp: str,
    tekst: str,
    pad: str,
    organisatie: Organisatie | None = None,
) -> list[Bericht]:
    """One e-mail to each person (active, with an address) who has not turned this kind
    off. `pad`: the page where the thing is done; the installation's address
    (`MVOI_ADRES`) goes before it. Two queries and one insert, whatever the number."""
    ontvangers = {u.pk: u for u in ontvangers if u.is_active and u.email}
    uit = set(
        Uitgezet.objects.filter(user_id__in=ontvangers, soort=soort).values_list(
            "user_id", flat=True
        )
    )
    adres = settings.MVOI_ADRES.rstrip("/")
    inhoud = render_to_string(
        "meldingen/bericht_email.txt",
        {
            "tekst": tekst,
            "link": adres + pad,
            "instellingen": adres + reverse("meldingen:instellingen"),
            "organisatie": organisatie,
        },
    )
    berichten = Bericht.objects.bulk_create(
        [
            Bericht(
                ontvanger=user,
                organisatie=organisatie,
                soort=soort,
                # One line: a title with a line break must not break the mail's header.
                onderwerp=" ".join(onderwerp.split())[:200],
                tekst=inhoud,
            )
            for pk, user in ontvangers.items()
            if pk not in uit
        ]
    )
    # The queue is a table in the same database (django-tasks' database backend): each
    # message and its task are stored in the caller's transaction, or neither.
    for bericht in berichten:
        tasks.bericht_versturen.enqueue(bericht.pk)
    return berichten


@transaction.atomic
def instellingen_opslaan(*, user: User, aan: Iterable[str]) -> None:
    """Which kinds the person wants by e-mail; every other kind is turned off."""
    aan = set(aan)
    Uitgezet.objects.filter(user=user).exclude(soort__in=Soort.values).delete()
    Uitgezet.objects.filter(user=user, soort__in=aan).delete()
    bestaand = set(Uitgezet.objects.filter(user=user).values_list("soort", flat=True))
    Uitgezet.objects.bulk_create(
        [Uitgezet(user=user, soort=s) for s in Soort.values if s not in aan and s not in bestaand]
    )
