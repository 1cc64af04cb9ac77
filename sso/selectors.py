"""Reads of the organisations' identity providers."""

from urllib.parse import urlsplit

from organisaties.models import Lidmaatschap

from . import oidc
from .models import WIJZIGINGSREDEN, Identiteitsprovider, Koppeling


def provider_voor_email(email: str) -> Identiteitsprovider | None:
    """The active provider whose e-mail domains include the address's domain (one query:
    a handful of providers per installation, their domains compared in Python)."""
    domein = email.rpartition("@")[2].strip().lower()
    if not domein:
        return None
    for provider in Identiteitsprovider.objects.filter(actief=True).select_related("organisatie"):
        if domein in provider.domeinlijst:
            return provider
    return None


def provider_get(pk: int) -> Identiteitsprovider | None:
    return Identiteitsprovider.objects.filter(pk=pk, actief=True).first()


def koppeling_get(*, provider: Identiteitsprovider, onderwerp: str) -> Koppeling | None:
    return (
        Koppeling.objects.select_related("user")
        .filter(provider=provider, onderwerp=onderwerp)
        .first()
    )


def sso_ingesteld() -> bool:
    """Does any organisation log in at its own provider (the login page then offers it)?"""
    return Identiteitsprovider.objects.filter(actief=True).exists()


def _origin(url: str) -> str:
    delen = urlsplit(url)
    return f"{delen.scheme}://{delen.netloc}"


def provider_origins() -> list[str]:
    """Where the login page's work e-mail form may lead: each active provider's origin,
    and its authorization endpoint's where the discovery document is in the cache (read
    by sso.oidc; no request to a provider here)."""
    origins = set()
    for pk, issuer in Identiteitsprovider.objects.filter(actief=True).values_list("pk", "issuer"):
        origins.add(_origin(issuer))
        configuratie = oidc.bewaarde_configuratie(pk, issuer)
        if configuratie and configuratie.get("authorization_endpoint"):
            origins.add(_origin(configuratie["authorization_endpoint"]))
    return sorted(origins)


def provider_van(organisatie) -> Identiteitsprovider | None:
    """The organisation's own provider (active or not), or None."""
    return Identiteitsprovider.objects.filter(organisatie=organisatie).first()


def geschiedenis(*, organisatie, aantal: int = 50) -> dict:
    """What happened to the organisation's single sign-on, newest first: the changes to its
    provider's settings (who, when, which fields) and who logged in through it (first and
    last time), and the roles their groups gave them at a login. Six queries, at most
    `aantal` rows each."""
    provider = provider_van(organisatie)
    if provider is None:
        return {"wijzigingen": [], "koppelingen": [], "rollen": []}
    records = list(
        Identiteitsprovider.history.filter(id=provider.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: aantal + 1]
    )
    wijzigingen = []
    for record, vorig in zip(records, [*records[1:], None], strict=False):
        velden = []
        if vorig is not None:
            velden = [
                str(Identiteitsprovider._meta.get_field(c.field).verbose_name)
                for c in record.diff_against(vorig).changes
            ]
        wijzigingen.append({"record": record, "velden": velden})
    koppelingen = list(
        Koppeling.objects.filter(provider=provider)
        .select_related("user")
        .order_by("-laatst_ingelogd", "-created_at")[:aantal]
    )
    records = list(
        Lidmaatschap.history.filter(organisatie=organisatie, history_change_reason=WIJZIGINGSREDEN)
        .select_related("user")
        .prefetch_related("historicallidmaatschap_rollen_set__rol")
        .order_by("-history_date", "-history_id")[: 2 * aantal]
    )
    # Setting the roles writes a record per step (the old ones removed, the new added):
    # the records that hold roles are what the login gave.
    rollen = []
    for record in records:
        rijen = sorted(record.historicallidmaatschap_rollen_set.all(), key=lambda r: r.rol.volgorde)
        namen = [str(r.rol) for r in rijen]
        if namen:
            rollen.append({"record": record, "rollen": namen})
    return {
        "wijzigingen": wijzigingen[:aantal],
        "koppelingen": koppelingen,
        "rollen": rollen[:aantal],
    }
