"""Two-step verification (TOTP, with recovery codes), on django-otp.

A user turns it on for themselves; from then on a login asks for a code from their
authenticator app (or one recovery code) before any page opens. It is compulsory for the
platform administrator, for management and beheerders in any organisation, and for every
member of an organisation whose beheerder asks for it (`Organisatie.tweestaps_verplicht`):
after the password such a user without an app goes to the setup page, and no other page
opens until the app is set up. Whether a session still needs a code or the setup is
decided once, at login, and kept in the session: the middleware reads the session only,
so pages cost no extra query. When rights grow later, on whatever path (a beheerder's
members page, the platform admin, an accepted invitation, an import, the shell), the
signals at the end of this module end the password-only sessions of whoever must now
use two-step verification and has no app: their next login starts with the setup.

Why django-otp itself and not django-two-factor-auth or maykin-2fa: the two wrappers bring
their own login wizard and templates (Bootstrap, the Django admin's look), which we would
have to override page by page to reach the NL Design System; django-otp gives the devices,
the token checks and the throttling, and our three pages stay in our own templates.
"""

import logging
import smtplib
from base64 import b32encode
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.core.checks import Tags, Warning, register
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

_huidige_sessie: ContextVar[str | None] = ContextVar("huidige_sessie", default=None)

SESSIE = "_tweestaps"
NODIG = "nodig"  # a code is still needed in this session
INSTELLEN = "instellen"  # the app must be set up first: compulsory, and there is none
AANTAL_HERSTELCODES = 10


def _moeten() -> Q:
    """Who must use two-step verification, as a filter on users: the platform
    administrator, management and beheerders in any organisation, and the members of an
    organisation that asks for it. The one definition; `verplicht` and the sessions that
    end when rights grow both use it."""
    from .models import Rol

    return (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(lidmaatschappen__rollen__code__in=[Rol.Code.MANAGEMENT, Rol.Code.BEHEERDER])
        | Q(lidmaatschappen__organisatie__tweestaps_verplicht=True)
    )


def verplicht(user) -> bool:
    """Must this user use two-step verification? One query."""
    from .models import User

    if not settings.TWEESTAPS_VERPLICHT:
        return False
    return User.objects.filter(pk=user.pk).filter(_moeten()).exists()


def heeft_app(user) -> bool:
    """Two-step verification is on when there is a confirmed app. Recovery codes alone do
    not count: when the platform administrator removes a lost phone's app, the next step
    is a new app (compulsory) or the password alone (not), never a code page that only
    the remaining recovery codes could pass."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def stand_bepalen(request, user) -> None:
    """What this session still owes after the password: a code, the setup, or nothing."""
    if heeft_app(user):
        request.session[SESSIE] = NODIG
    elif verplicht(user):
        request.session[SESSIE] = INSTELLEN
    else:
        request.session.pop(SESSIE, None)


@register(Tags.security, deploy=True)
def verplicht_staat_aan(app_configs, **kwargs):
    if settings.TWEESTAPS_VERPLICHT:
        return []
    return [
        Warning(
            "TWEESTAPS_VERPLICHT is uit: management, beheerders en de platformbeheerder "
            "kunnen inloggen met alleen een wachtwoord.",
            id="organisaties.W001",
        )
    ]


@receiver(user_logged_in)
def bij_inloggen(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stand_bepalen(request, user)


def stand(request) -> str | None:
    return request.session.get(SESSIE) if getattr(request, "session", None) is not None else None


def is_vrij(pad: str, stand: str = NODIG) -> bool:
    """What opens before the second step: the page for that step, logging out, the static
    files and the accessibility statement."""
    stap = reverse("tweestaps_instellen") if stand == INSTELLEN else reverse("tweestaps_controle")
    vrij = (stap, reverse("logout"), reverse("toegankelijkheid"), "/static/")
    return pad.startswith(vrij)


class TweestapsMiddleware:
    """No page answers a session that has only passed the password, if the user has turned
    on two-step verification (it goes to the code page first) or must turn it on (it goes
    to the setup page first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session of this request: rights that grow during it end the user's *other*
        # sessions; this one is handled by the view (`rechten_gegroeid`).
        teken = _huidige_sessie.set(getattr(getattr(request, "session", None), "session_key", None))
        try:
            return self._antwoord(request)
        finally:
            _huidige_sessie.reset(teken)

    def _antwoord(self, request):
        nog = stand(request)
        if (
            nog in (NODIG, INSTELLEN)
            and request.user.is_authenticated
            and not is_vrij(request.path, nog)
        ):
            stap = "tweestaps_instellen" if nog == INSTELLEN else "tweestaps_controle"
            return redirect_to_login(request.get_full_path(), reverse(stap))
        return self.get_response(request)


def veilig_verder(request, standaard: str) -> str:
    verder = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        verder, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return verder
    return standaard


def _geverifieerd(request, device) -> None:
    """The session passed the second step: a new session id (a cookie seen between the
    password and the code is worthless), the device recorded, the mark gone."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(SESSIE, None)


def device_voor_code(user, code: str):
    """Six digits go to the app, anything else to the recovery codes (in lower case, as
    django-otp makes them): a wrong kind never counts as a failure on the other, so wrong
    app codes throttle the app only and the recovery codes stay a way in.

    Atomic (issue 24): the devices are read under a row lock, so of any number of
    simultaneous tries with one code exactly one is accepted (the app's last used time
    step, or the used recovery code, is seen by the next), and every wrong code counts
    towards the throttle."""
    code = "".join(code.split())
    if code.isdigit() and len(code) == 6:
        kandidaten, code = TOTPDevice.objects.filter(user=user, confirmed=True), code
    else:
        kandidaten, code = StaticDevice.objects.filter(user=user, confirmed=True), code.lower()
    with transaction.atomic():
        for device in kandidaten.select_for_update().order_by("pk"):
            if device.verify_token(code):
                return device
    return None


def code_controleren(request, code: str) -> bool:
    """A code from the app or an unused recovery code; on success the session is
    verified. django-otp throttles repeated failures per device."""
    device = device_voor_code(request.user, code)
    if device is None:
        return False
    _geverifieerd(request, device)
    return True


def _sessies_beeindigen(user_ids: set[int], *, behalve: str | None = None) -> int:
    """End every live session of these users (but `behalve`). Reads the live sessions
    once: this happens when rights change, which is rare."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ids, weg = {str(pk) for pk in user_ids}, []
    for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if sessie.session_key != behalve and sessie.get_decoded().get("_auth_user_id") in ids:
            weg.append(sessie.session_key)
    Session.objects.filter(session_key__in=weg).delete()
    return len(weg)


def andere_sessies_beeindigen(request) -> int:
    """Every other session of this user ends (e.g. one opened with only the password
    before two-step verification was turned on)."""
    return _sessies_beeindigen({request.user.pk}, behalve=request.session.session_key)


def rechten_gegroeid(request, *, was_verplicht: bool) -> None:
    """This session's user just got more rights (an accepted invitation as beheerder): if
    that made two-step verification compulsory and there is no app yet, the setup comes
    before the next page."""
    if not was_verplicht and verplicht(request.user) and not heeft_app(request.user):
        request.session[SESSIE] = INSTELLEN


def sessies_beeindigen_van_wie_nu_moet(user_ids) -> int:
    """The one rule: people whose rights just grew and who must now use two-step
    verification and have no app are logged out everywhere (but in the session of the
    request that made the change, which its view sends to the setup), so the next login
    starts with the setup instead of going on for up to 8 hours with the password alone.
    Called by the signals below, for every path that adds rights."""
    from .models import User

    if not settings.TWEESTAPS_VERPLICHT or not user_ids:
        return 0
    moeten = set(
        User.objects.filter(pk__in=list(user_ids))
        .filter(_moeten())
        .exclude(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id"))
        .values_list("pk", flat=True)
    )  # one query, whatever the number of members
    return _sessies_beeindigen(moeten, behalve=_huidige_sessie.get()) if moeten else 0


# Every path that adds rights, in one place: a role added to a membership, a new
# membership (an organisation may ask two-step verification of every member), platform
# rights on an account, an organisation that starts asking it of every member.


@receiver(m2m_changed, sender="organisaties.Lidmaatschap_rollen")
def _rollen_toegevoegd(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    from .models import Lidmaatschap

    if reverse:  # roles' side: the memberships that got this role
        ids = Lidmaatschap.objects.filter(pk__in=pk_set).values_list("user_id", flat=True)
    else:
        ids = [instance.user_id]
    sessies_beeindigen_van_wie_nu_moet(list(ids))


@receiver(post_save, sender="organisaties.Lidmaatschap")
def _lid_geworden(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        sessies_beeindigen_van_wie_nu_moet([instance.user_id])


@receiver(post_save, sender="organisaties.User")
def _platformrechten(sender, instance, raw=False, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return  # a login or a new password: no rights change
    if not raw and (instance.is_staff or instance.is_superuser):
        sessies_beeindigen_van_wie_nu_moet([instance.pk])


@receiver(post_save, sender="organisaties.Organisatie")
def _verplicht_voor_iedereen(sender, instance, raw=False, **kwargs):
    if not raw and instance.tweestaps_verplicht:
        sessies_beeindigen_van_wie_nu_moet(
            list(instance.lidmaatschappen.values_list("user_id", flat=True))
        )


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
    _geverifieerd(request, device)
    andere_sessies_beeindigen(request)
    melden(request.user)
    return codes


def melden(user) -> None:
    """An e-mail to the account whenever an app is set up: who has only the password (of a
    user who must use two-step verification and has no app yet) could set up their own, and
    the owner should learn it. A mail that cannot go out does not undo the setup."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import formats, timezone
    from django.utils.translation import gettext as _

    if not user.email:
        return
    try:
        send_mail(
            subject=_("Tweestapsverificatie ingesteld voor uw account"),
            message=render_to_string(
                "registration/tweestaps_aangezet_email.txt",
                {
                    "user": user,
                    "wanneer": formats.date_format(
                        timezone.localtime(), "DATETIME_FORMAT", use_l10n=True
                    ),
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    except (smtplib.SMTPException, OSError) as fout:
        logger.warning("Melding tweestapsverificatie niet verstuurd naar %s: %s", user.pk, fout)
