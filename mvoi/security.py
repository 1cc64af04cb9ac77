"""Request-level hardening shared by every app: the client's address behind a proxy, and no
caching of what a logged-in user sees."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


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
