"""Writes of memberships. Views call these; the business rules live here."""

import logging
import secrets
import smtplib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from basis.versies import versie_controleren

from . import selectors
from .models import Lidmaatschap, Organisatie, Rol, Uitnodiging, User

logger = logging.getLogger(__name__)


def _controleer_rollen(rollen: Iterable[Rol]) -> list[Rol]:
    rollen = list(rollen)
    if not rollen:
        raise ValidationError({"rollen": _("Kies ten minste één rol.")})
    return rollen


def _controleer_beheerder_blijft(*, organisatie: Organisatie, zonder: Lidmaatschap) -> None:
    # Two demotions at once take turns, so they cannot both see the other as beheerder.
    Organisatie.objects.select_for_update().filter(pk=organisatie.pk).first()
    andere_beheerders = (
        Lidmaatschap.objects.filter(organisatie=organisatie, rollen=Rol.Code.BEHEERDER)
        .exclude(pk=zonder.pk)
        .exists()
    )
    if not andere_beheerders:
        raise ValidationError(
            _(
                "Een organisatie heeft ten minste één beheerder nodig. "
                "Geef eerst een ander lid de rol beheerder."
            )
        )


@transaction.atomic
def lidmaatschap_rollen_wijzigen(
    *, lidmaatschap: Lidmaatschap, rollen: Iterable[Rol], versie: str | None = None
) -> None:
    versie_controleren(rijen=Lidmaatschap.objects.filter(pk=lidmaatschap.pk), verwacht=versie)
    rollen = _controleer_rollen(rollen)
    if Rol.Code.BEHEERDER not in {rol.code for rol in rollen}:
        _controleer_beheerder_blijft(organisatie=lidmaatschap.organisatie, zonder=lidmaatschap)
    lidmaatschap.rollen.set(rollen)  # a role that needs a second step: tweestaps' signals
    lidmaatschap.save()  # counts the change of roles as a new version


@transaction.atomic
def lidmaatschap_verwijderen(*, lidmaatschap: Lidmaatschap) -> None:
    """End a membership. The account stays: the person may belong to other organisations."""
    _controleer_beheerder_blijft(organisatie=lidmaatschap.organisatie, zonder=lidmaatschap)
    lidmaatschap.delete()


@transaction.atomic
def huisstijl_opslaan(
    *,
    organisatie: Organisatie,
    naam_in_document: str,
    manifest_ondertekend_op,
    huiskleur: str,
    logo=None,
    logo_verwijderen: bool = False,
) -> Organisatie:
    """The beheerder's settings of how the organisation shows in its plan. A new logo is
    re-encoded as PNG (organisaties/huisstijl.py); any error and nothing is stored."""
    from . import huisstijl

    # A copy: refused input must not linger on the caller's object (the page it renders).
    organisatie = Organisatie.objects.get(pk=organisatie.pk)
    organisatie.naam_in_document = naam_in_document.strip()
    organisatie.manifest_ondertekend_op = manifest_ondertekend_op
    organisatie.huiskleur = huiskleur.strip().lower()  # checked by the model's clean()
    if logo is not None:
        organisatie.logo = huisstijl.logo_inlezen(logo)
    elif logo_verwijderen:
        organisatie.logo = None
    organisatie.full_clean()
    organisatie.save()
    return organisatie


def tweestaps_verplicht_instellen(*, organisatie: Organisatie, verplicht: bool) -> None:
    """The beheerder asks two-step verification of every member (management and beheerders
    need it anyway). Members without an app are logged out (tweestaps' signals), so their
    next login starts with the setup."""
    organisatie.tweestaps_verplicht = verplicht
    organisatie.save(update_fields=["tweestaps_verplicht"])


@transaction.atomic
def organisatie_aanmaken(*, naam: str, type: str, manifest_ondertekend_op=None) -> Organisatie:
    organisatie = Organisatie(naam=naam, type=type, manifest_ondertekend_op=manifest_ondertekend_op)
    organisatie.full_clean()
    organisatie.save()
    return organisatie


@transaction.atomic
def uitnodiging_versturen(
    *,
    organisatie: Organisatie,
    email: str,
    first_name: str,
    last_name: str,
    rollen: Iterable[Rol],
    door: User | None,
    base_url: str,
) -> Uitnodiging:
    """Invite a person to the organisation by e-mail. Nobody becomes a member here.

    The answer is the same whether or not the address has an account (elsewhere): the
    person joins only by accepting from the e-mail, with their account or a new one. An
    earlier invitation to the same address is replaced (new link, these roles).
    """
    rollen = _controleer_rollen(rollen)
    email = User.objects.normalize_email(email).strip().lower()
    if Lidmaatschap.objects.filter(organisatie=organisatie, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _("Deze persoon is al lid van %(organisatie)s.")
                % {"organisatie": organisatie}
            }
        )
    Uitnodiging.objects.filter(organisatie=organisatie, email__iexact=email).delete()
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging(
        organisatie=organisatie,
        email=email,
        first_name=first_name,
        last_name=last_name,
        token_hash=Uitnodiging.hash_van_token(token),
        uitgenodigd_door=door,
    )
    uitnodiging.full_clean()
    uitnodiging.save()
    uitnodiging.rollen.set(rollen)
    context = {
        "uitnodiging": uitnodiging,
        "heeft_account": User.objects.filter(email__iexact=email).exists(),
        "link": base_url.rstrip("/") + reverse("uitnodiging", args=[token]),
        "dagen": Uitnodiging.GELDIG.days,
    }
    try:
        send_mail(
            subject=_("Uitnodiging voor het Actieplan MVOI van %(organisatie)s")
            % {"organisatie": organisatie},
            message=render_to_string("organisaties/uitnodiging_email.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    except (smtplib.SMTPException, OSError) as fout:
        # The invitation is rolled back with this error: no link that nobody received.
        logger.warning("Uitnodiging niet verstuurd naar %s: %s", email, fout)
        raise ValidationError(
            _(
                "De uitnodiging kon niet per e-mail worden verstuurd; er is niets opgeslagen. "
                "Probeer het later opnieuw."
            ),
            code="mail_mislukt",
        ) from fout
    return uitnodiging


def _vergrendeld(uitnodiging: Uitnodiging) -> Uitnodiging:
    """The invitation locked for this transaction, so two clicks use it once."""
    vergrendeld = Uitnodiging.objects.select_for_update().filter(pk=uitnodiging.pk).first()
    if vergrendeld is None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    return vergrendeld


@transaction.atomic
def uitnodiging_accepteren(*, uitnodiging: Uitnodiging, user: User) -> Lidmaatschap:
    """The invited person joins with their own account: a membership with the invited
    roles. The invitation is used up."""
    uitnodiging = _vergrendeld(uitnodiging)
    if uitnodiging.verlopen:
        raise ValidationError(_("Deze uitnodiging is verlopen."))
    if user.email.lower() != uitnodiging.email.lower():
        raise ValidationError(_("Deze uitnodiging is voor een ander e-mailadres."))
    lidmaatschap, _nieuw = Lidmaatschap.objects.get_or_create(
        user=user, organisatie=uitnodiging.organisatie
    )
    lidmaatschap.rollen.add(*uitnodiging.rollen.all())
    lidmaatschap.save()  # a new version: an open roles form must not undo this
    uitnodiging.delete()
    return lidmaatschap


@transaction.atomic
def uitnodiging_account_aanmaken(
    *, uitnodiging: Uitnodiging, password: str
) -> tuple[User, Lidmaatschap]:
    """A person without an account accepts: an account with the invited address as user
    name (where Django's user names allow) and the chosen password, then the membership."""
    uitnodiging = _vergrendeld(uitnodiging)
    if User.objects.filter(email__iexact=uitnodiging.email).exists():
        raise ValidationError(
            _("Er is al een account met dit e-mailadres. Log in om de uitnodiging te accepteren.")
        )
    user = User(
        username=selectors.gebruikersnaam_voorstel(email=uitnodiging.email),
        email=uitnodiging.email,
        first_name=uitnodiging.first_name,
        last_name=uitnodiging.last_name,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user, uitnodiging_accepteren(uitnodiging=uitnodiging, user=user)


def uitnodiging_intrekken(*, uitnodiging: Uitnodiging) -> None:
    """Withdraw an open invitation: its link stops working."""
    uitnodiging.delete()
