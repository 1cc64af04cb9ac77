"""The signature of a frozen version (issue 24): an HMAC-SHA256 over the version's identity
and fingerprints (snapshot, body, both PDFs) and the moment it was frozen, with a key
derived from SECRET_KEY (Django's `salted_hmac`) – a key the database never holds. The
immutability trigger stops UPDATE and DELETE, but whoever can write to the database may
still insert a forged "approved, frozen" row whose PDF bytes and hashes agree; without the
key they cannot sign it, and every download checks the signature. Rotating SECRET_KEY:
put the old key in SECRET_KEY_FALLBACKS and signatures made with it still verify.
"""

import datetime
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

ZOUT = "mvoi.plandocument.vastgelegde-versie"


def _waarde(versie) -> str:
    vastgelegd = versie.vastgelegd_op
    if vastgelegd is not None:
        vastgelegd = vastgelegd.astimezone(datetime.UTC).isoformat()
    return "|".join(
        str(deel)
        for deel in (
            versie.pk,
            versie.actieplan_id,
            versie.nummer,
            versie.jaar,
            versie.momentopname_sha256,
            versie.romp_sha256,
            versie.pdf_intern_sha256,
            versie.pdf_publicatie_sha256,
            vastgelegd,
        )
    )


def handtekening(versie, *, sleutel: str | None = None) -> str:
    """The signature of a version as it stands (its pk and vastgelegd_op set)."""
    return salted_hmac(ZOUT, _waarde(versie), secret=sleutel, algorithm="sha256").hexdigest()


def klopt(versie) -> bool:
    """Signed with this installation's key (or one of its fallbacks)?"""
    if not versie.handtekening:
        return False
    for sleutel in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        if hmac.compare_digest(versie.handtekening, handtekening(versie, sleutel=sleutel)):
            return True
    return False
