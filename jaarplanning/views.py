"""The pages of steps 5 and 6 beyond their step pages: the worked-out list of actions, an
action's form, removing one, and step 5's texts. Thin: rules in services, reads in
selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from aanbestedingskalender import bestanden
from aanbestedingskalender import selectors as kalender_selectors
from aanbestedingskalender.forms import ImportForm
from aanbestedingskalender.importeren import ImportResultaat
from aanbestedingskalender.importstappen import UploadStap, VoorbeeldStap
from aanbestedingskalender.models import Importbestand
from actieplan.stappen import jaar_uit_verzoek
from actieplan.views import ActieplanMixin
from basis.kwartalen import Kwartaal
from basis.versies import (
    Bewerkingsconflict,
    VersieForm,
    conflict_uitleggen,
    nieuwe_versie_geven,
    versie_van,
)

from . import importeren, selectors, services
from .forms import ActieFilterForm, ActieForm, ActorgroepFormSet, BorgingForm
from .models import Actie
from .resources import ActieResource


def stap_url(actieplan, slug: str, jaar: int | None = None) -> str:
    url = reverse("actieplan:stap", args=[actieplan.pk, slug])
    return f"{url}?jaar={jaar}" if jaar else url


class PlanningMixin(ActieplanMixin):
    permission_required = "jaarplanning.view_actie"
    stap_slug = "jaarplanning"
    wacht_op_besluit = False  # the year's work goes on while a version is under review

    def jaar_uit_url(self) -> int:
        """?jaar= when it is a plan year, else the plan's current year."""
        return jaar_uit_verzoek(self.request, self.actieplan, self.actieplan.lopend_jaar)

    def terug(self) -> str:
        """Back to where the form was opened from: step 5 (?van=borging) or step 6."""
        if self.request.GET.get("van") == "borging":
            return stap_url(self.actieplan, "borging", self.jaar_uit_url())
        return stap_url(self.actieplan, "jaarplanning", self.jaar_uit_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(terug=self.terug(), **kwargs)


class ActieLijstView(PlanningMixin, TemplateView):
    """The worked-out actions of a year with every field, filterable, with the totals of
    extra budget and hours. Four queries, whatever the number of actions."""

    template_name = "jaarplanning/acties.html"
    kruimel = gettext_lazy("Uitgewerkte acties")

    def get_context_data(self, **kwargs):
        form = ActieFilterForm(
            self.request.GET or None,
            actieplan=self.actieplan,
            standaard_jaar=self.actieplan.lopend_jaar,
        )
        filters = form.filters()
        acties = selectors.actie_list(actieplan=self.actieplan, filters=filters)
        return super().get_context_data(
            filterform=form,
            jaar=filters.get("jaar"),
            acties=acties,
            totalen=selectors.totalen(acties=acties),
            **kwargs,
        )


class ExportView(PlanningMixin, TemplateView):
    """The actions as .xlsx or .csv, with the list's filters (none: the whole plan)."""

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("formaat", "xlsx")
        if formaat not in bestanden.FORMATEN:
            raise Http404(_("Onbekend formaat."))
        form = ActieFilterForm(
            request.GET, actieplan=self.actieplan, standaard_jaar=self.actieplan.lopend_jaar
        )
        filters = form.filters() if request.GET.get("jaar") else {}
        acties = selectors.actie_list(actieplan=self.actieplan, filters=filters)
        inhoud = bestanden.exporteren(
            ActieResource(actieplan=self.actieplan).export(acties), formaat
        )
        naam = f"jaarplanning-{filters['jaar']}" if filters.get("jaar") else "jaarplanning"
        return bestanden.antwoord(inhoud, formaat, naam)


class ImportView(UploadStap, PlanningMixin, FormView):
    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/import.html"
    kruimel = gettext_lazy("Planning importeren")
    voorbeeld_url_naam = "jaarplanning:import_voorbeeld"

    def get_form(self, form_class=None):
        return ImportForm(**self.get_form_kwargs(), wat=_("acties"))

    def opslaan(self, *, bestandsnaam, inhoud):
        return importeren.planningsbestand_opslaan(
            actieplan=self.actieplan,
            door=self.request.user,
            bestandsnaam=bestandsnaam,
            inhoud=inhoud,
        )


class ImportVoorbeeldView(VoorbeeldStap, PlanningMixin, TemplateView):
    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/import_voorbeeld.html"

    def get_upload(self):
        return kalender_selectors.importbestand_get(
            actieplan=self.actieplan,
            user=self.request.user,
            pk=self.kwargs["upload"],
            soort=Importbestand.Soort.JAARPLANNING,
        )

    def controle(self, upload):
        return ImportResultaat.uit_json(upload.controle)  # checked once, at the upload

    def importeren(self, upload):
        return importeren.planning_importeren(
            actieplan=self.actieplan,
            inhoud=bytes(upload.inhoud),
            bestandsnaam=upload.bestandsnaam,
            verwacht=ImportResultaat.uit_json(upload.controle).versies,
        )

    def opnieuw_controleren(self, upload):
        upload.controle = importeren.planning_controleren(
            actieplan=self.actieplan, inhoud=bytes(upload.inhoud), bestandsnaam=upload.bestandsnaam
        ).als_json()
        upload.save(update_fields=["controle"])

    def opnieuw_url(self):
        return reverse("jaarplanning:import", args=[self.actieplan.pk])

    def klaar_url(self):
        return reverse("jaarplanning:acties", args=[self.actieplan.pk])


class ActieFormulierView(PlanningMixin, TemplateView):
    bewerkpagina = True
    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/actie_form.html"
    actie = None

    def get_kruimel(self):
        return str(self.actie) if self.actie else _("Actie toevoegen")

    @property
    def stap_slug(self):
        return "borging" if self.request.GET.get("van") == "borging" else "jaarplanning"

    def form(self, data=None):
        initial = {}
        if self.actie is None:
            jaar = self.jaar_uit_url()
            borging = self.request.GET.get("borging", "")
            initial = {
                "jaar": jaar,
                "start": str(Kwartaal(jaar, 1)),
                "eind": str(Kwartaal(jaar, 1)),
                "borging": borging if borging in Actie.Borgingsgroep.values else "",
            }
        return ActieForm(data, instance=self.actie, actieplan=self.actieplan, initial=initial)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            actie = services.actie_opslaan(
                actieplan=self.actieplan,
                actie=self.actie,
                velden=form.velden(),
                versie=form.cleaned_data.get("versie") if self.actie else None,
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.actie_get(actieplan=self.actieplan, pk=self.actie.pk)
            conflict_uitleggen(conflict, form, opgeslagen)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as fout:
            form.fouten_tonen(fout)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("De actie ‘%(titel)s’ is opgeslagen.") % {"titel": actie})
        if request.GET.get("van") == "borging":
            return redirect(stap_url(self.actieplan, "borging", actie.jaar))
        return redirect(stap_url(self.actieplan, "jaarplanning", actie.jaar))


class ActieMixin(PlanningMixin):
    """Loads the action from the URL, within the plan (itself within the organisation)."""

    @cached_property
    def actie(self):
        return selectors.actie_get(actieplan=self.actieplan, pk=self.kwargs["actie"])

    def get_context_data(self, **kwargs):
        kwargs["actie"] = self.actie  # TemplateView passes the URL's id in too
        return super().get_context_data(**kwargs)


class ActieWijzigenView(ActieMixin, ActieFormulierView):
    pass


class ActieVerwijderenView(ActieMixin, TemplateView):
    bewerkpagina = True
    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/actie_verwijderen.html"

    def get_kruimel(self):
        return _("%(titel)s verwijderen") % {"titel": self.actie}

    def get_context_data(self, **kwargs):
        return super().get_context_data(versie=versie_van([self.actie]), **kwargs)

    def post(self, request, *args, **kwargs):
        titel, jaar = str(self.actie), self.actie.jaar
        try:
            services.actie_verwijderen(actie=self.actie, versie=request.POST.get("versie", ""))
        except Bewerkingsconflict:
            messages.error(
                request,
                _(
                    "Iemand anders heeft deze actie intussen gewijzigd. Bekijk de actie en "
                    "verwijder haar daarna opnieuw als dat nog nodig is."
                ),
            )
            return redirect("jaarplanning:actie_wijzigen", self.actieplan.pk, self.actie.pk)
        messages.success(request, _("De actie ‘%(titel)s’ is verwijderd.") % {"titel": titel})
        return redirect(stap_url(self.actieplan, "jaarplanning", jaar))


class BorgingView(ActieplanMixin, TemplateView):
    """Step 5's texts: what the organisation already does to embed MVOI."""

    bewerkpagina = True
    wacht_op_besluit = False

    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/borging_form.html"
    stap_slug = "borging"
    kruimel = gettext_lazy("Wat we al doen")

    def get(self, request, *args, **kwargs):
        borging = selectors.borging_get(actieplan=self.actieplan)
        return self.render_to_response(self.get_context_data(form=BorgingForm(instance=borging)))

    def post(self, request, *args, **kwargs):
        borging = selectors.borging_get(actieplan=self.actieplan)
        form = BorgingForm(request.POST, instance=borging)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.borging_opslaan(actieplan=self.actieplan, **form.cleaned_data)
        except Bewerkingsconflict as conflict:
            conflict_uitleggen(conflict, form, selectors.borging_get(actieplan=self.actieplan))
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        messages.success(request, _("De borging is opgeslagen."))
        return redirect(stap_url(self.actieplan, "borging"))


class ActorgroepenView(PlanningMixin, TemplateView):
    """The organisation's actor groups (the rows of the planning grid): add, rename,
    reorder, remove one without actions."""

    bewerkpagina = True

    permission_required = "jaarplanning.bewerk_planning"
    template_name = "jaarplanning/actorgroepen.html"
    kruimel = gettext_lazy("Actorgroepen")

    def formset(self, data=None):
        return ActorgroepFormSet(
            data,
            queryset=selectors.actorgroep_list(organisatie=self.request.organisatie),
            prefix="groep",
        )

    def get(self, request, *args, **kwargs):
        groepen = selectors.actorgroep_list(organisatie=request.organisatie)
        return self.render_to_response(
            self.get_context_data(
                formset=self.formset(), versieform=VersieForm(versie=versie_van(groepen))
            )
        )

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        versieform = VersieForm(request.POST)
        fouten = []
        if formset.is_valid() and versieform.is_valid():
            rijen = [
                {
                    "groep": form.instance if form.instance.pk else None,
                    "naam": form.cleaned_data.get("naam") or "",
                    "volgorde": form.cleaned_data.get("volgorde"),
                    "verwijderen": form.cleaned_data.get("DELETE", False),
                }
                for form in formset.forms
                if form.cleaned_data.get("naam") or form.instance.pk
            ]
            try:
                services.actorgroepen_opslaan(
                    organisatie=request.organisatie,
                    rijen=rijen,
                    versie=versieform.cleaned_data["versie"],
                )
            except Bewerkingsconflict as conflict:
                nieuwe_versie_geven(conflict, versieform)
                return self.render_to_response(
                    self.get_context_data(formset=formset, versieform=versieform, conflict=conflict)
                )
            except ValidationError as fout:
                fouten = fout.messages
            else:
                messages.success(request, _("De actorgroepen zijn opgeslagen."))
                return redirect(stap_url(self.actieplan, "jaarplanning", self.jaar_uit_url()))
        return self.render_to_response(
            self.get_context_data(formset=formset, versieform=versieform, fouten=fouten)
        )
