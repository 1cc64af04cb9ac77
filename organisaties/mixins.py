from django.core.exceptions import PermissionDenied
from django.shortcuts import render


class OrganisatieMixin:
    """For views inside an organisation: requires an active membership and, when set, a
    permission (checked against the organisation with the `rules` predicates).

    `permission_required_post` (when set) is required instead for POST, for pages that
    some roles may read and others may change. Login itself is required everywhere by
    LoginRequiredMiddleware.
    """

    permission_required: str | None = None
    permission_required_post: str | None = None

    def get_permission_required(self) -> str | None:
        if self.request.method == "POST" and self.permission_required_post:
            return self.permission_required_post
        return self.permission_required

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is None:
            return render(request, "organisaties/geen_organisatie.html", status=403)
        permissie = self.get_permission_required()
        if permissie and not request.user.has_perm(permissie, request.organisatie):
            raise PermissionDenied
        weigering = self.weigering(request)
        if weigering is not None:
            return weigering
        return super().dispatch(request, *args, **kwargs)

    def weigering(self, request):
        """A response that refuses the request after the permission check (e.g. a change
        to a plan under review), or None to go on."""
        return None
