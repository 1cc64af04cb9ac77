from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from mvoi.versies import Bewerkingsconflict, conflict_uitleggen, versie_van
from organisaties.mixins import OrganisatieMixin

from . import selectors, services
from .forms import ActieplanForm
from .stappen import STAPPEN, STAPPEN_OP_SLUG, register, vorige_en_volgende


class StartView(OrganisatieMixin, ListView):
    """The start page: the organisation's action plans."""

    permission_required = "actieplan.view_actieplan"
    template_name = "actieplan/start.html"
    context_object_name = "actieplannen"

    def get_queryset(self):
        return selectors.actieplan_list(organisatie=self.request.organisatie)


class ActieplanCreateView(OrganisatieMixin, FormView):
    permission_required = "actieplan.add_actieplan"
    template_name = "actieplan/actieplan_form.html"
    form_class = ActieplanForm

    def get_initial(self):
        jaar = timezone.localdate().year
        return {"titel": _("Actieplan MVOI"), "startjaar": jaar, "eindjaar": jaar + 3}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Actieplan aanmaken")}

    def form_valid(self, form):
        form.cleaned_data.pop("versie", None)  # a new plan has no version to check
        try:
            plan = services.actieplan_aanmaken(
                organisatie=self.request.organisatie, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het actieplan is aangemaakt."))
        return redirect("actieplan:detail", pk=plan.pk)


class ActieplanMixin(OrganisatieMixin):
    """Loads `self.actieplan` from the URL, within the active organisation (else 404)."""

    permission_required = "actieplan.view_actieplan"

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is not None:
            self.actieplan = selectors.actieplan_get(
                organisatie=request.organisatie, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actieplan=self.actieplan,
            stappen=STAPPEN,
            stappen_compleet=register.compleet(self.actieplan, jaar=self.actieplan.lopend_jaar),
            **kwargs,
        )


class ActieplanUpdateView(ActieplanMixin, FormView):
    permission_required = "actieplan.change_actieplan"
    template_name = "actieplan/actieplan_form.html"
    form_class = ActieplanForm

    def get_initial(self):
        plan = self.actieplan
        return {"titel": plan.titel, "startjaar": plan.startjaar, "eindjaar": plan.eindjaar}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versie": versie_van([self.actieplan])}

    def form_valid(self, form):
        try:
            services.actieplan_wijzigen(actieplan=self.actieplan, **form.cleaned_data)
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.actieplan_get(
                organisatie=self.request.organisatie, pk=self.actieplan.pk
            )
            conflict_uitleggen(conflict, form, opgeslagen)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het actieplan is opgeslagen."))
        return redirect("actieplan:detail", pk=self.actieplan.pk)


class ActieplanDetailView(ActieplanMixin, TemplateView):
    template_name = "actieplan/actieplan_detail.html"


class StapView(ActieplanMixin, TemplateView):
    """The page of one of the seven steps: its title and purpose, and what the step's own
    app shows (the step register); for a yearly step about the current plan year."""

    def get(self, request, *args, **kwargs):
        self.stap = STAPPEN_OP_SLUG.get(kwargs["stap"])
        if self.stap is None:
            raise Http404(_("Deze stap bestaat niet."))
        self.inhoud = register.inhoud(self.stap)
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.inhoud.template]

    def get_context_data(self, **kwargs):
        vorige, volgende = vorige_en_volgende(self.stap)
        jaar = self.actieplan.lopend_jaar
        kwargs.update(stap=self.stap, vorige=vorige, volgende=volgende, jaar=jaar)
        kwargs.update(self.inhoud.pagina(self.request, self.actieplan, jaar=jaar))
        return super().get_context_data(**kwargs)
