"""OpenID Connect with an organisation's provider: the authorization code flow with PKCE,
state and nonce (Authlib), and the ID token checked (joserfc): its signature against the
provider's published keys, its issuer, its audience, its nonce and its times, with a
bounded clock skew.

The provider's discovery document and keys are read over HTTP with a short timeout and kept
in the cache for a while; a key the token names that is not in the kept set makes one fresh
read (the provider rotated its keys). A provider that cannot be reached raises
`ProviderOnbereikbaar`, an answer that is not what OpenID Connect says raises
`OngeldigAntwoord`: the login page tells the person in Dutch, and logs the detail."""

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from .models import Identiteitsprovider

logger = logging.getLogger(__name__)

# Signatures by the provider's private key only: never "none", never an HMAC with a shared
# secret that anyone holding the client secret could make.
ALGORITMES = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
CACHE_SECONDEN = 3600


class ProviderOnbereikbaar(Exception):
    """The provider did not answer (down, a timeout, a network error)."""


class OngeldigAntwoord(Exception):
    """The provider answered, but not with what OpenID Connect says: a refused code, an ID
    token with a bad signature, for another audience, too old, or with another nonce."""


@dataclass(frozen=True)
class Aanvraag:
    """What the start of a login keeps in the session until the provider sends the person
    back: checked there, used once."""

    state: str
    nonce: str
    code_verifier: str


def wachttijd() -> float:
    """How long one call to a provider may wait to connect, and between its answers."""
    return getattr(settings, "SSO_TIMEOUT", 5)


def _leeway() -> int:
    return getattr(settings, "SSO_KLOKVERSCHIL", 60)


ONBEREIKBAAR_ONTHOUDEN = 60  # seconds a provider that did not answer is not asked again


def _json(provider: Identiteitsprovider, url: str) -> dict:
    """A JSON object from the provider. A provider that did not answer is remembered for a
    minute, so logins and re-checks during an outage do not each wait for its timeout."""
    storing = f"sso:onbereikbaar:{provider.pk}:{provider.issuer}"
    if cache.get(storing):
        raise ProviderOnbereikbaar(f"{url}: kort geleden onbereikbaar")
    try:
        antwoord = requests.get(url, timeout=wachttijd())
        if antwoord.status_code >= 500:
            raise ProviderOnbereikbaar(f"{url}: HTTP {antwoord.status_code}")
    except (requests.RequestException, ProviderOnbereikbaar) as fout:
        cache.set(storing, True, ONBEREIKBAAR_ONTHOUDEN)
        if isinstance(fout, ProviderOnbereikbaar):
            raise
        raise ProviderOnbereikbaar(str(fout)) from fout
    try:
        antwoord.raise_for_status()
        gegevens = antwoord.json()
    except (requests.HTTPError, ValueError) as fout:
        raise OngeldigAntwoord(f"{url}: {fout}") from fout
    if not isinstance(gegevens, dict):
        raise OngeldigAntwoord(f"{url}: geen JSON-object")
    return gegevens


def _cachesleutels(provider: Identiteitsprovider) -> tuple[str, str]:
    return _configuratiesleutel(
        provider.pk, provider.issuer
    ), f"sso:jwks:{provider.pk}:{provider.issuer}"


def _configuratiesleutel(pk, issuer: str) -> str:
    return f"sso:configuratie:{pk}:{issuer}"


def bewaarde_configuratie(pk, issuer: str) -> dict | None:
    """The discovery document as kept, without asking the provider (the login page)."""
    return cache.get(_configuratiesleutel(pk, issuer))


def vergeten(provider: Identiteitsprovider) -> None:
    """Forget the kept discovery document and keys (the settings changed)."""
    cache.delete_many(list(_cachesleutels(provider)))


def configuratie(provider: Identiteitsprovider) -> dict:
    """The provider's discovery document (kept an hour); its issuer must be the one
    configured, exactly."""
    sleutel = _cachesleutels(provider)[0]
    gegevens = cache.get(sleutel)
    if gegevens is None:
        gegevens = _json(provider, f"{provider.issuer}/.well-known/openid-configuration")
        if gegevens.get("issuer") != provider.issuer:
            raise OngeldigAntwoord(
                f"discovery: issuer {gegevens.get('issuer')!r}, verwacht {provider.issuer!r}"
            )
        for veld in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(gegevens.get(veld), str) or not gegevens[veld].startswith("http"):
                raise OngeldigAntwoord(f"discovery: {veld} ontbreekt")
        cache.set(sleutel, gegevens, CACHE_SECONDEN)
    return gegevens


def _sleutels(provider: Identiteitsprovider, *, vers: bool = False) -> KeySet:
    sleutel = _cachesleutels(provider)[1]
    gegevens = None if vers else cache.get(sleutel)
    if gegevens is None:
        gegevens = _json(provider, configuratie(provider)["jwks_uri"])
        cache.set(sleutel, gegevens, CACHE_SECONDEN)
    try:
        return KeySet.import_key_set(gegevens)
    except (JoseError, ValueError, KeyError, TypeError) as fout:
        raise OngeldigAntwoord(f"jwks: {fout}") from fout


def _sessie(provider: Identiteitsprovider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scope=provider.scopes,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method's name
    )


def nieuwe_aanvraag() -> Aanvraag:
    return Aanvraag(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=secrets.token_urlsafe(64),
    )


def autorisatie_url(provider: Identiteitsprovider, aanvraag: Aanvraag, redirect_uri: str) -> str:
    """Where the person's browser goes to log in at the provider."""
    url, _state = _sessie(provider, redirect_uri).create_authorization_url(
        configuratie(provider)["authorization_endpoint"],
        state=aanvraag.state,
        nonce=aanvraag.nonce,
        code_verifier=aanvraag.code_verifier,
    )
    return url


@dataclass(frozen=True)
class Inlog:
    """A checked login: the ID token's claims, the token itself (the hint for logging out
    at the provider) and the refresh token, if the provider gave one (for the re-check)."""

    claims: dict
    id_token: str
    refresh_token: str | None


def code_inwisselen(
    provider: Identiteitsprovider, aanvraag: Aanvraag, *, code: str, redirect_uri: str
) -> Inlog:
    """The code from the callback exchanged for tokens at the provider's token endpoint
    (with the PKCE verifier), the ID token checked."""
    try:
        tokens = _sessie(provider, redirect_uri).fetch_token(
            configuratie(provider)["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=aanvraag.code_verifier,
            timeout=wachttijd(),
        )
    except requests.RequestException as fout:
        raise ProviderOnbereikbaar(str(fout)) from fout
    except (OAuthError, ValueError) as fout:
        raise OngeldigAntwoord(f"token: {fout}") from fout
    if "id_token" not in tokens:
        raise OngeldigAntwoord("token: geen id_token in het antwoord")
    return Inlog(
        claims=id_token_controleren(provider, tokens["id_token"], nonce=aanvraag.nonce),
        id_token=tokens["id_token"],
        refresh_token=tokens.get("refresh_token"),
    )


def verversen(provider: Identiteitsprovider, refresh_token: str) -> str | None:
    """Ask the provider whether the person may still be logged in: a refresh of their
    tokens. Returns the new refresh token (or the old one, where the provider keeps it);
    a person the provider disabled or logged out there: OngeldigAntwoord."""
    try:
        tokens = _sessie(provider, "").refresh_token(
            configuratie(provider)["token_endpoint"],
            refresh_token=refresh_token,
            timeout=wachttijd(),
        )
    except requests.RequestException as fout:
        raise ProviderOnbereikbaar(str(fout)) from fout
    except (OAuthError, ValueError) as fout:
        raise OngeldigAntwoord(f"refresh: {fout}") from fout
    return tokens.get("refresh_token") or refresh_token


def uitlog_url(provider: Identiteitsprovider, *, id_token: str, terug: str) -> str | None:
    """Where the browser ends the person's session at the provider too (RP-initiated
    logout), or None when the provider has no such endpoint (or cannot be reached)."""
    try:
        eindpunt = configuratie(provider).get("end_session_endpoint")
    except (ProviderOnbereikbaar, OngeldigAntwoord):
        return None
    if not eindpunt:
        return None
    parameters = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": terug,
            "client_id": provider.client_id,
        }
    )
    return f"{eindpunt}{'&' if '?' in eindpunt else '?'}{parameters}"


def id_token_controleren(provider: Identiteitsprovider, id_token: str, *, nonce: str) -> dict:
    """The ID token's claims, once its signature (by one of the provider's keys), issuer,
    audience, authorized party, nonce, expiry and issue time are right."""
    try:
        try:
            token = jwt.decode(id_token, _sleutels(provider), algorithms=ALGORITMES)
        except (InvalidKeyIdError, BadSignatureError):
            # A key the kept set does not have (or, without a kid, does not match): the
            # provider may have rotated its keys. Read them once more.
            token = jwt.decode(id_token, _sleutels(provider, vers=True), algorithms=ALGORITMES)
        jwt.JWTClaimsRegistry(
            leeway=_leeway(),
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError) as fout:
        raise OngeldigAntwoord(f"id_token: {fout}") from fout
    claims = token.claims
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise OngeldigAntwoord("id_token: meerdere audiences zonder azp voor deze client")
    return claims
