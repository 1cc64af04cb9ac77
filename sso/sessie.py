"""What a session logged in through the organisation's provider keeps, and the re-check:
every `SSO_HERCONTROLE` seconds (default 300) the application asks the provider, with the
refresh token of the login, whether the person may still be logged in. A person the
provider disabled (or whose session there was ended) is logged out here at their next
request after that; a provider that cannot be reached leaves the session as it is and is
asked again a minute later (a whole organisation is not locked out by an outage), for at
most half an hour: then the session ends.

The refresh token is kept encrypted (sso/geheimen.py) in a row of its own
(`Providersessie`), not in the session: the requests of one session that reach the re-check
together wait for each other on that row, so the provider is asked once and a token it has
just replaced is never sent again (a provider that rotates refresh tokens, Keycloak's
"revoke refresh token", ends the person's whole grant when an old one comes back) nor saved
over the new one by a request that read the session before. The session keeps the row's id
and a copy of its last check, so a request between re-checks reads nothing more. The ID
token stays in the session as the hint for logging out at the provider."""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import geheimen, oidc
from .models import Providersessie

logger = logging.getLogger(__name__)

PROVIDER = "sso_provider"
SESSIE = "sso_sessie"  # the Providersessie's id
GECONTROLEERD = "sso_gecontroleerd"  # a copy of its last check
ID_TOKEN = "sso_id_token"  # noqa: S105 - a session key
UITLOG_ORIGIN = "sso_uitlog_origin"
OPNIEUW_NA_STORING = 60  # seconds
# How long a session may go on without the provider answering its re-checks: then it ends
# (the person logs in again, or with a password where allowed).
LANGSTE_STORING = 30 * 60  # seconds
ZONDER_RIJ = "geen sessie bij de provider (meer)"


def _hercontrole() -> int:
    return getattr(settings, "SSO_HERCONTROLE", 300)


def bewaren(request, provider, inlog: oidc.Inlog) -> None:
    """After `login()`: what the re-check and the logout at the provider need."""
    try:
        eindpunt = oidc.configuratie(provider).get("end_session_endpoint") or ""
    except (oidc.ProviderOnbereikbaar, oidc.OngeldigAntwoord):
        eindpunt = ""
    nu = time.time()
    # Rows of sessions that have ended by now (a session lasts SESSION_COOKIE_AGE at most)
    # go with every new login: their number stays that of the sessions of the last hours.
    Providersessie.objects.filter(
        created_at__lt=timezone.now() - timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    ).delete()
    rij = Providersessie.objects.create(
        provider=provider,
        user=request.user,
        refresh_token_versleuteld=(
            geheimen.versleutelen(inlog.refresh_token) if inlog.refresh_token else ""
        ),
        gecontroleerd=nu,
    )
    request.session[PROVIDER] = provider.pk
    request.session[SESSIE] = rij.pk
    request.session[GECONTROLEERD] = nu
    request.session[ID_TOKEN] = inlog.id_token
    if eindpunt:
        delen = urlsplit(eindpunt)
        request.session[UITLOG_ORIGIN] = f"{delen.scheme}://{delen.netloc}"


def beeindigen(request, user=None) -> None:
    """The row of this session goes: logging out (before the session is emptied), or a new
    login into the same browser session."""
    if (pk := request.session.get(SESSIE)) is not None:
        rijen = Providersessie.objects.filter(pk=pk)
        if user is not None:
            rijen = rijen.filter(user=user)
        rijen.delete()


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
        """Asks the provider about this session's person. The row is claimed in a short
        transaction and the provider asked outside any (no lock, no open transaction
        while it answers): another request of the session at the same moment finds the
        claim and goes on as it was; the next request finds the check done."""
        rij, token = self._claimen(request, user)
        if isinstance(rij, str):
            self._uitloggen(request, user, rij)
            return
        if rij is None:
            return
        nu = time.time()
        naar_rij = Providersessie.objects.filter(pk=rij.pk)
        try:
            nieuw = oidc.verversen(rij.provider, geheimen.ontsleutelen(token))
        except oidc.ProviderOnbereikbaar as fout:
            logger.warning("SSO-hercontrole: provider %s onbereikbaar: %s", rij.provider_id, fout)
            sinds = rij.storing_sinds if rij.storing_sinds is not None else nu
            if nu - sinds > LANGSTE_STORING:
                naar_rij.delete()
                self._uitloggen(request, user, "provider te lang onbereikbaar")
                return
            gecontroleerd = nu - _hercontrole() + OPNIEUW_NA_STORING
            naar_rij.update(gecontroleerd=gecontroleerd, storing_sinds=sinds, bezig_tot=None)
        except (oidc.OngeldigAntwoord, geheimen.GeheimOnleesbaar) as fout:
            naar_rij.delete()
            self._uitloggen(request, user, str(fout))
            return
        else:
            gecontroleerd = nu
            naar_rij.update(
                refresh_token_versleuteld=geheimen.versleutelen(nieuw),
                gecontroleerd=nu,
                storing_sinds=None,
                bezig_tot=None,
            )
        request.session[GECONTROLEERD] = gecontroleerd

    def _claimen(self, request, user):
        """(row, refresh token) when this request is to ask the provider; (None, None)
        when there is nothing to ask now; (reason, None) when the person is to be logged
        out."""
        nu = time.time()
        with transaction.atomic():
            rij = (
                Providersessie.objects.select_for_update(of=("self",))
                .select_related("provider")
                .filter(pk=request.session.get(SESSIE), user=user)
                .first()
            )
            if rij is None:
                return ZONDER_RIJ, None
            if not rij.provider.actief:
                rij.delete()
                return "provider niet meer actief", None
            if not rij.refresh_token_versleuteld:
                # The provider gave no refresh token: nothing to ask it (docs/sso.md).
                rij.gecontroleerd = nu
                rij.save(update_fields=["gecontroleerd"])
            elif nu - rij.gecontroleerd >= _hercontrole() and (rij.bezig_tot or 0) <= nu:
                # Ours to ask; a claim whose request died lapses after the longest wait.
                rij.bezig_tot = nu + 3 * oidc.wachttijd() + 5
                rij.save(update_fields=["bezig_tot"])
                return rij, rij.refresh_token_versleuteld
            # Asked just now, or being asked by another request of this session.
            request.session[GECONTROLEERD] = rij.gecontroleerd
            return None, None

    def _uitloggen(self, request, user, reden: str) -> None:
        logger.info("SSO-hercontrole: %s uitgelogd: %s", user.pk, reden)
        request.uitgelogd_id = user.pk  # what they were typing is kept (basis/sessie.py)
        logout(request)
        if reden == ZONDER_RIJ:
            # A session from before the rows existed, or one whose row went: nothing is
            # known against the person.
            melding = _("Uw sessie is verlopen. Log opnieuw in met uw werkaccount.")
        else:
            melding = _(
                "U bent uitgelogd: uw organisatie laat u niet meer inloggen met dit "
                "werkaccount, of u bent daar uitgelogd. Log opnieuw in."
            )
        messages.info(request, melding)
