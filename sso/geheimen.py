"""A provider's client secret (and a session's refresh token), stored encrypted (Fernet:
AES-128-CBC with an HMAC) and never shown again. The key comes from `SSO_SLEUTEL` (32
bytes, url-safe base64, as `Fernet.generate_key()` gives), or, when that is not set, is
derived from SECRET_KEY; after a rotation, the keys derived from SECRET_KEY_FALLBACKS still
decrypt what was stored before (new values are encrypted with the current key)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class GeheimOnleesbaar(Exception):
    """The stored secret cannot be decrypted with this installation's key."""


def _afgeleid(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"mvoi-sso-geheimen:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet() -> MultiFernet:
    sleutel = getattr(settings, "SSO_SLEUTEL", "")
    if sleutel:
        return MultiFernet([Fernet(sleutel)])
    sleutels = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_afgeleid(s) for s in sleutels])


def versleutelen(geheim: str) -> str:
    return _fernet().encrypt(geheim.encode()).decode()


def ontsleutelen(versleuteld: str) -> str:
    try:
        return _fernet().decrypt(versleuteld.encode()).decode()
    except InvalidToken as fout:
        raise GeheimOnleesbaar from fout
