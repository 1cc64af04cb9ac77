from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from . import selectors, services
from .forms import LidRollenForm, LidToevoegenForm, OrganisatieWisselenForm
from .middleware import SESSION_KEY
from .mixins import OrganisatieMixin


class OrganisatieWisselenView(View):
    http_method_names = ["post"]

    def post(self, request):
        form = OrganisatieWisselenForm(request.POST, lidmaatschappen=request.lidmaatschappen)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Onbekende organisatie."))
        request.session[SESSION_KEY] = form.cleaned_data["organisatie"]
        naam = dict(form.fields["organisatie"].choices)[form.cleaned_data["organisatie"]]
        messages.success(request, _("U werkt nu in %(organisatie)s.") % {"organisatie": naam})
        volgende = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
            volgende = reverse_lazy("actieplan:start")
        return redirect(volgende)


class LedenView(OrganisatieMixin, ListView):
    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/leden.html"
    context_object_name = "leden"

    def get_queryset(self):
        return selectors.leden_list(organisatie=self.request.organisatie)


class LidToevoegenView(OrganisatieMixin, FormView):
    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/lid_form.html"
    form_class = LidToevoegenForm
    success_url = reverse_lazy("organisaties:leden")

    def form_valid(self, form):
        try:
            lidmaatschap, nieuw = services.lidmaatschap_toevoegen(
                organisatie=self.request.organisatie, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if nieuw:
            services.uitnodiging_versturen(
                lidmaatschap=lidmaatschap,
                base_url=self.request.build_absolute_uri("/"),
                uitgenodigd_door=self.request.user,
            )
            melding = _("%(naam)s is toegevoegd en heeft een uitnodiging per e-mail gekregen.")
        else:
            melding = _("%(naam)s is toegevoegd met een bestaand account.")
        messages.success(self.request, melding % {"naam": lidmaatschap.user})
        return super().form_valid(form)


class LidMixin(OrganisatieMixin):
    permission_required = "organisaties.beheer_leden"

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is not None:
            self.lidmaatschap = selectors.lidmaatschap_get(
                organisatie=request.organisatie, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(lid=self.lidmaatschap, **kwargs)


class LidWijzigenView(LidMixin, FormView):
    template_name = "organisaties/lid_form.html"
    form_class = LidRollenForm
    success_url = reverse_lazy("organisaties:leden")

    def get_initial(self):
        return {"rollen": list(self.lidmaatschap.rollen.all())}

    def form_valid(self, form):
        try:
            services.lidmaatschap_rollen_wijzigen(
                lidmaatschap=self.lidmaatschap, rollen=form.cleaned_data["rollen"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De rollen van %(naam)s zijn opgeslagen.") % {"naam": self.lidmaatschap.user},
        )
        return super().form_valid(form)


class LidVerwijderenView(LidMixin, TemplateView):
    template_name = "organisaties/lid_verwijderen.html"

    def post(self, request, *args, **kwargs):
        try:
            services.lidmaatschap_verwijderen(lidmaatschap=self.lidmaatschap)
        except ValidationError as error:
            for melding in error.messages:
                messages.error(request, melding)
            return self.get(request, *args, **kwargs)
        messages.success(
            request,
            _("%(naam)s is geen lid meer van %(organisatie)s.")
            % {"naam": self.lidmaatschap.user, "organisatie": request.organisatie},
        )
        return redirect("organisaties:leden")
