from django.core.exceptions import PermissionDenied
from django.shortcuts import render


class OrganisatieMixin:
    """For views inside an organisation: requires an active membership and, when set, a
    permission (checked against the organisation with the `rules` predicates).

    Login itself is required everywhere by LoginRequiredMiddleware.
    """

    permission_required: str | None = None

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is None:
            return render(request, "organisaties/geen_organisatie.html", status=403)
        if self.permission_required and not request.user.has_perm(
            self.permission_required, request.organisatie
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
