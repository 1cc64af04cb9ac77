"""Role predicates. Each takes (user, obj) where obj is an organisation or belongs to one.

Permissions are checked with `user.has_perm(name, obj)`; the views refuse what a role may not
do (403), and the selectors make sure a foreign object is never found (404).
"""

import rules

from .models import Organisatie, Rol
from .selectors import rollen_van


def _organisatie_id(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Organisatie):
        return obj.pk
    return getattr(obj, "organisatie_id", None)


def heeft_rol(*codes: str):
    @rules.predicate(name="heeft_rol_" + "_of_".join(codes))
    def predicate(user, obj) -> bool:
        organisatie_id = _organisatie_id(obj)
        if not user.is_authenticated or organisatie_id is None:
            return False
        return bool(rollen_van(user=user, organisatie_id=organisatie_id) & set(codes))

    return predicate


is_lid = heeft_rol(*Rol.Code.values)
is_inkoopadviseur = heeft_rol(Rol.Code.INKOOPADVISEUR)
is_mvoi_teamlid = heeft_rol(Rol.Code.MVOI_TEAMLID)
is_coordinator = heeft_rol(Rol.Code.COORDINATOR)
is_management = heeft_rol(Rol.Code.MANAGEMENT)
is_beheerder = heeft_rol(Rol.Code.BEHEERDER)

rules.add_perm("organisaties.beheer_leden", is_beheerder)
