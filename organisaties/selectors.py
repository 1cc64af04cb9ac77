"""Reads of organisations and memberships. Every function takes the user or organisation."""

import re

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import LazyObject, empty
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Lidmaatschap, Organisatie, Rol, Uitnodiging, User


def _met_rollen(qs: QuerySet[Lidmaatschap]) -> QuerySet[Lidmaatschap]:
    return qs.prefetch_related(Prefetch("rollen", queryset=Rol.objects.order_by("volgorde")))


def lidmaatschap_list(*, user: User) -> list[Lidmaatschap]:
    """The user's memberships, organisation and roles loaded: two queries whatever the count."""
    qs = Lidmaatschap.objects.filter(user=user).select_related("organisatie")
    return list(_met_rollen(qs).order_by("organisatie__naam"))


def leden_list(*, organisatie: Organisatie) -> QuerySet[Lidmaatschap]:
    """The members, roles loaded, each with `tweestaps_aan` (a confirmed authenticator app):
    two queries whatever the count."""
    app = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)
    qs = (
        Lidmaatschap.objects.filter(organisatie=organisatie)
        .select_related("user")
        .annotate(tweestaps_aan=Exists(app))
    )
    return _met_rollen(qs).order_by("user__last_name", "user__first_name", "user__username")


def lid_ids(*, organisatie_id: int) -> set[int]:
    """The ids of the organisation's members now: whoever left is not carried along when a
    tender or action is copied or continued. One query."""
    return set(
        Lidmaatschap.objects.filter(organisatie_id=organisatie_id).values_list("user_id", flat=True)
    )


def leden_met_rol(*, organisatie: Organisatie, codes: list[str]) -> list[User]:
    """The organisation's members who hold one of the roles. One query."""
    return list(
        User.objects.filter(
            lidmaatschappen__organisatie=organisatie, lidmaatschappen__rollen__code__in=codes
        )
        .distinct()
        .order_by("pk")
    )


def lidmaatschap_get(*, organisatie: Organisatie, pk: int) -> Lidmaatschap:
    """One membership of the organisation; another organisation's membership answers 404."""
    return get_object_or_404(leden_list(organisatie=organisatie), pk=pk)


def rol_codes(lidmaatschap: Lidmaatschap) -> frozenset[str]:
    """The codes of a membership's roles, from the prefetched roles when they are loaded."""
    return frozenset(rol.code for rol in lidmaatschap.rollen.all())


def _rollencache(user) -> dict[int, frozenset[str]]:
    """The roles cache, on the user itself: `request.user` is a lazy proxy, and a permission
    check (`request.user.has_perm`) runs on the user inside it – a cache kept on the proxy
    was never found (one query more on every page, until issue 26). django-otp wraps the
    auth proxy in one of its own: unwrap both."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault("_mvoi_rollen", {})


def rollen_van(*, user: User, organisatie_id: int) -> frozenset[str]:
    """The user's role codes in one organisation, cached on the user object for the request.

    The middleware fills the cache from the memberships it already loaded, so a permission
    check in a view or template costs no query.
    """
    cache = _rollencache(user)
    if organisatie_id not in cache:
        cache[organisatie_id] = frozenset(
            Lidmaatschap.rollen.through.objects.filter(
                lidmaatschap__user=user, lidmaatschap__organisatie_id=organisatie_id
            ).values_list("rol_id", flat=True)
        )
    return cache[organisatie_id]


def cache_rollen(*, user: User, lidmaatschappen: list[Lidmaatschap]) -> None:
    cache = _rollencache(user)
    for lid in lidmaatschappen:
        cache[lid.organisatie_id] = rol_codes(lid)


def uitnodiging_list(*, organisatie: Organisatie) -> QuerySet[Uitnodiging]:
    """The organisation's open invitations, roles loaded: two queries whatever the count."""
    return (
        Uitnodiging.objects.filter(organisatie=organisatie)
        .prefetch_related(Prefetch("rollen", queryset=Rol.objects.order_by("volgorde")))
        .order_by("-verstuurd_op")
    )


def uitnodiging_get(*, organisatie: Organisatie, pk: int) -> Uitnodiging:
    return get_object_or_404(uitnodiging_list(organisatie=organisatie), pk=pk)


def uitnodiging_bij_token(*, token: str) -> Uitnodiging | None:
    """The invitation a link's token belongs to, if it is still open and valid. The link
    is the only key: who follows it is checked when accepting."""
    uitnodiging = (
        Uitnodiging.objects.select_related("organisatie", "uitgenodigd_door")
        .filter(token_hash=Uitnodiging.hash_van_token(token))
        .first()
    )
    if uitnodiging is None or uitnodiging.verlopen:
        return None
    return uitnodiging


def gebruikersnaam_voorstel(*, email: str) -> str:
    """The user name a new account gets: its e-mail address, with what Django's user names
    refuse (an apostrophe, a space) replaced by _, at most 150 characters, and unique."""
    basis = re.sub(r"[^\w.@+-]", "_", email)[:140]
    naam, volgnummer = basis, 1
    while User.objects.filter(username__iexact=naam).exists():
        volgnummer += 1
        naam = f"{basis}-{volgnummer}"
    return naam
