class _AppPermissies:
    def __init__(self, request, app: str):
        self.request, self.app = request, app

    def __getitem__(self, naam: str) -> bool:
        return self.request.user.has_perm(f"{self.app}.{naam}", self.request.organisatie)


class OrganisatiePermissies:
    """`{% if mag.actieplan.bewerk_inhoud %}`: a permission in the active organisation.

    Like Django's `perms`, but checked against the organisation (the `rules` predicates),
    which costs no query: the roles are loaded once per request by the middleware.
    """

    def __init__(self, request):
        self.request = request

    def __getitem__(self, app: str) -> _AppPermissies:
        return _AppPermissies(self.request, app)


def organisatie(request) -> dict:
    return {
        "organisatie": getattr(request, "organisatie", None),
        "lidmaatschappen": getattr(request, "lidmaatschappen", []),
        "mag": OrganisatiePermissies(request),
    }
