"""Writes of memberships. Views call these; the business rules live here."""

from collections.abc import Iterable

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Lidmaatschap, Organisatie, Rol, User


def _controleer_rollen(rollen: Iterable[Rol]) -> list[Rol]:
    rollen = list(rollen)
    if not rollen:
        raise ValidationError({"rollen": _("Kies ten minste één rol.")})
    return rollen


def _controleer_beheerder_blijft(*, organisatie: Organisatie, zonder: Lidmaatschap) -> None:
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
def lidmaatschap_toevoegen(
    *,
    organisatie: Organisatie,
    email: str,
    first_name: str,
    last_name: str,
    rollen: Iterable[Rol],
) -> tuple[Lidmaatschap, bool]:
    """Add a person to the organisation. Returns the membership and whether the account is new.

    An existing account (same e-mail address) is reused: a person may belong to several
    organisations. A new account gets no password; the invitation lets them choose one.
    """
    rollen = _controleer_rollen(rollen)
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    nieuw = user is None
    if nieuw:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists():
        raise ValidationError(
            {
                "email": _("Deze persoon is al lid van %(organisatie)s.")
                % {"organisatie": organisatie}
            }
        )
    lidmaatschap = Lidmaatschap(user=user, organisatie=organisatie)
    lidmaatschap.full_clean()
    lidmaatschap.save()
    lidmaatschap.rollen.set(rollen)
    return lidmaatschap, nieuw


@transaction.atomic
def lidmaatschap_rollen_wijzigen(*, lidmaatschap: Lidmaatschap, rollen: Iterable[Rol]) -> None:
    rollen = _controleer_rollen(rollen)
    if Rol.Code.BEHEERDER not in {rol.code for rol in rollen}:
        _controleer_beheerder_blijft(organisatie=lidmaatschap.organisatie, zonder=lidmaatschap)
    lidmaatschap.rollen.set(rollen)


@transaction.atomic
def lidmaatschap_verwijderen(*, lidmaatschap: Lidmaatschap) -> None:
    """End a membership. The account stays: the person may belong to other organisations."""
    _controleer_beheerder_blijft(organisatie=lidmaatschap.organisatie, zonder=lidmaatschap)
    lidmaatschap.delete()


def uitnodiging_versturen(
    *, lidmaatschap: Lidmaatschap, base_url: str, uitgenodigd_door: User
) -> None:
    """E-mail a new member a one-time link to choose a password (Django's reset token)."""
    user = lidmaatschap.user
    pad = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "organisatie": lidmaatschap.organisatie,
        "uitgenodigd_door": uitgenodigd_door,
        "link": base_url.rstrip("/") + pad,
    }
    send_mail(
        subject=_("Uitnodiging voor het Actieplan MVOI van %(organisatie)s")
        % {"organisatie": lidmaatschap.organisatie},
        message=render_to_string("organisaties/uitnodiging_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
