"""Two-step verification (TOTP, with recovery codes), on django-otp.

A user turns it on for themselves; from then on a login asks for a code from their
authenticator app (or one recovery code) before any page opens. Whether a session still
needs the code is decided once, at login, and kept in the session: the middleware reads
the session only, so pages cost no extra query.

Why django-otp itself and not django-two-factor-auth or maykin-2fa: the two wrappers bring
their own login wizard and templates (Bootstrap, the Django admin's look), which we would
have to override page by page to reach the NL Design System; django-otp gives the devices,
the token checks and the throttling, and our three pages stay in our own templates.
"""

from base64 import b32encode

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSIE = "_tweestaps"  # "nodig": a code is still needed in this session
AANTAL_HERSTELCODES = 10


@receiver(user_logged_in)
def bij_inloggen(sender, request, user, **kwargs):
    """After the password: a user with a confirmed device still owes a code."""
    if request is not None and hasattr(request, "session"):
        if user_has_device(user, confirmed=True):
            request.session[SESSIE] = "nodig"
        else:
            request.session.pop(SESSIE, None)


def is_vrij(pad: str) -> bool:
    """What opens before the code: the code page itself, logging out, the static files and
    the accessibility statement."""
    vrij = (
        reverse("tweestaps_controle"),
        reverse("logout"),
        reverse("toegankelijkheid"),
        "/static/",
    )
    return pad.startswith(vrij)


class TweestapsMiddleware:
    """No page answers a session that has only passed the password, if the user has turned
    on two-step verification: it goes to the code page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(request, "session", None) is not None
            and request.session.get(SESSIE) == "nodig"
            and request.user.is_authenticated
            and not is_vrij(request.path)
        ):
            return redirect(f"{reverse('tweestaps_controle')}?next={request.get_full_path()}")
        return self.get_response(request)


def veilig_verder(request, standaard: str) -> str:
    verder = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        verder, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return verder
    return standaard


def code_controleren(request, code: str) -> bool:
    """A code from the app or an unused recovery code; on success the session is
    verified. django-otp throttles repeated failures per device."""
    code = "".join(code.split())
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            request.session.pop(SESSIE, None)
            return True
    return False


def nieuwe_app(user) -> TOTPDevice:
    """The unconfirmed device whose secret the setup page shows (one at a time)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def geheim(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    tekst = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def qr_svg(device: TOTPDevice) -> str:
    import segno  # only the setup page draws a QR code

    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, omitsize=False, title="QR-code voor uw authenticator-app"
    )


def bevestigen(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code: the user's other app and recovery codes are
    replaced, the session is verified, and the new recovery codes are returned (shown
    once). None when the code is wrong."""
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=request.user).delete()
    herstel = StaticDevice.objects.create(user=request.user, name="Herstelcodes")
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=herstel, token=c) for c in codes)
    otp_login(request, device)
    request.session.pop(SESSIE, None)
    return codes
