"""The evaluation after each kansrijke tender: a list of the awarded tenders to evaluate,
and per tender a form with a block per applied theme. Thin: rules in services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from aanbestedingskalender import selectors as kalender_selectors
from actieplan import selectors as actieplan_selectors
from actieplan.stappen import jaar_uit_verzoek
from actieplan.views import ActieplanMixin
from basis.paginering import pagineren, query_zonder
from basis.versies import (
    Bewerkingsconflict,
    VersieForm,
    conflict_uitleggen,
    nieuwe_versie_geven,
    verschillen,
    versie_van,
)

from . import rules, selectors, services
from .forms import BesluitForm, JaarevaluatieForm, ThemaEffectForm, VoorbereidingForm


class EvaluatieMixin(ActieplanMixin):
    permission_required = "evaluatie.view_tenderevaluatie"
    stap_slug = "evaluatie"
    wacht_op_besluit = False  # evaluating goes on while a version is under review

    def lijst_url(self) -> str:
        return reverse("evaluatie:aanbestedingen", args=[self.actieplan.pk])


class PlanjaarMixin(EvaluatieMixin):
    """A page about one plan year from the URL (`<int:jaar>`): another year answers 404."""

    @cached_property
    def jaar(self) -> int:
        jaar = self.kwargs["jaar"]
        if jaar not in self.actieplan.jaren:
            raise Http404(_("Dit jaar hoort niet bij het actieplan."))
        return jaar

    def get_context_data(self, **kwargs):
        kwargs["jaar"] = self.jaar  # TemplateView passes the URL's; this one is checked
        return super().get_context_data(**kwargs)


class TeEvaluerenView(EvaluatieMixin, TemplateView):
    """The awarded kansrijke tenders with a theme applied, evaluated or not, per year."""

    template_name = "evaluatie/aanbestedingen.html"
    kruimel = gettext_lazy("Evaluaties van aanbestedingen")

    def get_context_data(self, **kwargs):
        # ?jaar= from step 7 shows that year's tenders; else all of them.
        jaar = jaar_uit_verzoek(self.request, self.actieplan, None)
        rijen = selectors.te_evalueren_list(actieplan=self.actieplan, jaar=jaar)
        # 50 a page: a large organisation awards thousands a year; counted in the database.
        pagina = pagineren(self.request, rijen)
        telling = selectors.tender_evaluaties_telling(actieplan=self.actieplan, jaar=jaar)
        return super().get_context_data(
            jaar=jaar,
            aanbestedingen=pagina.object_list,
            pagina=pagina,
            query=query_zonder(self.request, "pagina"),
            ontbrekend=telling["totaal"] - telling["klaar"],
            **kwargs,
        )


class TenderEvaluatieView(EvaluatieMixin, TemplateView):
    template_name = "evaluatie/tender.html"

    def kruimel_tussen(self):
        return [(_("Evaluaties van aanbestedingen"), self.lijst_url())]

    def get_kruimel(self):
        return str(self.aanbesteding)

    @cached_property
    def aanbesteding(self):
        return selectors.aanbesteding_get(actieplan=self.actieplan, pk=self.kwargs["aanbesteding"])

    def formulieren(self, data=None):
        evaluatie = selectors.tender_evaluatie_get(aanbesteding=self.aanbesteding)
        bestaand = {e.thema_id: e for e in evaluatie.effecten.all()} if evaluatie else {}
        forms = [
            ThemaEffectForm(
                data,
                instance=bestaand.get(toepassing.thema_id),
                toepassing=toepassing,
                prefix=toepassing.thema.slug,
            )
            for toepassing in selectors.toegepaste_themas(aanbesteding=self.aanbesteding)
        ]
        rijen = [evaluatie] if evaluatie else []
        return evaluatie, forms, VersieForm(data, versie=versie_van(rijen))

    def mag_bewerken(self) -> bool:
        return rules.mag_tender_evalueren(
            self.request.user, self.request.organisatie, self.aanbesteding
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            aanbesteding=self.aanbesteding,
            te_evalueren=services.te_evalueren(self.aanbesteding),
            mag_bewerken=self.mag_bewerken(),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        evaluatie, forms, versieform = self.formulieren()
        return self.render_to_response(
            self.get_context_data(evaluatie=evaluatie, forms=forms, versieform=versieform)
        )

    def post(self, request, *args, **kwargs):
        if not self.mag_bewerken():
            raise PermissionDenied
        evaluatie, forms, versieform = self.formulieren(request.POST)
        context = {"evaluatie": evaluatie, "forms": forms, "versieform": versieform}
        geldig = [f.is_valid() for f in forms] + [versieform.is_valid()]  # all: every error
        if not all(geldig):
            return self.render_to_response(self.get_context_data(**context))
        try:
            services.tender_evaluatie_opslaan(
                aanbesteding=self.aanbesteding,
                effecten={f.thema: f.cleaned_data for f in forms},
                door=request.user,
                versie=versieform.cleaned_data["versie"],
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.tender_evaluatie_get(aanbesteding=self.aanbesteding)
            per_thema = {e.thema_id: e for e in opgeslagen.effecten.all()} if opgeslagen else {}
            for f in forms:
                effect = per_thema.get(f.thema.pk)
                waarden = (
                    {veld: getattr(effect, veld) for veld in services.EFFECTVELDEN}
                    if effect
                    else {}
                )
                conflict.verschillen += verschillen(f, waarden, onderwerp=f.onderwerp)
            nieuwe_versie_geven(conflict, versieform)
            return self.render_to_response(self.get_context_data(conflict=conflict, **context))
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(fouten=fout.messages, **context))
        messages.success(
            request, _("De evaluatie van %(naam)s is opgeslagen.") % {"naam": self.aanbesteding}
        )
        return redirect(self.lijst_url())


class JaarevaluatieView(PlanjaarMixin, TemplateView):
    """Step 7's answers for one plan year, next to the computed figures."""

    bewerkpagina = True

    template_name = "evaluatie/jaarevaluatie_form.html"
    permission_required = "evaluatie.bewerk_jaarevaluatie"

    def get_kruimel(self):
        return _("Evaluatie %(jaar)s invullen") % {"jaar": self.jaar}

    def form(self, data=None) -> JaarevaluatieForm:
        return JaarevaluatieForm(
            data,
            instance=selectors.jaarevaluatie_get(actieplan=self.actieplan, jaar=self.jaar),
            doelen=selectors.niet_gemeten_doelen(actieplan=self.actieplan, jaar=self.jaar),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.jaarevaluatie_opslaan(
                actieplan=self.actieplan,
                jaar=self.jaar,
                gerealiseerd=form.gerealiseerd(),
                **form.antwoorden(),
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.jaarevaluatie_get(actieplan=self.actieplan, jaar=self.jaar)
            conflict_uitleggen(conflict, form, opgeslagen)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as fout:  # e.g. a goal of step 3 changed meanwhile
            return self.render_to_response(self.get_context_data(form=form, fouten=fout.messages))
        messages.success(
            request, _("De evaluatie van %(jaar)s is opgeslagen.") % {"jaar": self.jaar}
        )
        return redirect(
            reverse("actieplan:stap", args=[self.actieplan.pk, "evaluatie"]) + f"?jaar={self.jaar}"
        )


class VolgendJaarView(PlanjaarMixin, TemplateView):
    """Close this year and prepare the next from it: per tender not started and per
    unfinished action a choice (with defaults), then a preview of exactly what confirming
    does (the real run, undone), then all of it in one transaction. Nothing typed is lost
    between the steps: the preview carries the choices, "Keuzes aanpassen" brings them
    back."""

    bewerkpagina = True

    permission_required = "evaluatie.volgend_jaar_voorbereiden"
    template_name = "evaluatie/volgend_jaar.html"

    def get_kruimel(self):
        return _("%(jaar)s voorbereiden") % {"jaar": self.jaar + 1}

    @cached_property
    def lijst(self) -> dict:
        return services.mee_te_nemen_rijen(actieplan=self.actieplan, jaar=self.jaar)

    def get_form(self, data=None) -> VoorbereidingForm:
        bron = data if data is not None else self.request.GET
        paginas = {"a": bron.get("pagina_a", 1), "b": bron.get("pagina_b", 1)}
        naar = bron.get("naar", "")  # a page button: "a2" is the tenders' page 2
        if naar[:1] in paginas:
            paginas[naar[:1]] = naar[1:]
        return VoorbereidingForm(
            data,
            lijst=self.lijst,
            naar=self.jaar + 1,
            pagina_a=paginas["a"],
            pagina_b=paginas["b"],
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            naar=self.jaar + 1,
            binnen_periode=self.jaar + 1 <= self.actieplan.eindjaar,
            afsluitbaar=services.afsluitbaar(self.jaar),
            lijst=self.lijst,
            afsluiting=actieplan_selectors.jaarafsluiting_get(
                actieplan=self.actieplan, jaar=self.jaar
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        # Another page of rows keeps every choice made and changes nothing yet.
        stap = "aanpassen" if request.POST.get("naar") else request.POST.get("stap", "bekijken")
        if stap == "aanpassen" or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        aanbestedingen, acties = form.keuzes()
        try:
            uitkomst = services.volgend_jaar_voorbereiden(
                actieplan=self.actieplan,
                jaar=self.jaar,
                door=request.user,
                aanbestedingen=aanbestedingen,
                acties=acties,
                standaard_kwartaal=form.cleaned_data["standaard_kwartaal"],
                proef=stap != "bevestigen",
            )
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(form=form, fouten=fout.messages))
        if stap != "bevestigen":
            resultaten = uitkomst.afsluiting.resultaten
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    voorbeeld=uitkomst,
                    vastgelegd=kalender_selectors.Voortgang.uit_json(
                        jaar=self.jaar,
                        gegevens=resultaten["voortgang"],
                        vastgelegd_op=uitkomst.afsluiting.vastgelegd_op,
                    )
                    if "voortgang" in resultaten
                    else None,
                )
            )
        if not uitkomst.veranderd:
            messages.info(request, _("Er was niets meer mee te nemen; er is niets veranderd."))
        else:
            A, B = services.AanbestedingKeuze, services.ActieKeuze
            messages.success(
                request,
                _(
                    "%(jaar)s is afgesloten en %(naar)s is voorbereid: %(verplaatst)s "
                    "aanbestedingen naar %(naar)s, %(afgerond)s als gestart of gegund, "
                    "%(vervallen)s vervallen; %(voortgezet)s acties voortgezet, %(klaar)s "
                    "gereed, %(gestopt)s vervallen. Loop stap 1 tot en met 3 na voor de "
                    "jaarlijkse herziening."
                )
                % {
                    "jaar": self.jaar,
                    "naar": self.jaar + 1,
                    "verplaatst": len(uitkomst.aanbestedingen[A.VERPLAATSEN]),
                    "afgerond": len(uitkomst.aanbestedingen[A.GESTART])
                    + len(uitkomst.aanbestedingen[A.GEGUND]),
                    "vervallen": len(uitkomst.aanbestedingen[A.VERVALT]),
                    "voortgezet": len(uitkomst.acties[B.VOORTZETTEN]),
                    "klaar": len(uitkomst.acties[B.GEREED]),
                    "gestopt": len(uitkomst.acties[B.VERVALT]),
                },
            )
        return redirect(
            reverse("actieplan:stap", args=[self.actieplan.pk, "jaarplanning"])
            + f"?jaar={self.jaar + 1}"
        )


class BesluitView(PlanjaarMixin, TemplateView):
    """Record a decision of the year's evaluation (nothing changes until it is applied)."""

    bewerkpagina = True

    permission_required = "evaluatie.bewerk_jaarevaluatie"
    template_name = "evaluatie/besluit_form.html"

    def get_kruimel(self):
        return _("Besluit vastleggen")

    def form(self, data=None) -> BesluitForm:
        return BesluitForm(
            data, doelen=actieplan_selectors.meetbare_doelen(actieplan=self.actieplan)
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.besluit_vastleggen(
                    actieplan=self.actieplan, jaar=self.jaar, door=request.user, **form.velden()
                )
            except ValidationError as fout:
                for veld, fouten in fout.error_dict.items():
                    veld = "doel" if veld in ("doelsoort", "doeljaar") else veld
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                messages.success(
                    request,
                    _("Het besluit is vastgelegd. De coördinator past het toe in stap 2 of 3."),
                )
                return redirect(self.stap_url())
        return self.render_to_response(self.get_context_data(form=form))

    def stap_url(self) -> str:
        return (
            reverse("actieplan:stap", args=[self.actieplan.pk, "evaluatie"]) + f"?jaar={self.jaar}"
        )


class BesluitToepassenView(EvaluatieMixin, TemplateView):
    """The coördinator applies a recorded decision: first what it changes, then confirm.
    It changes step 2 or 3, so it waits while a version is under review."""

    bewerkpagina = True
    wacht_op_besluit = True

    permission_required = "evaluatie.besluit_toepassen"
    template_name = "evaluatie/besluit_toepassen.html"

    def get_kruimel(self):
        return _("Besluit toepassen")

    @cached_property
    def besluit(self):
        return selectors.besluit_get(actieplan=self.actieplan, pk=self.kwargs["besluit"])

    def get_context_data(self, **kwargs):
        kwargs["besluit"] = self.besluit  # TemplateView passes the URL's id in too
        kwargs["huidig"] = selectors.besluit_huidig(self.besluit)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.besluit_toepassen(besluit=self.besluit, door=request.user)
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(fouten=fout.messages))
        messages.success(
            request, _("Het besluit is toegepast: %(besluit)s.") % {"besluit": self.besluit}
        )
        slug = "themas" if self.besluit.soort == "ambitie" else "ambities-doelen"
        return redirect("actieplan:stap", self.actieplan.pk, slug)
