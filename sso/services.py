"""A person who logged in at their organisation's provider: found by the provider's subject
(`sub`), or, the first time, linked to their existing membership or made a member, with the
roles the provider's groups give."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.models import Lidmaatschap, Rol, User

from . import oidc, selectors
from .models import WIJZIGINGSREDEN, Identiteitsprovider, Koppeling


class ProviderNietBruikbaar(Exception):
    """The provider's settings cannot be used: the issuer does not answer, or answers as
    another. The message says so, in Dutch."""


def provider_opslaan(*, provider: Identiteitsprovider) -> Identiteitsprovider:
    """Save the provider's settings (checked by the form), after reading its discovery
    document when it is to be active: an issuer that does not answer, or names another
    issuer, is refused."""
    if provider.actief:
        oidc.vergeten(provider)  # read the provider as it is now
        try:
            oidc.configuratie(provider)
        except oidc.ProviderOnbereikbaar as fout:
            raise ProviderNietBruikbaar(
                _(
                    "De provider antwoordt niet op %(url)s. Controleer de issuer, of sla de "
                    "instellingen op zonder ‘actief’ tot de provider bereikbaar is."
                )
                % {"url": f"{provider.issuer}/.well-known/openid-configuration"}
            ) from fout
        except oidc.OngeldigAntwoord as fout:
            raise ProviderNietBruikbaar(
                _(
                    "Op %(url)s staat geen OpenID Connect-configuratie van deze issuer. "
                    "Controleer de issuer (precies zoals de provider hem noemt)."
                )
                % {"url": f"{provider.issuer}/.well-known/openid-configuration"}
            ) from fout
    provider.save()
    return provider


class GeenToegang(Exception):
    """The provider vouched for the person, but this organisation does not let them in:
    the message says why, in Dutch."""


def rollen_uit(provider: Identiteitsprovider, claims: dict) -> set[str] | None:
    """The role codes the provider's groups give, or None when the roles are kept in this
    application (no groups claim configured)."""
    if not provider.groepen_claim:
        return None
    groepen = claims.get(provider.groepen_claim) or []
    if isinstance(groepen, str):
        groepen = [groepen]
    rollen = set()
    for groep in groepen:
        rollen.update(provider.rollen_per_groep.get(str(groep), []))
    return rollen


def _adres(provider: Identiteitsprovider, claims: dict) -> str | None:
    """The address the provider vouches for: in one of the organisation's domains, and
    verified (`email_verified` true, or the provider manages its addresses itself, as Entra
    ID does for its verified domains: `adressen_vertrouwd`). Else None."""
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    email = email.strip()
    if email.rpartition("@")[2].lower() not in provider.domeinlijst:
        return None
    if claims.get("email_verified") is not True and not provider.adressen_vertrouwd:
        return None
    return email


def _nieuwe_gebruiker(provider: Identiteitsprovider, claims: dict) -> User:
    email = _adres(provider, claims)
    if email is None:
        raise GeenToegang(
            _(
                "Uw organisatie gaf geen bevestigd e-mailadres van een van haar eigen "
                "domeinen door; vraag uw beheerder om hulp."
            )
        )
    if User.objects.filter(email__iexact=email).exists():
        # An account elsewhere with this address: never taken over on the address alone.
        raise GeenToegang(
            _(
                "Er bestaat al een account met dit e-mailadres. Vraag de beheerder van uw "
                "organisatie om hulp."
            )
        )
    onderwerp = hashlib.sha256(_onderwerp(provider, claims).encode()).hexdigest()[:24]
    gebruiker = User(
        username=f"sso-{provider.pk}-{onderwerp}",
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or claims.get("name") or "")[:150],
    )
    gebruiker.set_unusable_password()
    gebruiker.save()
    return gebruiker


def _bestaand_lid(provider: Identiteitsprovider, claims: dict) -> User | None:
    """An existing member of the organisation with the address the provider vouches for
    (`_adres`): linked once, known by `sub` from then on. The address must be the same,
    letter for letter but for capitals (the database's case-insensitive match is only the
    first sieve: PostgreSQL's UPPER() makes ‘ſ’ an ‘S’)."""
    email = _adres(provider, claims)
    if email is None:
        return None
    for kandidaat in User.objects.filter(
        email__iexact=email, lidmaatschappen__organisatie=provider.organisatie
    ):
        if kandidaat.email.lower() == email.lower():
            return kandidaat
    return None


def _onderwerp(provider: Identiteitsprovider, claims: dict) -> str:
    """Who the person is at the provider: the configured claim (`sub`, or Entra ID's `oid`,
    the same for every application of the tenant), as text; never an e-mail address."""
    waarde = claims.get(provider.id_claim)
    return waarde if isinstance(waarde, str) else ""


def _platformrechten(gebruiker: User) -> bool:
    return gebruiker.is_staff or gebruiker.is_superuser


@transaction.atomic
def persoon_inloggen(*, provider: Identiteitsprovider, claims: dict) -> User:
    """The account a checked ID token logs in to, its membership and roles brought in line
    with the provider (when the roles follow its groups)."""
    onderwerp = _onderwerp(provider, claims)
    if not onderwerp or len(onderwerp) > 255:
        raise GeenToegang(_("Uw organisatie stuurde een onbruikbare identiteit."))
    koppeling = selectors.koppeling_get(provider=provider, onderwerp=onderwerp)
    if koppeling is not None:
        gebruiker = koppeling.user
    else:
        gebruiker = _bestaand_lid(provider, claims)
        if gebruiker is not None and (
            _platformrechten(gebruiker)
            or Koppeling.objects.filter(provider=provider, user=gebruiker).exists()
        ):
            # A platform administrator never logs in through an organisation's provider;
            # an account already linked to another person there is not linked twice.
            raise GeenToegang(
                _("Dit account logt niet in met een werkaccount. Vraag uw beheerder om hulp.")
            )
        if gebruiker is None:
            if not provider.leden_aanmaken:
                raise GeenToegang(
                    _(
                        "U bent nog geen lid van %(organisatie)s in deze applicatie. Vraag de "
                        "beheerder u uit te nodigen."
                    )
                    % {"organisatie": provider.organisatie}
                )
            gebruiker = _nieuwe_gebruiker(provider, claims)
        koppeling = Koppeling.objects.create(provider=provider, onderwerp=onderwerp, user=gebruiker)
    if not gebruiker.is_active:
        raise GeenToegang(_("Dit account is uitgeschakeld."))
    if _platformrechten(gebruiker):
        raise GeenToegang(
            _("Dit account logt niet in met een werkaccount. Vraag uw beheerder om hulp.")
        )

    lid = Lidmaatschap.objects.filter(user=gebruiker, organisatie=provider.organisatie).first()
    rollen = rollen_uit(provider, claims)
    if lid is None:
        if not provider.leden_aanmaken:
            raise GeenToegang(
                _("U bent geen lid (meer) van %(organisatie)s in deze applicatie.")
                % {"organisatie": provider.organisatie}
            )
        if rollen is None or not rollen:
            rollen = {provider.standaardrol_id} if provider.standaardrol_id else set()
        if not rollen:
            raise GeenToegang(
                _(
                    "Uw account bij %(provider)s geeft nog geen rol in het Actieplan MVOI. "
                    "Vraag uw beheerder u aan een van de groepen toe te voegen."
                )
                % {"provider": provider.naam}
            )
        lid = Lidmaatschap(user=gebruiker, organisatie=provider.organisatie)
        lid._change_reason = WIJZIGINGSREDEN
        lid.save()
        lid.rollen.set(Rol.objects.filter(code__in=rollen))
    elif rollen is not None:
        if not rollen and provider.standaardrol_id:
            rollen = {provider.standaardrol_id}
        if not rollen:
            raise GeenToegang(
                _(
                    "Uw account bij %(provider)s geeft geen rol meer in het Actieplan MVOI. "
                    "Vraag uw beheerder om hulp."
                )
                % {"provider": provider.naam}
            )
        if {rol.code for rol in lid.rollen.all()} != rollen:
            lid._change_reason = WIJZIGINGSREDEN
            lid.rollen.set(Rol.objects.filter(code__in=rollen))

    koppeling.laatst_ingelogd = timezone.now()
    koppeling.save(update_fields=["laatst_ingelogd"])
    return gebruiker


def mfa_gebruikt(provider: Identiteitsprovider, claims: dict) -> bool:
    """Did the person use more than a password at the provider (the ID token's amr)?"""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool({str(a) for a in amr} & set(provider.mfa_amr.split()))


def code_overbodig(provider: Identiteitsprovider, gebruiker: User, claims: dict) -> bool:
    """May the provider's second factor stand for the application's own code? Only for
    what the provider vouches for: a person whose account works in the provider's
    organisation alone. A member of another organisation too (where they may be beheerder
    or management) keeps the application's own rules: one organisation's provider never
    lets anyone skip a code that another organisation's work asks for."""
    if not mfa_gebruikt(provider, claims) or _platformrechten(gebruiker):
        return False
    return not (
        Lidmaatschap.objects.filter(user=gebruiker)
        .exclude(organisatie=provider.organisatie)
        .exists()
    )
