"""Every URL with an object in it × every role × GET and POST, in the member's own
organisation: a role without the view's permission is refused (403) on the server, and no
combination – an empty POST included – is a server error.

The permission a view asks is read from the view itself (`permission_required`, and
`permission_required_post` for POST), so a new view is covered without a list here; the
objects come from the same builders as the tenant-scoping test."""

import pytest
from django.urls import resolve, reverse

from organisaties.models import Rol
from tests.test_tenant_scoping import FOREIGN_OBJECTS

ROLLEN = [code for code, _label in Rol.Code.choices]


def _vereist(view_class, methode: str) -> str | None:
    if methode == "post" and getattr(view_class, "permission_required_post", None):
        return view_class.permission_required_post
    return getattr(view_class, "permission_required", None)


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_url_by_every_role_is_refused_or_answered_never_a_server_error(
    client, lid, organisatie, rol
):
    user = lid(rol)
    client.force_login(user)
    client.raise_request_exception = False  # a server error is counted, not raised
    geprobeerd = geweigerd = 0
    fouten = []
    for naam, bouwer in sorted(FOREIGN_OBJECTS.items()):
        kwargs = bouwer(organisatie)
        url = reverse(naam, kwargs=kwargs)
        view_class = resolve(url).func.view_class
        for methode in ("get", "post"):
            antwoord = getattr(client, methode)(url)
            geprobeerd += 1
            if antwoord.status_code >= 500:
                fouten.append(f"{methode.upper()} {naam}: {antwoord.status_code}")
            vereist = _vereist(view_class, methode)
            if vereist and not user.has_perm(vereist, organisatie):
                if antwoord.status_code != 403:
                    fouten.append(
                        f"{methode.upper()} {naam} als {rol}: {antwoord.status_code}, "
                        f"verwacht 403 (vereist {vereist})"
                    )
                geweigerd += 1
    assert not fouten, "\n".join(fouten)
    assert geprobeerd == 2 * len(FOREIGN_OBJECTS)
    assert geweigerd > 0 or rol == "management"
