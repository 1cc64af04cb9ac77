"""No typed work is lost to the idle timeout (issue 22, part 4).

- Before an idle session ends, every page warns (`sessie_waarschuwing` in base.html, with
  static/js/mvoi.js): a live region, announced without taking the focus, with a button that
  keeps the session (`SessieVerlengenView`; a plain form, so it works without JavaScript).
  `SessieStatusView` tells the page how long the session has left without counting as
  activity (another tab may have kept it).
- After an unavoidable expiry a form sent to a page that needs login is not thrown away:
  `InvoerBewarenMiddleware` keeps what was typed (never a password or a file) in the new
  anonymous session; after logging in again, the same page fills its form with it and
  says so (`bewaarde_invoer`), and nothing is saved until the person saves it."""

import json

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from . import security
from .security import InactiviteitMiddleware

SLEUTEL = "_bewaarde_invoer"
MAX_BYTES = 64 * 1024  # what one form may keep: a long text, not a file
NIET_BEWAREN = ("csrfmiddlewaretoken", "password", "wachtwoord", "code", "token")
# The header of the page's own status check: it does not count as activity.
STATUS_HEADER = "HTTP_X_MVOI_SESSIESTATUS"


def resterend(request) -> int:
    """Seconds until the session ends: idle or its fixed end, whichever comes first."""
    laatst = request.session.get(InactiviteitMiddleware.SLEUTEL)
    idle = settings.SESSION_IDLE_TIMEOUT
    over = idle if laatst is None else idle - (security._nu() - laatst)
    return max(0, min(over, request.session.get_expiry_age()))


class SessieStatusView(View):
    """GET: {"resterend": seconds}. Not counted as activity (the page sends the header)."""

    def get(self, request):
        return JsonResponse({"resterend": resterend(request)})


class SessieVerlengenView(View):
    """POST: the person is still there; the idle clock starts again. Answers JSON to the
    page's script, and goes back to the page for a plain form."""

    def post(self, request):
        request.session[InactiviteitMiddleware.SLEUTEL] = security._nu()
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse({"resterend": resterend(request)})
        terug = request.POST.get("terug", "/")
        if not url_has_allowed_host_and_scheme(terug, {request.get_host()}):
            terug = "/"
        return redirect(terug)


class InvoerBewarenMiddleware:
    """A form sent to a page that needs login by someone whose session just ended for
    idleness (InactiviteitMiddleware names them): keep what was typed in the new session,
    for them alone, before LoginRequiredMiddleware sends them to log in. A stranger's POST,
    or one after the session's fixed end (nobody to name), keeps nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        uitgelogd = getattr(request, "uitgelogd_id", None)
        if (
            request.method == "POST"
            and uitgelogd is not None
            and not request.user.is_authenticated
            and getattr(view_func, "login_required", True)
        ):
            invoer_bewaren(request, user_id=uitgelogd)
        return None


def invoer_bewaren(request, *, user_id: int) -> bool:
    """Keep the form this POST sent (no password, token or file) for the next GET of the
    same page in this session: after logging in again, or when a page that had to refuse
    the change (a plan under review) can be edited again. True when kept."""
    if request.FILES:
        return False
    velden = {
        naam: request.POST.getlist(naam)
        for naam in request.POST
        if not any(woord in naam.lower() for woord in NIET_BEWAREN)
    }
    if not velden or len(json.dumps(velden)) > MAX_BYTES:
        return False
    request.session[SLEUTEL] = {
        "user": user_id,
        "pad": request.path,
        "velden": velden,
        "tijd": timezone.now().isoformat(),
    }
    return True


@receiver(user_logged_in)
def alleen_voor_wie_het_typte(sender, request, user, **kwargs):
    """Django keeps an anonymous session's data at login: input kept for someone else (a
    shared computer) is thrown away when another person logs in."""
    sessie = getattr(request, "session", None) if request is not None else None
    if sessie is not None and (bewaard := sessie.get(SLEUTEL)) and bewaard.get("user") != user.pk:
        del sessie[SLEUTEL]


def bewaarde_invoer(request) -> dict:
    """Template context: the input kept for this page (once: it is taken out of the
    session as the page shows it), and how long an idle session lasts."""
    context = {"sessie_seconden": settings.SESSION_IDLE_TIMEOUT}
    sessie = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if (
        sessie is not None
        and user is not None
        and user.is_authenticated
        and request.method == "GET"
        and (bewaard := sessie.get(SLEUTEL))
        and bewaard.get("user") == user.pk
        and bewaard.get("pad") == request.path
    ):
        del sessie[SLEUTEL]
        context["bewaarde_invoer"] = bewaard["velden"]
        context["bewaard_om"] = timezone.localtime(timezone.datetime.fromisoformat(bewaard["tijd"]))
    return context
