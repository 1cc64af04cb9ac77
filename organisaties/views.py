from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from basis.versies import Bewerkingsconflict, conflict_uitleggen, versie_van

from . import selectors, services, tweestaps
from .forms import (
    AccountAanmakenForm,
    HuisstijlForm,
    LidRollenForm,
    LidToevoegenForm,
    OrganisatieWisselenForm,
    TweestapsVerplichtForm,
)
from .middleware import SESSION_KEY
from .mixins import OrganisatieMixin
from .models import Organisatie, User


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
            volgende = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect(volgende)


class LedenView(OrganisatieMixin, ListView):
    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/leden.html"
    context_object_name = "leden"

    def get_queryset(self):
        return selectors.leden_list(organisatie=self.request.organisatie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            uitnodigingen=selectors.uitnodiging_list(organisatie=self.request.organisatie),
            tweestaps_form=TweestapsVerplichtForm(
                initial={"tweestaps_verplicht": self.request.organisatie.tweestaps_verplicht}
            ),
            **kwargs,
        )


class TweestapsVerplichtView(OrganisatieMixin, View):
    """The beheerder asks two-step verification of every member, or stops asking."""

    permission_required = "organisaties.beheer_leden"
    http_method_names = ["post"]

    def post(self, request):
        form = TweestapsVerplichtForm(request.POST)
        form.is_valid()  # a checkbox: anything but "on" is off
        verplicht = form.cleaned_data.get("tweestaps_verplicht", False)
        services.tweestaps_verplicht_instellen(organisatie=request.organisatie, verplicht=verplicht)
        if verplicht:
            messages.success(
                request,
                _(
                    "Tweestapsverificatie is nu verplicht voor alle leden. Wie nog geen app "
                    "heeft, stelt die in bij de volgende inlog."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "Tweestapsverificatie is niet meer verplicht voor alle leden; voor "
                    "management en beheerders blijft het verplicht."
                ),
            )
        return redirect("organisaties:leden")


class LidToevoegenView(OrganisatieMixin, FormView):
    """Invite a person. The answer is the same whether or not the address has an account
    anywhere: nobody is attached, and no name shown, until the person accepts."""

    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/lid_form.html"
    form_class = LidToevoegenForm
    success_url = reverse_lazy("organisaties:leden")

    def form_valid(self, form):
        try:
            uitnodiging = services.uitnodiging_versturen(
                organisatie=self.request.organisatie,
                door=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "We hebben een uitnodiging gestuurd naar %(email)s. Zodra de uitnodiging is "
                "geaccepteerd, staat deze persoon bij de leden."
            )
            % {"email": uitnodiging.email},
        )
        return super().form_valid(form)


class UitnodigingIntrekkenView(OrganisatieMixin, TemplateView):
    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/uitnodiging_intrekken.html"

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is not None:
            self.uitnodiging = selectors.uitnodiging_get(
                organisatie=request.organisatie, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(uitnodiging=self.uitnodiging, **kwargs)

    def post(self, request, *args, **kwargs):
        services.uitnodiging_intrekken(uitnodiging=self.uitnodiging)
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": self.uitnodiging.email},
        )
        return redirect("organisaties:leden")


@method_decorator([login_not_required, never_cache], name="dispatch")
class UitnodigingView(TemplateView):
    """Where the link in the invitation e-mail leads. With an account for the address:
    log in as that account and accept. Without: choose a password, which makes the
    account. The link is the only key; a wrong, used or expired link says so."""

    template_name = "organisaties/uitnodiging.html"

    def dispatch(self, request, *args, **kwargs):
        self.uitnodiging = selectors.uitnodiging_bij_token(token=kwargs["token"])
        if self.uitnodiging is None:
            return render(request, "organisaties/uitnodiging_ongeldig.html", status=404)
        self.account = User.objects.filter(email__iexact=self.uitnodiging.email).first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        if self.account is None:
            kwargs.setdefault("form", AccountAanmakenForm(uitnodiging=self.uitnodiging))
        return super().get_context_data(
            uitnodiging=self.uitnodiging,
            rollen=self.uitnodiging.rollen.order_by("volgorde"),
            heeft_account=self.account is not None,
            gebruikersnaam=(
                selectors.gebruikersnaam_voorstel(email=self.uitnodiging.email)
                if self.account is None
                else None
            ),
            ingelogd_als_genodigde=user.is_authenticated and user == self.account,
            ingelogd_als_ander=user.is_authenticated and user != self.account,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user != self.account:
            return self.render_to_response(self.get_context_data())  # says: log out first
        if self.account is None:
            form = AccountAanmakenForm(request.POST, uitnodiging=self.uitnodiging)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            try:
                user, lidmaatschap = services.uitnodiging_account_aanmaken(
                    uitnodiging=self.uitnodiging, password=form.cleaned_data["password1"]
                )
            except ValidationError as fout:
                form.add_error(None, fout)
                return self.render_to_response(self.get_context_data(form=form))
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        elif request.user.is_authenticated:
            was_verplicht = tweestaps.verplicht(request.user)
            try:
                lidmaatschap = services.uitnodiging_accepteren(
                    uitnodiging=self.uitnodiging, user=request.user
                )
            except ValidationError as fout:
                for melding in fout.messages:
                    messages.error(request, melding)
                return self.render_to_response(self.get_context_data())
            # Accepted as management or beheerder: the app's setup comes first.
            tweestaps.rechten_gegroeid(request, was_verplicht=was_verplicht)
        else:
            return redirect_to_login(request.get_full_path())
        request.session[SESSION_KEY] = lidmaatschap.organisatie_id
        messages.success(
            request,
            _("Welkom bij het Actieplan MVOI van %(organisatie)s.")
            % {"organisatie": lidmaatschap.organisatie},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)


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

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versie": versie_van([self.lidmaatschap])}

    def form_valid(self, form):
        try:
            services.lidmaatschap_rollen_wijzigen(
                lidmaatschap=self.lidmaatschap,
                rollen=form.cleaned_data["rollen"],
                versie=form.cleaned_data["versie"],
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.lidmaatschap_get(
                organisatie=self.request.organisatie, pk=self.lidmaatschap.pk
            )
            conflict_uitleggen(conflict, form, opgeslagen)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
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


class HuisstijlView(OrganisatieMixin, FormView):
    """The beheerder sets how the organisation shows in its plan: the name as printed, the
    date the Manifest was signed, the house colour and the logo."""

    permission_required = "organisaties.beheer_leden"
    template_name = "organisaties/huisstijl.html"
    form_class = HuisstijlForm

    def get_initial(self):
        o = self.request.organisatie
        return {
            "naam_in_document": o.naam_in_document,
            "manifest_ondertekend_op": o.manifest_ondertekend_op,
            "huiskleur": o.huiskleur,
        }

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            services.huisstijl_opslaan(
                organisatie=self.request.organisatie,
                naam_in_document=gegevens["naam_in_document"],
                manifest_ondertekend_op=gegevens["manifest_ondertekend_op"],
                huiskleur=gegevens["huiskleur"],
                logo=gegevens["logo"],
                logo_verwijderen=gegevens["logo_verwijderen"],
            )
        except ValidationError as fout:
            for veld, teksten in fout.message_dict.items():
                for melding in teksten:
                    form.add_error(veld if veld in form.fields else None, melding)
            return self.form_invalid(form)
        messages.success(self.request, _("De instellingen van de organisatie zijn opgeslagen."))
        return redirect("organisaties:huisstijl")


class LogoView(OrganisatieMixin, View):
    """The active organisation's logo (a PNG made by the application itself)."""

    def get(self, request):
        logo = (
            Organisatie.objects.filter(pk=request.organisatie.pk)
            .values_list("logo", flat=True)
            .get()
        )
        if not logo:
            raise Http404(_("Deze organisatie heeft geen logo."))
        return HttpResponse(bytes(logo), content_type="image/png")
