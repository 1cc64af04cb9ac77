"""Request-level hardening shared by every app: the client's address behind a proxy, no
caching of what a logged-in user sees, and the end of an idle session."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


def client_ip(request) -> str | None:
    """The client's address for django-axes (AXES_CLIENT_IP_CALLABLE).

    With REVERSE_PROXY_COUNT = n proxies in front, each appending the address it received
    the request from to X-Forwarded-For, the client is the n-th entry from the right; what
    stands left of it was sent by the client and is not trusted. Without proxies, or with a
    header shorter than n (a request that bypassed the proxy), REMOTE_ADDR is the client.

    Not django-ipware: its proxy_count counts the hops differently and answered None for the
    one-entry header that one nginx proxy sends (`$proxy_add_x_forwarded_for`), which would
    put every such request under one lock again.
    """
    aantal = settings.REVERSE_PROXY_COUNT
    if aantal > 0:
        keten = [
            deel.strip()
            for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if deel.strip()
        ]
        if len(keten) >= aantal:
            return keten[-aantal]
    return request.META.get("REMOTE_ADDR")


class NoStoreMiddleware:
    """Every answer to a logged-in user (pages, exports, files) carries `Cache-Control:
    no-store, private`: private data stays out of shared caches, the browser's disk cache
    and its back-forward cache, so it is gone after logging out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


def _nu() -> int:
    """Now, in seconds (the tests move this clock, not the process's)."""
    return int(time.time())


@receiver(user_logged_in)
def sessie_begint(sender, request, user, **kwargs):
    """At login the session gets a fixed end (SESSION_COOKIE_AGE from now): saving the
    last activity later must not push it on, so an active session still ends after 8
    hours. And the idle clock starts now."""
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
        request.session[InactiviteitMiddleware.SLEUTEL] = _nu()


class InactiviteitMiddleware:
    """Ends a session after `SESSION_IDLE_TIMEOUT` seconds without a request, beside its
    absolute lifetime (`SESSION_COOKIE_AGE`): a computer left unlocked does not stay
    logged in all day. Logging out flushes the session in the database, so its cookie is
    worthless afterwards. The last activity is written at most once a minute, so browsing
    costs no extra database write per request."""

    SLEUTEL = "_laatste_activiteit"
    SCHRIJF_NA = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            nu = _nu()
            laatst = request.session.get(self.SLEUTEL)
            if laatst is not None and nu - laatst > settings.SESSION_IDLE_TIMEOUT:
                # Whose session it was: what they had typed is kept for them alone
                # (basis/sessie.py).
                request.uitgelogd_id = user.pk
                logout(request)
                messages.info(
                    request,
                    _("U bent uitgelogd na %(minuten)s minuten zonder activiteit. Log opnieuw in.")
                    % {"minuten": settings.SESSION_IDLE_TIMEOUT // 60},
                )
            elif (laatst is None or nu - laatst >= self.SCHRIJF_NA) and not request.META.get(
                "HTTP_X_MVOI_SESSIESTATUS"
            ):
                # The page's own check of how long the session has left is no activity.
                request.session[self.SLEUTEL] = nu
        return self.get_response(request)
