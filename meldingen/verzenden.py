"""Sending a stored message, in the worker. A mail server that is down or refuses leaves
the message unsent with the error and how often it was tried, and puts it back in the
queue for later (2, 4, 8 … minutes, at most `Bericht.MAX_POGINGEN` times); the daily
`herinneringen_versturen` also picks up what is still unsent. Nothing is lost."""

import datetime
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Bericht

logger = logging.getLogger(__name__)


def versturen(*, bericht_id: int) -> datetime.datetime | None:
    """Send one message once. None when it went (or had gone) out, or is gone; else when to
    try again (the task puts it back in the queue; past the last try: the daily run)."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(of=("self",))
            .select_related("ontvanger")
            .filter(pk=bericht_id)
            .first()
        )
        if bericht is None or bericht.verzonden_op:
            return None
        try:
            send_mail(
                subject=bericht.onderwerp,
                message=bericht.tekst,
                from_email=None,
                recipient_list=[bericht.ontvanger.email],
            )
        except Exception as fout:  # any refusal is a failed try, never a lost message
            bericht.pogingen += 1
            bericht.fout = f"{type(fout).__name__}: {fout}"[:1000]
            bericht.save(update_fields=["pogingen", "fout"])
            logger.warning(
                "Bericht %s niet verstuurd (poging %s): %s", bericht.pk, bericht.pogingen, fout
            )
            if bericht.pogingen >= Bericht.MAX_POGINGEN:
                return None
            return timezone.now() + datetime.timedelta(minutes=2**bericht.pogingen)
        bericht.verzonden_op = timezone.now()
        bericht.fout = ""
        bericht.save(update_fields=["verzonden_op", "fout"])
        return None


def openstaande_versturen(*, ouder_dan: datetime.timedelta = datetime.timedelta(minutes=5)) -> int:
    """Try every unsent message again that has waited a while (also one past its retries:
    the mail server may be back). Returns how many went out."""
    grens = timezone.now() - ouder_dan
    ids = list(
        Bericht.objects.filter(verzonden_op__isnull=True, aangemaakt__lt=grens)
        .order_by("aangemaakt")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            versturen(bericht_id=pk)
        except Exception:  # one broken message must not stop the others
            logger.exception("Bericht %s: opnieuw versturen mislukte", pk)
    return Bericht.objects.filter(pk__in=ids, verzonden_op__isnull=False).count()
