"""The forms of steps 1–3: the nulmeting, the choice of themes, ambitions and goals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from basis.versies import (
    Bewerkingsconflict,
    Verschil,
    VersieForm,
    conflict_uitleggen,
    nieuwe_versie_geven,
    versie_van,
)
from themes.selectors import ambitieniveau_list, standaard_doelsoort, volgend_thema

from . import selectors, services
from .forms import (
    AmbitieForm,
    MeetbareDoelenFormSet,
    NulmetingAntwoordForm,
    NulmetingVaststellenForm,
    TekstdoelenFormSet,
    ThemakeuzeForm,
)
from .models import MeetbaarDoel
from .views import ActieplanMixin


def _stap_url(actieplan, slug: str) -> str:
    return reverse("actieplan:stap", args=[actieplan.pk, slug])


# --- Step 1 -----------------------------------------------------------------------------


class MijnNulmetingView(ActieplanMixin, TemplateView):
    """The advisor's own nulmeting: the six themes, which are done, and the progress."""

    permission_required = "actieplan.vul_nulmeting_in"
    template_name = "actieplan/nulmeting_mijn.html"
    stap_slug = "nulmeting"
    kruimel = gettext_lazy("Mijn nulmeting")

    def get_context_data(self, **kwargs):
        antwoorden = selectors.nulmeting_antwoorden_van(
            actieplan=self.actieplan, user=self.request.user
        )
        return super().get_context_data(
            antwoorden=antwoorden,
            klaar=sum(antwoord.compleet for antwoord in antwoorden),
            **kwargs,
        )


class NulmetingThemaMixin(ActieplanMixin):
    def dispatch(self, request, *args, **kwargs):
        self.thema = selectors.thema_get(slug=kwargs["thema"])
        return super().dispatch(request, *args, **kwargs)


class NulmetingAntwoordView(NulmetingThemaMixin, TemplateView):
    """An advisor fills in one theme. Saving keeps a draft; nothing is required."""

    bewerkpagina = True

    permission_required = "actieplan.vul_nulmeting_in"
    template_name = "actieplan/nulmeting_antwoord.html"
    stap_slug = "nulmeting"

    def kruimel_tussen(self):
        return [
            (_("Mijn nulmeting"), reverse("actieplan:nulmeting_mijn", args=[self.actieplan.pk]))
        ]

    def get_kruimel(self):
        return self.thema.korte_naam

    def get_antwoord(self):
        return selectors.nulmeting_antwoord_get(
            actieplan=self.actieplan, user=self.request.user, thema=self.thema
        )

    def get(self, request, *args, **kwargs):
        form = NulmetingAntwoordForm(instance=self.get_antwoord())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = NulmetingAntwoordForm(request.POST, instance=self.get_antwoord())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=200)
        try:
            services.nulmeting_antwoord_opslaan(
                actieplan=self.actieplan, user=request.user, thema=self.thema, **form.cleaned_data
            )
        except Bewerkingsconflict as conflict:
            conflict_uitleggen(conflict, form, self.get_antwoord())
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        messages.success(
            request,
            _("Uw antwoord voor %(thema)s is opgeslagen.") % {"thema": self.thema.korte_naam},
        )
        volgende = self.volgende_thema()
        if "volgende" in request.POST and volgende:
            return redirect("actieplan:nulmeting_antwoord", self.actieplan.pk, volgende.slug)
        return redirect("actieplan:nulmeting_mijn", self.actieplan.pk)

    def volgende_thema(self):
        return volgend_thema(thema=self.thema)

    def get_context_data(self, **kwargs):
        return super().get_context_data(thema=self.thema, volgende=self.volgende_thema(), **kwargs)


class NulmetingThemaView(NulmetingThemaMixin, TemplateView):
    """All advisors' answers for one theme side by side, with the spread of their levels;
    the MVOI team records the agreed level and summary. Management reads."""

    permission_required = "actieplan.bekijk_nulmeting_antwoorden"
    permission_required_post = "actieplan.bewerk_inhoud"
    template_name = "actieplan/nulmeting_thema.html"
    stap_slug = "nulmeting"

    def get_kruimel(self):
        return _("Nulmeting %(thema)s") % {"thema": self.thema.korte_naam}

    def get_rij(self):
        return selectors.actieplan_thema_get(actieplan=self.actieplan, thema=self.thema)

    def get(self, request, *args, **kwargs):
        form = NulmetingVaststellenForm(instance=self.get_rij())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = NulmetingVaststellenForm(request.POST, instance=self.get_rij())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.nulmeting_vaststellen(
                actieplan=self.actieplan, thema=self.thema, **form.cleaned_data
            )
        except Bewerkingsconflict as conflict:
            conflict_uitleggen(conflict, form, self.get_rij())
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        messages.success(
            request,
            _("Het vastgestelde niveau voor %(thema)s is opgeslagen.")
            % {"thema": self.thema.korte_naam},
        )
        return redirect(_stap_url(self.actieplan, "nulmeting"))

    def get_context_data(self, **kwargs):
        antwoorden, spreiding = selectors.nulmeting_vergelijking(
            actieplan=self.actieplan, thema=self.thema
        )
        return super().get_context_data(
            thema=self.thema,
            antwoorden=antwoorden,
            spreiding=spreiding,
            niveaus=list(zip(ambitieniveau_list(), spreiding.per_niveau, strict=True)),
            mag_bewerken=not self.wacht()
            and self.request.user.has_perm("actieplan.bewerk_inhoud", self.request.organisatie),
            **kwargs,
        )


# --- Step 2 -----------------------------------------------------------------------------


class PerThemaFormulierView(ActieplanMixin, TemplateView):
    """One form per theme on one page, saved together by one service call."""

    bewerkpagina = True

    permission_required = "actieplan.bewerk_inhoud"
    form_class = None
    stap = "themas"

    def get_forms(self, data=None):
        rijen = selectors.actieplan_thema_list(actieplan=self.actieplan)
        forms = [self.form_class(data, instance=rij, prefix=rij.thema.slug) for rij in rijen]
        return forms, VersieForm(data, versie=versie_van(rijen))

    def get(self, request, *args, **kwargs):
        forms, versieform = self.get_forms()
        return self.render_to_response(self.get_context_data(forms=forms, versieform=versieform))

    def post(self, request, *args, **kwargs):
        forms, versieform = self.get_forms(request.POST)
        geldig = [form.is_valid() for form in (*forms, versieform)]  # all, so all errors show
        for melding in versieform.errors.get("versie", []):
            messages.error(request, melding)
        context = {"forms": forms, "versieform": versieform}
        if all(geldig):
            gegevens = {form.instance.thema: form.cleaned_data for form in forms}
            try:
                self.opslaan(gegevens, versie=versieform.cleaned_data["versie"])
            except Bewerkingsconflict as conflict:
                opgeslagen = selectors.actieplan_thema_list(actieplan=self.actieplan)
                for form, rij in zip(forms, opgeslagen, strict=True):
                    conflict_uitleggen(
                        conflict, form, rij, onderwerp=rij.thema.korte_naam, versieform=versieform
                    )
                return self.render_to_response(self.get_context_data(conflict=conflict, **context))
            except ValidationError as fout:
                return self.render_to_response(
                    self.get_context_data(fouten=fout.messages, **context)
                )
            messages.success(request, self.melding)
            return redirect(_stap_url(self.actieplan, self.stap))
        return self.render_to_response(self.get_context_data(**context))


class ThemakeuzeView(PerThemaFormulierView):
    template_name = "actieplan/themakeuze.html"
    stap_slug = "themas"
    kruimel = gettext_lazy("Focusthema's kiezen")
    form_class = ThemakeuzeForm
    melding = gettext_lazy("De keuze van de thema's is opgeslagen.")

    def opslaan(self, gegevens, *, versie):
        services.themakeuze_opslaan(actieplan=self.actieplan, keuzes=gegevens, versie=versie)


class AmbitiesView(PerThemaFormulierView):
    template_name = "actieplan/ambities.html"
    stap_slug = "themas"
    kruimel = gettext_lazy("Ambities vastleggen")
    form_class = AmbitieForm
    melding = gettext_lazy("De ambities zijn opgeslagen.")

    def opslaan(self, gegevens, *, versie):
        services.ambities_opslaan(actieplan=self.actieplan, ambities=gegevens, versie=versie)


# --- Step 3 -----------------------------------------------------------------------------


class DoelenView(ActieplanMixin, TemplateView):
    """A list of goals edited as rows (a formset) and saved as a whole by one service."""

    bewerkpagina = True

    permission_required = "actieplan.bewerk_inhoud"
    template_name = "actieplan/doelen_form.html"
    stap_slug = "ambities-doelen"

    def get_kruimel(self):
        return self.titel

    def get(self, request, *args, **kwargs):
        opgeslagen = self.opgeslagen()
        return self.render_to_response(
            self.get_context_data(
                formset=self.get_formset(opgeslagen=opgeslagen),
                versieform=VersieForm(versie=versie_van(opgeslagen)),
            )
        )

    def post(self, request, *args, **kwargs):
        if "rij_toevoegen" in request.POST:
            return self.rij_toevoegen(request)
        formset = self.get_formset(request.POST)
        versieform = VersieForm(request.POST)
        context = {"formset": formset, "versieform": versieform}
        if not versieform.is_valid():
            for melding in versieform.errors.get("versie", []):
                messages.error(request, melding)
        if not (formset.is_valid() and versieform.is_valid()):
            return self.render_to_response(self.get_context_data(**context))
        try:
            self.opslaan(formset.rijen(), versie=versieform.cleaned_data["versie"])
        except Bewerkingsconflict as conflict:
            conflict.verschillen.append(
                Verschil(
                    onderwerp="",
                    veld=str(self.titel),
                    opgeslagen="\n".join(self.als_tekst(self.opgeslagen())) or "–",
                    uw_invoer="\n".join(self.als_tekst(formset.rijen())) or "–",
                )
            )
            nieuwe_versie_geven(conflict, versieform)
            return self.render_to_response(self.get_context_data(conflict=conflict, **context))
        messages.success(request, self.melding)
        return redirect(_stap_url(self.actieplan, "ambities-doelen"))

    def rij_toevoegen(self, request):
        """ "Add rows" without JavaScript: the page again with what was typed (rows marked
        for removal left out) and three empty rows under it. Nothing is checked or saved
        yet."""
        prefix = self.get_formset().prefix
        try:
            aantal = min(int(request.POST.get(f"{prefix}-TOTAL_FORMS", 0)), 100)
        except ValueError:
            aantal = 0
        rijen = []
        for index in range(aantal):
            if request.POST.get(f"{prefix}-{index}-DELETE"):
                continue
            rij = {
                veld: request.POST.get(f"{prefix}-{index}-{veld}", "") for veld in self.rijvelden
            }
            if any(rij[veld].strip() for veld in self.kernvelden):  # not a blank row
                rijen.append(rij)
        return self.render_to_response(
            self.get_context_data(
                formset=self.get_formset(initial=rijen),
                versieform=VersieForm(request.POST),
            )
        )


class MeetbareDoelenView(DoelenView):
    titel = gettext_lazy("Meetbare doelen")
    melding = gettext_lazy("De meetbare doelen zijn opgeslagen.")

    def opgeslagen(self):
        return selectors.meetbare_doelen(actieplan=self.actieplan)

    @staticmethod
    def als_tekst(doelen) -> list[str]:
        return [
            str(doel) if isinstance(doel, MeetbaarDoel) else str(MeetbaarDoel(**doel))
            for doel in doelen
        ]

    rijvelden = ("soort", "jaar", "streefwaarde", "drempel")
    kernvelden = ("jaar", "streefwaarde")
    toevoegen = gettext_lazy("Meer rijen")

    def get_formset(self, data=None, *, opgeslagen=None, initial=None):
        if initial is None:
            initial = [
                {
                    "soort": doel.soort,
                    "jaar": doel.jaar,
                    "streefwaarde": doel.streefwaarde,
                    "drempel": doel.drempel,
                }
                for doel in (self.opgeslagen() if opgeslagen is None else opgeslagen)
            ]
        return MeetbareDoelenFormSet(
            data,
            initial=initial,
            prefix="doel",
            form_kwargs={"actieplan": self.actieplan, "standaard_soort": standaard_doelsoort()},
        )

    def opslaan(self, rijen, *, versie):
        services.meetbare_doelen_opslaan(actieplan=self.actieplan, doelen=rijen, versie=versie)

    def get_context_data(self, **kwargs):
        uitleg = _(
            "Eén doel per jaar en soort, in of na de planperiode %(start)s–%(eind)s. Een jaar "
            "na de planperiode is een doel op de lange termijn (bijvoorbeeld 100%% in 2030). "
            "Lege rijen worden overgeslagen."
        ) % {"start": self.actieplan.startjaar, "eind": self.actieplan.eindjaar}
        return super().get_context_data(titel=self.titel, uitleg=uitleg, **kwargs)


class TekstdoelenView(DoelenView):
    titel = gettext_lazy("Doelen in woorden")
    melding = gettext_lazy("De doelen in woorden zijn opgeslagen.")

    def opgeslagen(self):
        return selectors.tekstdoelen(actieplan=self.actieplan)

    @staticmethod
    def als_tekst(doelen) -> list[str]:
        regels = []
        for doel in doelen:
            thema, tekst = (
                (doel["thema"], doel["tekst"])
                if isinstance(doel, dict)
                else (
                    doel.thema,
                    doel.tekst,
                )
            )
            regels.append(f"{thema.korte_naam}: {tekst}" if thema else tekst)
        return regels

    rijvelden = ("thema", "tekst")
    kernvelden = ("tekst",)
    toevoegen = gettext_lazy("Meer rijen")

    def get_formset(self, data=None, *, opgeslagen=None, initial=None):
        if initial is None:
            initial = [
                {"thema": doel.thema, "tekst": doel.tekst}
                for doel in (self.opgeslagen() if opgeslagen is None else opgeslagen)
            ]
        return TekstdoelenFormSet(data, initial=initial, prefix="tekstdoel")

    def opslaan(self, rijen, *, versie):
        services.tekstdoelen_opslaan(actieplan=self.actieplan, doelen=rijen, versie=versie)

    def get_context_data(self, **kwargs):
        uitleg = _(
            "Beschrijf per thema, of voor meerdere thema's samen, wat u aan het eind van de "
            "planperiode bereikt wilt hebben. Bijvoorbeeld: In 2027 hebben we Klimaat, Circulair "
            "en Milieu geborgd in onze inkoopfunctie. Lege rijen worden overgeslagen."
        )
        return super().get_context_data(titel=self.titel, uitleg=uitleg, **kwargs)
