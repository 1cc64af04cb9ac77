"""Management approval and the frozen versions of a plan (the business rules are in
`goedkeuring.py`): submit, withdraw, approve or reject, the version list, a version's page
with its change summary, and the download of a frozen PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from actieplan.stappen import register
from actieplan.views import ActieplanMixin

from . import document, goedkeuring, selectors, vergelijken
from .forms import BeoordelingForm, IndienenForm
from .models import Planversie
from .views import als_pagina, variant_of_404


def _samenvattingen(momentopname: dict, vorige, laatst_gezien) -> dict:
    """What the plan as it is now (`momentopname`) changed against the adopted version
    before (`vorige`), and, when management saw a later one (rejected or withdrawn), also
    against that one (both loaded with their snapshots)."""
    return {
        "vorige": vorige,
        "wijzigingen": document.wijzigingen(vorige.momentopname, momentopname) if vorige else None,
        "laatst_gezien": laatst_gezien,
        "wijzigingen_laatst_gezien": document.wijzigingen(laatst_gezien.momentopname, momentopname)
        if laatst_gezien
        else None,
    }


def _samenvatting(versie: Planversie) -> dict:
    """The same for a version: compared with the versions before it once, then kept."""
    vorige = selectors.vorige_vastgestelde(versie=versie)
    laatst = selectors.vorige_versie(versie=versie)
    laatst = laatst if laatst and laatst != vorige else None
    return {
        "vorige": vorige,
        "wijzigingen": vergelijken.tussen(oud=vorige, nieuw=versie) if vorige else None,
        "laatst_gezien": laatst,
        "wijzigingen_laatst_gezien": vergelijken.tussen(oud=laatst, nieuw=versie)
        if laatst
        else None,
    }


class VersieMixin(ActieplanMixin):
    wijzigt_plan = False  # the approval itself goes on while the plan is locked

    def kruimel_tussen(self):
        return [(_("Versies"), reverse("plandocument:versies", args=[self.actieplan.pk]))]


class IndienenView(VersieMixin, TemplateView):
    """The coördinator puts the plan to management, after seeing what changed since the
    last approved version and which steps are not complete yet."""

    permission_required = "actieplan.dien_in"
    template_name = "plandocument/versies/indienen.html"
    kruimel = gettext_lazy("Ter goedkeuring aanbieden")

    def get_context_data(self, **kwargs):
        nu = document.momentopname(actieplan=self.actieplan)
        vorige = selectors.laatste_vastgestelde(actieplan=self.actieplan, met_momentopname=True)
        laatst = selectors.laatste_versie(actieplan=self.actieplan, met_momentopname=True)
        context = super().get_context_data(**kwargs)
        kwargs.setdefault("form", IndienenForm(actieplan=self.actieplan))
        return {
            **context,
            **kwargs,
            **_samenvattingen(nu, vorige, laatst if laatst and laatst != vorige else None),
            "onvolledig": [
                stap for stap, _inhoud in register if stap.slug not in context["stappen_compleet"]
            ],
        }

    def post(self, request, *args, **kwargs):
        form = IndienenForm(request.POST, actieplan=self.actieplan)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            versie = goedkeuring.indienen(
                actieplan=self.actieplan,
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
                jaar=form.cleaned_data["jaar"],
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("actieplan:detail", pk=self.actieplan.pk)
        messages.success(
            request,
            _(
                "Versie %(nummer)s ligt ter goedkeuring bij het management. Tot het besluit "
                "wachten stap 1 tot en met 3; het andere werk gaat door."
            )
            % {"nummer": versie.nummer},
        )
        return redirect("plandocument:versie", pk=self.actieplan.pk, nummer=versie.nummer)


class VersieLijstView(VersieMixin, TemplateView):
    template_name = "plandocument/versies/lijst.html"
    kruimel = gettext_lazy("Versies")

    def kruimel_tussen(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versies=selectors.versie_list(actieplan=self.actieplan),
            vastgestelde=selectors.laatste_vastgestelde(actieplan=self.actieplan),
            **kwargs,
        )


class SindsVastgesteldView(VersieMixin, TemplateView):
    """What changed in the plan since the adopted version, step by step, for everyone who
    reads the plan: the team's work since the approval, in each step's own words."""

    template_name = "plandocument/versies/sinds_vastgesteld.html"
    kruimel = gettext_lazy("Wat veranderde sinds de vastgestelde versie")

    def get_context_data(self, **kwargs):
        vorige = selectors.laatste_vastgestelde(actieplan=self.actieplan, met_momentopname=True)
        nu = document.momentopname(actieplan=self.actieplan)
        return super().get_context_data(**_samenvattingen(nu, vorige, None), **kwargs)


class VersieView(VersieMixin, TemplateView):
    """A version: its status, who submitted and decided, the change summary, the frozen
    PDFs; for management under review the decision form (POST)."""

    template_name = "plandocument/versies/versie.html"
    permission_required_post = "actieplan.keur_goed"

    def dispatch(self, request, *args, **kwargs):
        self.nummer = kwargs["nummer"]
        return super().dispatch(request, *args, **kwargs)

    def get_kruimel(self):
        return _("Versie %(nummer)s") % {"nummer": self.nummer}

    def get_context_data(self, **kwargs):
        versie = selectors.versie_get(actieplan=self.actieplan, nummer=self.nummer)
        if versie.status == Planversie.Status.TER_GOEDKEURING:
            kwargs.setdefault("form", BeoordelingForm())
        return super().get_context_data(
            versie=versie,
            deze_versie=versie.nummer,
            opnieuw_mogelijk=goedkeuring.mag_opnieuw(versie),
            **_samenvatting(versie),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        versie = selectors.versie_get(actieplan=self.actieplan, nummer=self.nummer)
        form = BeoordelingForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        besluit = form.cleaned_data["besluit"]
        try:
            if besluit == BeoordelingForm.GOEDKEUREN:
                goedkeuring.goedkeuren(
                    versie=versie, door=request.user, opmerking=form.cleaned_data["opmerking"]
                )
                messages.success(
                    request,
                    _(
                        "Versie %(nummer)s is goedgekeurd. De PDF wordt nu vastgelegd; dat kan "
                        "even duren."
                    )
                    % {"nummer": versie.nummer},
                )
            else:
                goedkeuring.afwijzen(
                    versie=versie, door=request.user, opmerking=form.cleaned_data["opmerking"]
                )
                messages.success(
                    request,
                    _("Versie %(nummer)s is afgewezen; het plan is weer een concept.")
                    % {"nummer": versie.nummer},
                )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("plandocument:versie", pk=self.actieplan.pk, nummer=versie.nummer)


class VersieStatusView(VersieMixin, View):
    """The freezing status of a version, as the fragment the version page refreshes."""

    def get(self, request, *args, **kwargs):
        versie = selectors.versie_get(actieplan=self.actieplan, nummer=kwargs["nummer"])
        return render(
            request,
            "plandocument/versies/_vastleggen.html",
            {
                "actieplan": self.actieplan,
                "versie": versie,
                "opnieuw_mogelijk": goedkeuring.mag_opnieuw(versie),
            },
        )


class VersieActieView(VersieMixin, View):
    """A POST-only step on a version (withdraw, retry, take back): the service refuses in
    words when the version's state does not allow it; the page says what happened."""

    def uitvoeren(self, versie: Planversie) -> None:
        raise NotImplementedError

    melding: str = ""

    def post(self, request, *args, **kwargs):
        versie = selectors.versie_get(actieplan=self.actieplan, nummer=kwargs["nummer"])
        try:
            self.uitvoeren(versie)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, self.melding % {"nummer": versie.nummer})
        return redirect("plandocument:versie", pk=self.actieplan.pk, nummer=versie.nummer)


class IntrekkenView(VersieActieView):
    permission_required = "actieplan.dien_in"
    melding = gettext_lazy("Versie %(nummer)s is ingetrokken; het plan is weer te wijzigen.")

    def uitvoeren(self, versie):
        goedkeuring.intrekken(versie=versie, door=self.request.user)


class OpnieuwVastleggenView(VersieActieView):
    permission_required = "actieplan.leg_vast"
    melding = gettext_lazy("De PDF's van versie %(nummer)s worden opnieuw gemaakt.")

    def uitvoeren(self, versie):
        goedkeuring.opnieuw_vastleggen(versie=versie)


class TerugdraaienView(VersieActieView):
    """Management takes back an approval whose PDF cannot be made (see goedkeuring)."""

    permission_required = "actieplan.keur_goed"
    melding = gettext_lazy(
        "De goedkeuring van versie %(nummer)s is teruggedraaid; het plan is weer te wijzigen."
    )

    def uitvoeren(self, versie):
        goedkeuring.goedkeuring_terugdraaien(versie=versie, door=self.request.user)


class VersieDocumentView(VersieMixin, View):
    """The document of a version as it was submitted (the body kept with it), in the
    browser: what management reads before deciding, and what is frozen on approval."""

    def get(self, request, *args, **kwargs):
        variant = variant_of_404(request.GET.get("variant"))
        versie = selectors.versie_get(actieplan=self.actieplan, nummer=kwargs["nummer"])
        romp = selectors.versie_document(versie=versie)
        if not romp:
            raise Http404(_("Van deze versie is geen document bewaard."))
        return als_pagina(
            document.document_html(
                actieplan=self.actieplan,
                jaar=versie.jaar,
                variant=variant,
                romp=romp[variant],
                ingediend=versie,
                terug=reverse("plandocument:versie", args=[self.actieplan.pk, versie.nummer]),
            ),
            self.actieplan.organisatie,
        )


class VersiePdfView(VersieMixin, View):
    """A frozen PDF: the stored bytes, never rendered again, after the hash check."""

    def get(self, request, *args, **kwargs):
        variant_of_404(kwargs["variant"])
        versie = selectors.versie_get(
            actieplan=self.actieplan, nummer=kwargs["nummer"], met_pdf=True
        )
        if not versie.vastgelegd:
            raise Http404(_("Deze versie is (nog) niet vastgelegd."))
        try:
            inhoud = goedkeuring.vastgelegde_pdf(versie=versie, variant=kwargs["variant"])
        except goedkeuring.VersieBeschadigd:
            return render(
                request,
                "plandocument/versies/beschadigd.html",
                {"actieplan": self.actieplan, "versie": versie},
                status=409,
            )
        plan = self.actieplan
        naam = (
            f"actieplan-mvoi-{plan.startjaar}-{plan.eindjaar}-versie-{versie.nummer}-"
            f"{kwargs['variant']}"
        )
        antwoord = HttpResponse(inhoud, content_type="application/pdf")
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
        antwoord["ETag"] = f'"{getattr(versie, "pdf_" + kwargs["variant"] + "_sha256")}"'
        return antwoord
