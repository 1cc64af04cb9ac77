"""A provider's client secret, stored encrypted (Fernet: AES-128-CBC with an HMAC) and never
shown again. The key comes from `SSO_SLEUTEL` (32 bytes, url-safe base64, as
`Fernet.generate_key()` gives), or, when that is not set, is derived from SECRET_KEY – so
rotating SECRET_KEY without setting SSO_SLEUTEL means entering the secrets again."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class GeheimOnleesbaar(Exception):
    """The stored secret cannot be decrypted with this installation's key."""


def _fernet() -> Fernet:
    sleutel = getattr(settings, "SSO_SLEUTEL", "")
    if not sleutel:
        afgeleid = hashlib.sha256(b"mvoi-sso-geheimen:" + settings.SECRET_KEY.encode()).digest()
        sleutel = base64.urlsafe_b64encode(afgeleid).decode()
    return Fernet(sleutel)


def versleutelen(geheim: str) -> str:
    return _fernet().encrypt(geheim.encode()).decode()


def ontsleutelen(versleuteld: str) -> str:
    try:
        return _fernet().decrypt(versleuteld.encode()).decode()
    except InvalidToken as fout:
        raise GeheimOnleesbaar from fout
