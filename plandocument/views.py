"""The plan document in the browser, and the PDF of the plan as it is now (a concept),
asked for here and made in the background (`conceptpdf.py`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from actieplan.stappen import jaar_uit_verzoek
from actieplan.views import ActieplanMixin
from basis.versies import Bewerkingsconflict, nieuwe_versie_geven, verschillen, versie_van

from . import conceptpdf, document, selectors, teksten
from .forms import ToelichtingenForm
from .models import Toelichting


def als_pagina(html: str, organisatie) -> HttpResponse:
    """The document as a browser page: its Content-Security-Policy widened by exactly the
    house-colour block (django-csp), nothing else inline."""
    antwoord = HttpResponse(html)
    antwoord._csp_update = {"style-src": [document.kleurstijl_csp(organisatie)]}
    return antwoord


def variant_of_404(variant: str | None) -> str:
    """The document's variant asked for (the internal one when none), or 404."""
    variant = variant or document.INTERN
    if variant not in document.VARIANTEN:
        raise Http404(_("Onbekende variant van het document."))
    return variant


class DocumentView(ActieplanMixin, View):
    """The plan document in the browser: the same HTML the PDF prints."""

    wijzigt_plan = False  # reading only

    def get(self, request, *args, **kwargs):
        html = document.document_html(
            actieplan=self.actieplan,
            jaar=jaar_uit_verzoek(request, self.actieplan, self.actieplan.lopend_jaar),
            variant=variant_of_404(request.GET.get("variant")),
            terug=reverse("actieplan:detail", args=[self.actieplan.pk]),
        )
        return als_pagina(html, self.actieplan.organisatie)


class DocumentPdfView(ActieplanMixin, View):
    """POST: ask for the PDF of the plan as it is now (a concept); it is made in the
    background (conceptpdf.py). Allowed while the plan is locked: reading is."""

    wijzigt_plan = False

    def post(self, request, *args, **kwargs):
        variant = variant_of_404(request.POST.get("variant"))
        versie = None
        if request.POST.get("versie"):
            # A version of this plan whose document was kept: its PDF as submitted.
            try:
                nummer = int(request.POST["versie"])
            except ValueError:
                raise Http404 from None
            versie = selectors.versie_get(actieplan=self.actieplan, nummer=nummer)
            if not versie.heeft_document:
                raise Http404(_("Van deze versie is geen document bewaard."))
        jaar = None
        if request.POST.get("jaar") and versie is None:
            try:
                jaar = int(request.POST["jaar"])
            except ValueError:
                raise Http404 from None
            if jaar not in self.actieplan.jaren:
                raise Http404(_("Dit jaar hoort niet bij het actieplan."))
        opdracht = conceptpdf.aanvragen(
            actieplan=self.actieplan, door=request.user, variant=variant, versie=versie, jaar=jaar
        )
        return redirect(
            "plandocument:document_opdracht", pk=self.actieplan.pk, opdracht=opdracht.pk
        )


class DocumentOpdrachtMixin(ActieplanMixin):
    wijzigt_plan = False
    kruimel = gettext_lazy("PDF van het concept")

    def opdracht(self):
        return selectors.documentopdracht_get(
            actieplan=self.actieplan, door=self.request.user, pk=self.kwargs["opdracht"]
        )


class DocumentOpdrachtView(DocumentOpdrachtMixin, TemplateView):
    """The status of a requested PDF, refreshing until it can be downloaded."""

    template_name = "plandocument/document/opdracht.html"

    def get_context_data(self, **kwargs):
        kwargs["opdracht"] = self.opdracht()  # the URL's id, replaced by the request itself
        return super().get_context_data(**kwargs)


class DocumentOpdrachtStatusView(DocumentOpdrachtMixin, View):
    """The fragment the status page refreshes."""

    def get(self, request, *args, **kwargs):
        return render(
            request,
            "plandocument/document/_opdracht.html",
            {"actieplan": self.actieplan, "opdracht": self.opdracht()},
        )


class DocumentOpdrachtPdfView(DocumentOpdrachtMixin, View):
    def get(self, request, *args, **kwargs):
        opdracht = self.opdracht()
        if opdracht.status != opdracht.Status.KLAAR:
            raise Http404(_("Deze PDF is (nog) niet klaar."))
        plan = self.actieplan
        naam = (
            f"actieplan-mvoi-{plan.startjaar}-{plan.eindjaar}-concept-"
            f"{timezone.localtime(opdracht.klaar_op):%Y%m%d-%H%M}-{opdracht.variant}"
        )
        antwoord = HttpResponse(bytes(opdracht.pdf), content_type="application/pdf")
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
        return antwoord


class ToelichtingenView(ActieplanMixin, FormView):
    """The coördinator rewrites the document's explanations for this plan (teksten.py):
    each field shows what the document prints now, the default beside it."""

    permission_required = "actieplan.change_actieplan"
    bewerkpagina = True
    kruimel = gettext_lazy("Teksten in het document")
    template_name = "plandocument/toelichtingen.html"
    form_class = ToelichtingenForm

    def standaard(self) -> dict[str, str]:
        return teksten.standaardteksten(actieplan=self.actieplan, jaar=self.actieplan.lopend_jaar)

    def get_form_kwargs(self):
        self._standaard = self.standaard()
        # The plan's own texts, read once for the form and the page.
        self._eigen = list(Toelichting.objects.filter(actieplan=self.actieplan))
        return {
            **super().get_form_kwargs(),
            "standaard": self._standaard,
            "versie": versie_van(self._eigen),
            "initial": self._standaard | {t.sleutel: t.tekst for t in self._eigen},
        }

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.get_form())
        eigen = {t.sleutel for t in self._eigen}
        kwargs["velden"] = [
            (form[soort.sleutel], form.standaard[soort.sleutel], soort.sleutel in eigen)
            for soort in teksten.SOORTEN
        ]
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        gegevens = {k: v for k, v in form.cleaned_data.items() if k in teksten.SOORTEN_OP_SLEUTEL}
        getoond = form.cleaned_data.get("getoond")
        try:
            aantal = teksten.toelichtingen_opslaan(
                actieplan=self.actieplan,
                teksten=gegevens,
                jaar=self.actieplan.lopend_jaar,
                versie=form.cleaned_data["versie"],
                getoond=getoond if isinstance(getoond, dict) else None,
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = self._standaard | {t.sleutel: t.tekst for t in self._eigen}
            conflict.verschillen += verschillen(form, opgeslagen)
            nieuwe_versie_geven(conflict, form)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "De teksten zijn opgeslagen; %(aantal)s tekst is eigen aan dit plan.",
                "De teksten zijn opgeslagen; %(aantal)s teksten zijn eigen aan dit plan.",
                aantal,
            )
            % {"aantal": aantal},
        )
        return redirect("actieplan:detail", pk=self.actieplan.pk)
