from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from actieplan.views import ActieplanMixin
from basis.kwartalen import Kwartaal, kwartalen_van_jaar
from basis.paginering import pagineren, query_zonder
from basis.transacties import lezen_als_een_geheel
from basis.versies import (
    Bewerkingsconflict,
    Verschil,
    conflict_uitleggen,
    nieuwe_versie_geven,
    verschillen,
    versie_van,
)
from themes.models import Thema

from . import bestanden, importeren, selectors, services
from .forms import (
    AanbestedingForm,
    ImportForm,
    KalenderFilterForm,
    KwartaaloverlegForm,
    UitstellenForm,
    als_keuze,
    toepassing_forms,
)
from .importstappen import UploadStap, VoorbeeldStap
from .models import Aanbesteding, Importbestand
from .resources import AanbestedingResource


class KalenderMixin(ActieplanMixin):
    permission_required = "aanbestedingskalender.view_aanbesteding"
    stap_slug = "aanbestedingskalender"
    wacht_op_besluit = False  # the calendar goes on while a version is under review

    def kruimel_tussen(self):
        return [(_("Kalender"), self.kalender_url())]

    def kalender_url(self) -> str:
        return reverse("aanbestedingskalender:kalender", args=[self.actieplan.pk])


class KalenderView(KalenderMixin, TemplateView):
    """One row per tender (a card on a phone) with its start quarter as a compact marker,
    value, themes, owner and status; totals per quarter and per theme below. Three
    queries for the rows, whatever their number."""

    template_name = "aanbestedingskalender/kalender.html"
    kruimel = gettext_lazy("Kalender")

    def kruimel_tussen(self):
        return []

    def get_context_data(self, **kwargs):
        standaard_jaar = selectors.standaardjaar(actieplan=self.actieplan)
        form = KalenderFilterForm(
            self.request.GET or None,
            actieplan=self.actieplan,
            standaard_jaar=standaard_jaar,
        )
        filters = form.filters()
        jaar = filters["jaar"]  # None: the whole plan period, a column per quarter
        if jaar:
            kwartalen, periode = kwartalen_van_jaar(jaar), str(jaar)
        else:
            jaren = selectors.kalenderjaren(actieplan=self.actieplan)
            kwartalen = [k for j in jaren for k in kwartalen_van_jaar(j)]
            periode = f"{jaren[0]}–{jaren[-1]}"
        aanbestedingen = selectors.aanbesteding_list(actieplan=self.actieplan, filters=filters)
        totalen = selectors.waardetotalen(actieplan=self.actieplan, aanbestedingen=aanbestedingen)
        pagina = pagineren(self.request, aanbestedingen)
        zonder_pagina = self.request.GET.copy()
        zonder_pagina.pop("pagina", None)
        if "jaar" not in zonder_pagina:
            # Sorting or paging keeps the year shown (the current one by default), not the
            # whole period an empty "jaar" means.
            zonder_pagina["jaar"] = jaar or ""
        zonder_sortering = zonder_pagina.copy()
        zonder_sortering.pop("sorteer", None)
        return super().get_context_data(
            filterform=form,
            jaar=jaar,
            periode=periode,
            kwartalen=kwartalen,
            # (label, sum) per quarter: "K2" in a year, "K2 2026" over the whole period.
            kolomtotalen=[
                (f"K{k.kwartaal}" if jaar else str(k), totalen.per_kwartaal.get(k))
                for k in kwartalen
            ],
            aanbestedingen=pagina.object_list,
            pagina=pagina,
            sortering=filters.get("sorteer") or "start",
            query_zonder_pagina=zonder_pagina.urlencode(),
            query_zonder_sortering=zonder_sortering.urlencode(),
            totalen=totalen,
            voortgang=selectors.voortgang(actieplan=self.actieplan, jaar=jaar) if jaar else None,
            querystring=self.request.GET.urlencode(),
            periode_voorbij_jaar=(
                standaard_jaar
                if self.actieplan.periode_voorbij and jaar == standaard_jaar
                else None
            ),
            **kwargs,
        )


class AanbestedingFormulierView(KalenderMixin, TemplateView):
    bewerkpagina = True
    permission_required = "aanbestedingskalender.bewerk_aanbestedingen"
    template_name = "aanbestedingskalender/aanbesteding_form.html"
    aanbesteding = None

    def get_kruimel(self):
        return str(self.aanbesteding) if self.aanbesteding else _("Aanbesteding toevoegen")

    def formulieren(self, data=None):
        themas = list(Thema.objects.order_by("volgorde"))
        form = AanbestedingForm(data, instance=self.aanbesteding, actieplan=self.actieplan)
        return form, toepassing_forms(data=data, themas=themas, aanbesteding=self.aanbesteding)

    def get(self, request, *args, **kwargs):
        form, toepassingen = self.formulieren()
        return self.render_to_response(self.get_context_data(form=form, toepassingen=toepassingen))

    def post(self, request, *args, **kwargs):
        form, toepassingen = self.formulieren(request.POST)
        geldig = [f.is_valid() for f in (form, *toepassingen)]  # all, so all errors show
        fouten = []
        if all(geldig) and not _uitleg_gevraagd(form, toepassingen):
            velden = dict(form.cleaned_data)
            versie = velden.pop("versie", None)
            try:
                aanbesteding = services.aanbesteding_opslaan(
                    actieplan=self.actieplan,
                    aanbesteding=self.aanbesteding,
                    velden=velden,
                    toepassingen={
                        f.thema: f.toepassing() for f in toepassingen if f.toepassing() is not None
                    },
                    door=request.user,
                    versie=versie if self.aanbesteding else None,
                )
            except Bewerkingsconflict as conflict:
                opgeslagen = selectors.aanbesteding_get(
                    actieplan=self.actieplan, pk=self.aanbesteding.pk
                )
                conflict_uitleggen(conflict, form, opgeslagen)
                per_thema = {t.thema_id: t for t in opgeslagen.toepassingen.all()}
                for f in toepassingen:
                    conflict.verschillen += verschillen(
                        f,
                        _toepassing_waarden(per_thema.get(f.thema.pk)),
                        onderwerp=f.thema.korte_naam,
                    )
                return self.render_to_response(
                    self.get_context_data(form=form, toepassingen=toepassingen, conflict=conflict)
                )
            except ValidationError as fout:
                if hasattr(fout, "error_dict"):
                    form.add_error(None, fout)
                else:
                    fouten = fout.messages
            else:
                messages.success(request, _("%(naam)s is opgeslagen.") % {"naam": aanbesteding})
                return redirect(self.kalender_url() + f"?jaar={aanbesteding.startjaar}")
        return self.render_to_response(
            self.get_context_data(form=form, toepassingen=toepassingen, fouten=fouten)
        )


def _uitleg_gevraagd(form, toepassingen) -> bool:
    """Pas toe of leg uit, told at each theme's explanation field so the error summary links
    to it. (The service holds the rule; this repeats it for the friendlier message.)"""
    if form.cleaned_data.get("status") not in Aanbesteding.BESLIST:
        return False
    gevraagd = False
    for f in toepassingen:
        gegevens = f.toepassing()
        if gegevens and not gegevens["toegepast"] and not gegevens.get("uitleg", "").strip():
            f.add_error(
                "uitleg",
                _(
                    "Leg uit waarom %(thema)s niet is toegepast: verplicht zodra de "
                    "aanbesteding gepubliceerd of gegund is (pas toe of leg uit)."
                )
                % {"thema": f.thema.korte_naam},
            )
            gevraagd = True
    return gevraagd


def _toepassing_waarden(toepassing) -> dict:
    """A stored theme application as its form's fields (for the conflict's differences)."""
    if toepassing is None:
        return {"toepasbaar": False, "toegepast": False, "vorm": "", "criteria_niveau": ""}
    return {
        "toepasbaar": True,
        "toegepast": toepassing.toegepast,
        "vorm": toepassing.vorm,
        "criteria_niveau": toepassing.criteria_niveau,
        "uitleg": toepassing.uitleg,
    }


class AanbestedingCreateView(AanbestedingFormulierView):
    pass


class AanbestedingMixin(KalenderMixin):
    """Loads the tender from the URL, within the plan (itself within the organisation)."""

    @cached_property
    def aanbesteding(self):
        return selectors.aanbesteding_get(actieplan=self.actieplan, pk=self.kwargs["aanbesteding"])

    def get_context_data(self, **kwargs):
        # TemplateView passes the URL's arguments in too: the objects replace the ids.
        kwargs.update(
            aanbesteding=self.aanbesteding,
            verplaatsingen=selectors.verplaatsingen(aanbesteding=self.aanbesteding),
        )
        return super().get_context_data(**kwargs)


class AanbestedingUpdateView(AanbestedingMixin, AanbestedingFormulierView):
    pass


class AanbestedingView(AanbestedingMixin, TemplateView):
    """A tender read-only, for everyone who may read the calendar (management, the
    coördinator): its details, its themes and how they were applied, and every move of its
    start quarter. Those who may edit it open the form, which shows the same."""

    template_name = "aanbestedingskalender/aanbesteding.html"
    wijzigt_plan = False

    def get_kruimel(self):
        return str(self.aanbesteding)


class AanbestedingUitstellenView(AanbestedingMixin, FormView):
    bewerkpagina = True
    permission_required = "aanbestedingskalender.bewerk_aanbestedingen"
    template_name = "aanbestedingskalender/uitstellen.html"

    def get_kruimel(self):
        return _("%(naam)s uitstellen") % {"naam": self.aanbesteding}

    form_class = UitstellenForm

    def get_initial(self):
        volgende = self.aanbesteding.start + 1
        return {"naar_jaar": volgende.jaar, "naar_kwartaal": volgende.kwartaal}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versie": versie_van([self.aanbesteding])}

    def form_valid(self, form):
        try:
            services.aanbesteding_verplaatsen(
                aanbesteding=self.aanbesteding,
                naar=form.kwartaal(),
                reden=form.cleaned_data["reden"],
                door=self.request.user,
                versie=form.cleaned_data["versie"],
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.aanbesteding_get(
                actieplan=self.actieplan, pk=self.aanbesteding.pk
            )
            conflict.verschillen.append(
                Verschil(
                    onderwerp=str(opgeslagen),
                    veld=_("Start"),
                    opgeslagen=f"{opgeslagen.start} ({opgeslagen.get_status_display()})",
                    uw_invoer=str(form.kwartaal()),
                )
            )
            nieuwe_versie_geven(conflict, form)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as fout:
            for veld, meldingen in fout.message_dict.items():
                form.add_error({"naar": "naar_jaar"}.get(veld, veld), meldingen)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(naam)s is uitgesteld naar %(kwartaal)s.")
            % {"naam": self.aanbesteding, "kwartaal": form.kwartaal()},
        )
        return redirect(self.kalender_url() + f"?jaar={form.kwartaal().jaar}")


class AanbestedingVerwijderenView(AanbestedingMixin, TemplateView):
    bewerkpagina = True
    permission_required = "aanbestedingskalender.bewerk_aanbestedingen"
    template_name = "aanbestedingskalender/verwijderen.html"

    def get_kruimel(self):
        return _("%(naam)s verwijderen") % {"naam": self.aanbesteding}

    def post(self, request, *args, **kwargs):
        naam = str(self.aanbesteding)
        services.aanbesteding_verwijderen(aanbesteding=self.aanbesteding)
        messages.success(request, _("%(naam)s is verwijderd.") % {"naam": naam})
        return redirect(self.kalender_url())


class KwartaalView(KalenderMixin, TemplateView):
    """The quarterly meeting of the MVOI team: what starts, the deviations to discuss, the
    year's progress against its goal, and the notes and decisions of the meeting."""

    permission_required_post = "aanbestedingskalender.bewerk_kwartaaloverleg"
    template_name = "aanbestedingskalender/kwartaal.html"

    def get_kruimel(self):
        return _("Kwartaaloverleg %(kwartaal)s") % {"kwartaal": self.get_kwartaal()}

    def get_kwartaal(self) -> Kwartaal:
        try:
            return Kwartaal(self.kwargs["jaar"], self.kwargs["kwartaal"])
        except ValueError:
            raise Http404(_("Dit kwartaal bestaat niet.")) from None

    def get_context_data(self, **kwargs):
        kwartaal = self.get_kwartaal()
        overleg = selectors.kwartaaloverleg_get(actieplan=self.actieplan, kwartaal=kwartaal)
        kwargs.setdefault("form", KwartaaloverlegForm(instance=overleg))
        # 50 a page, as the calendar: a large organisation starts hundreds in a quarter.
        pagina = pagineren(
            self.request,
            selectors.aanbesteding_list(
                actieplan=self.actieplan, filters={"jaar": kwartaal.jaar}
            ).filter(startkwartaal=kwartaal.kwartaal),
        )
        # The deviations page on their own (?afwijkingen=): each list keeps the other's page.
        afwijkingen = pagineren(
            self.request,
            selectors.afwijkingen(actieplan=self.actieplan, tot_en_met=kwartaal),
            parameter="afwijkingen",
        )
        kwargs.update(
            kwartaal=kwartaal,
            # Only quarters of the plan period: the meetings are about its calendar.
            vorige=kwartaal + -1 if (kwartaal + -1).jaar in self.actieplan.jaren else None,
            volgende=kwartaal + 1 if (kwartaal + 1).jaar in self.actieplan.jaren else None,
            startend=pagina.object_list,
            pagina=pagina,
            afwijkingen=afwijkingen.object_list,
            afwijkingen_pagina=afwijkingen,
            query_startend=query_zonder(self.request, "pagina"),
            query_afwijkingen=query_zonder(self.request, "afwijkingen"),
            verschuivingen=selectors.verschuivingen(actieplan=self.actieplan, kwartaal=kwartaal),
            voortgang=selectors.voortgang(actieplan=self.actieplan, jaar=kwartaal.jaar),
            eerdere_overleggen=selectors.kwartaaloverleg_list(
                actieplan=self.actieplan, behalve=kwartaal
            ),
            mag_verslag=self.request.user.has_perm(
                "aanbestedingskalender.bewerk_kwartaaloverleg", self.request.organisatie
            ),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        kwartaal = self.get_kwartaal()
        overleg = selectors.kwartaaloverleg_get(actieplan=self.actieplan, kwartaal=kwartaal)
        form = KwartaaloverlegForm(request.POST, instance=overleg)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.kwartaaloverleg_opslaan(
                actieplan=self.actieplan, kwartaal=kwartaal, **form.cleaned_data
            )
        except Bewerkingsconflict as conflict:
            opgeslagen = selectors.kwartaaloverleg_get(actieplan=self.actieplan, kwartaal=kwartaal)
            conflict_uitleggen(conflict, form, opgeslagen)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        messages.success(
            request, _("Het verslag van %(kwartaal)s is opgeslagen.") % {"kwartaal": kwartaal}
        )
        return redirect(request.path)


class KwartaalStartView(KalenderMixin, TemplateView):
    """The current quarter's meeting (or the plan's first, outside the period)."""

    def get(self, request, *args, **kwargs):
        vandaag = Kwartaal.van_datum(timezone.localdate())
        if not self.actieplan.startjaar <= vandaag.jaar <= self.actieplan.eindjaar:
            vandaag = Kwartaal(self.actieplan.startjaar, 1)
        return redirect(
            "aanbestedingskalender:kwartaal", self.actieplan.pk, vandaag.jaar, vandaag.kwartaal
        )


class ExportView(KalenderMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("formaat", "xlsx")
        if formaat not in bestanden.FORMATEN:
            raise Http404(_("Onbekend formaat."))
        form = KalenderFilterForm(
            request.GET, actieplan=self.actieplan, standaard_jaar=self.actieplan.lopend_jaar
        )
        # Without a (valid) year in the query the whole calendar is exported.
        filters = form.cleaned_data if form.is_valid() else {}
        resource = AanbestedingResource(actieplan=self.actieplan)
        rijen = selectors.aanbesteding_list(actieplan=self.actieplan, filters=filters)
        velden = resource.get_export_fields()
        naam = f"aanbestedingskalender-{self.actieplan.startjaar}-{self.actieplan.eindjaar}"

        def waarden():
            # Sent after the view's own transaction: the rows are read in one of their own,
            # one snapshot of the data (widths and rows agree; a server-side cursor lives in
            # it), 500 tenders at a time with their theme rows, written and sent as they
            # come: the first bytes leave at once, memory stays flat.
            with transaction.atomic():
                lezen_als_een_geheel()
                yield selectors.kolombreedtes(rijen=rijen, velden=velden)
                for aanbesteding in rijen.iterator(chunk_size=500):
                    yield [resource.export_field(veld, aanbesteding) for veld in velden]
                    # Its theme rows point back at it: without this cycle each chunk is
                    # freed at once, not at the garbage collector's next full pass.
                    aanbesteding.__dict__.pop("_prefetched_objects_cache", None)

        rijen_en_breedtes = waarden()
        return bestanden.stroom_antwoord(
            resource.get_export_headers(), rijen_en_breedtes, formaat, naam
        )


class ZoekenView(KalenderMixin, View):
    """The plan's tenders that fit what is typed (?q=), as suggestions for a field that
    picks one (`forms.AanbestedingVeld`): JSON, at most 20, within the plan."""

    def get(self, request, *args, **kwargs):
        gevonden = selectors.aanbesteding_zoeken(
            actieplan=self.actieplan, tekst=request.GET.get("q", "")[:200]
        )
        return JsonResponse({"voorstellen": [als_keuze(a) for a in gevonden]})


class SjabloonView(KalenderMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        resource = AanbestedingResource(actieplan=self.actieplan)
        leeg = resource.export(resource.get_queryset().none())
        return bestanden.antwoord(
            bestanden.exporteren(leeg, "xlsx", uitleg=bestanden.sjabloon_uitleg()),
            "xlsx",
            "sjabloon-aanbestedingskalender",
        )


class ImportView(UploadStap, KalenderMixin, FormView):
    permission_required = "aanbestedingskalender.bewerk_aanbestedingen"
    template_name = "aanbestedingskalender/import.html"
    kruimel = gettext_lazy("Importeren")
    form_class = ImportForm
    voorbeeld_url_naam = "aanbestedingskalender:import_voorbeeld"

    def opslaan(self, *, bestandsnaam, inhoud):
        return importeren.importbestand_opslaan(
            actieplan=self.actieplan,
            door=self.request.user,
            bestandsnaam=bestandsnaam,
            inhoud=inhoud,
        )


class ImportVoorbeeldView(VoorbeeldStap, KalenderMixin, TemplateView):
    permission_required = "aanbestedingskalender.bewerk_aanbestedingen"
    template_name = "aanbestedingskalender/import_voorbeeld.html"

    def get_upload(self) -> Importbestand:
        return selectors.importbestand_get(
            actieplan=self.actieplan, user=self.request.user, pk=self.kwargs["upload"]
        )

    def controle(self, upload):
        return importeren.importbestand_controle(upload=upload)

    def importeren(self, upload):
        return importeren.kalender_importeren(
            actieplan=self.actieplan,
            inhoud=bytes(upload.inhoud),
            bestandsnaam=upload.bestandsnaam,
            door=self.request.user,
            verwacht=importeren.importbestand_controle(upload=upload).versies,
            gelezen=importeren.gelezen_van(upload),
        )

    def opnieuw_controleren(self, upload):
        upload.controle = importeren.kalender_controleren(
            actieplan=self.actieplan,
            inhoud=bytes(upload.inhoud),
            bestandsnaam=upload.bestandsnaam,
            door=self.request.user,
            gelezen=importeren.gelezen_van(upload),
        ).als_json()
        upload.save(update_fields=["controle"])

    def opnieuw_url(self):
        return reverse("aanbestedingskalender:import", args=[self.actieplan.pk])

    def klaar_url(self):
        return self.kalender_url()
