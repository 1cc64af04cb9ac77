"""What a session logged in through the organisation's provider keeps, and the re-check:
every `SSO_HERCONTROLE` seconds (default 300) the application asks the provider, with the
refresh token of the login, whether the person may still be logged in. A person the
provider disabled (or whose session there was ended) is logged out here at their next
request after that; a provider that cannot be reached leaves the session as it is and is
asked again a minute later (a whole organisation is not locked out by an outage), for at
most half an hour: then the session ends.

The refresh token is kept encrypted in the session (sso/geheimen.py); the ID token is kept
as the hint for logging out at the provider."""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from . import geheimen, oidc, selectors

logger = logging.getLogger(__name__)

PROVIDER = "sso_provider"
VERVERS = "sso_ververs"
GECONTROLEERD = "sso_gecontroleerd"
ID_TOKEN = "sso_id_token"  # noqa: S105 - a session key
UITLOG_ORIGIN = "sso_uitlog_origin"
OPNIEUW_NA_STORING = 60  # seconds
STORING_SINDS = "sso_storing_sinds"
# How long a session may go on without the provider answering its re-checks: then it ends
# (the person logs in again, or with a password where allowed).
LANGSTE_STORING = 30 * 60  # seconds


def _hercontrole() -> int:
    return getattr(settings, "SSO_HERCONTROLE", 300)


def bewaren(request, provider, inlog: oidc.Inlog) -> None:
    """After `login()`: what the re-check and the logout at the provider need."""
    request.session[PROVIDER] = provider.pk
    request.session[VERVERS] = (
        geheimen.versleutelen(inlog.refresh_token) if inlog.refresh_token else None
    )
    request.session[GECONTROLEERD] = time.time()
    request.session[ID_TOKEN] = inlog.id_token
    try:
        eindpunt = oidc.configuratie(provider).get("end_session_endpoint") or ""
    except (oidc.ProviderOnbereikbaar, oidc.OngeldigAntwoord):
        eindpunt = ""
    if eindpunt:
        delen = urlsplit(eindpunt)
        request.session[UITLOG_ORIGIN] = f"{delen.scheme}://{delen.netloc}"


class HercontroleMiddleware:
    """Logs out, at their next request past the re-check interval, a person their
    organisation's provider no longer lets in. Costs nothing between re-checks (the
    session is read anyway), one request to the provider at each."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(PROVIDER) is not None
            and time.time() - request.session.get(GECONTROLEERD, 0) >= _hercontrole()
        ):
            self._controleren(request, user)
        antwoord = self.get_response(request)
        origin = request.session.get(UITLOG_ORIGIN) if hasattr(request, "session") else None
        if origin:
            # Logging out is a form on every page, answered with a redirect to the provider:
            # the browser holds that redirect to the page's form-action.
            bestaand = getattr(antwoord, "_csp_update", None) or {}
            antwoord._csp_update = {
                **bestaand,
                "form-action": [*bestaand.get("form-action", []), origin],
            }
        return antwoord

    def _controleren(self, request, user) -> None:
        provider = selectors.provider_get(request.session[PROVIDER])
        versleuteld = request.session.get(VERVERS)
        if provider is None:
            self._uitloggen(request, user, "provider niet meer actief")
            return
        if not versleuteld:
            # The provider gave no refresh token: nothing to ask it (docs/sso.md).
            request.session[GECONTROLEERD] = time.time()
            return
        try:
            nieuw = oidc.verversen(provider, geheimen.ontsleutelen(versleuteld))
        except oidc.ProviderOnbereikbaar as fout:
            logger.warning("SSO-hercontrole: provider %s onbereikbaar: %s", provider.pk, fout)
            nu = time.time()
            sinds = request.session.setdefault(STORING_SINDS, nu)
            if nu - sinds > LANGSTE_STORING:
                self._uitloggen(request, user, "provider te lang onbereikbaar")
                return
            request.session[GECONTROLEERD] = nu - _hercontrole() + OPNIEUW_NA_STORING
            return
        except (oidc.OngeldigAntwoord, geheimen.GeheimOnleesbaar) as fout:
            self._uitloggen(request, user, str(fout))
            return
        request.session[VERVERS] = geheimen.versleutelen(nieuw)
        request.session[GECONTROLEERD] = time.time()
        request.session.pop(STORING_SINDS, None)

    def _uitloggen(self, request, user, reden: str) -> None:
        logger.info("SSO-hercontrole: %s uitgelogd: %s", user.pk, reden)
        request.uitgelogd_id = user.pk  # what they were typing is kept (basis/sessie.py)
        logout(request)
        messages.info(
            request,
            _(
                "U bent uitgelogd: uw organisatie laat u niet meer inloggen met dit "
                "werkaccount, of u bent daar uitgelogd. Log opnieuw in."
            ),
        )
