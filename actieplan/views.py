from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, ListView, TemplateView, View

from basis.sessie import invoer_bewaren
from basis.versies import Bewerkingsconflict, conflict_uitleggen, versie_van
from organisaties.context_processors import OrganisatiePermissies
from organisaties.mixins import OrganisatieMixin

from . import geschiedenis, overname, selectors, services
from .forms import ActieplanForm, GeschiedenisPeriodeForm, NieuwActieplanForm
from .overname import overnames
from .planonderdelen import planonderdelen
from .stappen import STAPPEN, STAPPEN_OP_SLUG, register, vorige_en_volgende
from .taken import takenbronnen


class StartView(OrganisatieMixin, ListView):
    """The start page: the organisation's action plans."""

    permission_required = "actieplan.view_actieplan"
    template_name = "actieplan/start.html"
    context_object_name = "actieplannen"

    def get_queryset(self):
        return selectors.actieplan_list(organisatie=self.request.organisatie)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # "Mijn taken": every registered source, a constant number of queries each.
        context["taken"] = takenbronnen.voor(
            user=self.request.user,
            organisatie=self.request.organisatie,
            plannen=list(context["actieplannen"]),
        )
        return context


class ActieplanCreateView(OrganisatieMixin, FormView):
    """A new plan: empty, or from an earlier plan with the parts chosen; then first a
    preview of what is taken over (the choices kept in the form), then the plan."""

    permission_required = "actieplan.add_actieplan"
    template_name = "actieplan/actieplan_nieuw.html"
    form_class = NieuwActieplanForm

    def get_initial(self):
        vorig = selectors.actieplan_list(organisatie=self.request.organisatie).first()
        if vorig is None:
            jaar = timezone.localdate().year
            return {"titel": _("Actieplan MVOI"), "startjaar": jaar, "eindjaar": jaar + 3}
        duur = vorig.eindjaar - vorig.startjaar
        return {
            "titel": vorig.titel,
            "startjaar": vorig.eindjaar + 1,
            "eindjaar": vorig.eindjaar + 1 + duur,
            "samenhang": vorig.samenhang,
            "vorig": vorig.pk,
            "delen": [sleutel for sleutel, _label in overnames.keuzes()],
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisatie": self.request.organisatie}

    def form_valid(self, form):
        gegevens = dict(form.cleaned_data)
        gegevens.pop("versie", None)  # a new plan has no version to check
        vorig, delen = gegevens.pop("vorig"), gegevens.pop("delen")
        stap = self.request.POST.get("stap", "bevestigen" if not vorig else "bekijken")
        if stap == "aanpassen":
            return self.render_to_response(self.get_context_data(form=form))
        if vorig and stap != "bevestigen":
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    vorig=vorig,
                    voorbeeld=overname.voorbeeld(
                        vorig=vorig, startjaar=gegevens["startjaar"], delen=delen
                    ),
                )
            )
        try:
            if vorig:
                plan, _aantallen = services.actieplan_voortzetten(
                    organisatie=self.request.organisatie, vorig=vorig, delen=delen, **gegevens
                )
            else:
                plan = services.actieplan_aanmaken(organisatie=self.request.organisatie, **gegevens)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if vorig:
            messages.success(
                self.request,
                _("Het actieplan is aangemaakt, met wat u overnam uit %(vorig)s.")
                % {"vorig": vorig},
            )
        else:
            messages.success(self.request, _("Het actieplan is aangemaakt."))
        return redirect("actieplan:detail", pk=plan.pk)


class AlleenLezen(OrganisatiePermissies):
    """`mag` on the pages of a plan whose strategy waits (ActieplanMixin.wacht): the
    permissions to read, to submit and to approve stay; every other permission of the
    plan's apps reads False, so no such page offers a change. (Managing members is not
    part of a plan and stays.)"""

    BLIJVEN = {"actieplan.dien_in", "actieplan.keur_goed", "actieplan.leg_vast"}

    def __getitem__(self, app: str):
        rechten = super().__getitem__(app)
        if app == "organisaties":
            return rechten

        class Lezen:
            def __getitem__(self, naam: str) -> bool:
                if naam.startswith(("view_", "bekijk_")) or f"{app}.{naam}" in AlleenLezen.BLIJVEN:
                    return rechten[naam]
                return False

        return Lezen()


class ActieplanMixin(OrganisatieMixin):
    """Loads `self.actieplan` from the URL, within the active organisation (else 404), and
    gives every page inside a plan its breadcrumb and the step indicator
    (`includes/plan_kop.html`): `stap_slug` is the step the page belongs to (marked in the
    indicator), `kruimel` the page's own name in the breadcrumb (None on the step page or
    the plan page itself), `kruimel_tussen()` the pages between the step and this one."""

    permission_required = "actieplan.view_actieplan"
    stap_slug: str | None = None
    kruimel: str | None = None

    def get_kruimel(self) -> str | None:
        return self.kruimel

    def kruimel_tussen(self) -> list[tuple[str, str]]:
        return []

    def kruimels(self, stap) -> list[tuple[str, str | None]]:
        """(label, link) from the plans to this page; the last one is this page (no link)."""
        plan = self.actieplan
        kruimels = [
            (_("Actieplannen"), reverse("actieplan:start")),
            (f"{plan.titel} {plan.periode}", reverse("actieplan:detail", args=[plan.pk])),
        ]
        if stap is not None:
            kruimels.append(
                (
                    _("Stap %(nummer)s. %(titel)s") % {"nummer": stap.nummer, "titel": stap.titel},
                    reverse("actieplan:stap", args=[plan.pk, stap.slug]),
                )
            )
        kruimels += self.kruimel_tussen()
        huidig = self.get_kruimel()
        if huidig:
            kruimels.append((huidig, None))
        else:
            kruimels[-1] = (kruimels[-1][0], None)
        return kruimels

    # Every POST inside a plan changes it. While a version is under review or being frozen
    # (`Actieplan.vergrendeld`), the plan's strategy waits: its title and period and steps
    # 1–3 (ADR 0005). The pages of the yearly work (steps 4–7) set `wacht_op_besluit`
    # False: the calendar, the planning and the evaluation go on. The approval pages set
    # `wijzigt_plan` False.
    wijzigt_plan = True
    wacht_op_besluit = True
    # A page that is only a form to change the plan: while its part waits, its GET shows
    # the same data read-only, with the reason, instead of a form that could not be saved.
    bewerkpagina = False

    def wacht(self) -> bool:
        return self.wacht_op_besluit and self.actieplan.vergrendeld

    def dispatch(self, request, *args, **kwargs):
        if request.organisatie is not None:
            self.actieplan = selectors.actieplan_get(
                organisatie=request.organisatie, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def weigering(self, request):
        if request.method == "GET" and self.bewerkpagina and self.wacht():
            messages.info(
                request,
                _(
                    "Deze pagina is nu alleen te lezen: stap 1 tot en met 3 en de titel en "
                    "periode van het plan wachten op het besluit van het management."
                ),
            )
            return redirect(self.alleen_lezen_url())
        if request.method != "POST" or not self.wijzigt_plan:
            return None
        # Read under the plan's row lock, held until the request's transaction ends
        # (ATOMIC_REQUESTS): a submission waits for any change in progress and so keeps it
        # in both its snapshot and its document, and a change of the strategy that comes
        # after the submission sees the status and stops.
        self.actieplan.status = selectors.status_voor_wijziging(actieplan=self.actieplan)
        if self.wacht():
            return self.vergrendeld_antwoord(request)
        return None

    def alleen_lezen_url(self) -> str:
        """Where this page's data can be read while it waits: its step's page, which
        shows it read-only, or the plan's page."""
        if self.stap_slug:
            return reverse("actieplan:stap", args=[self.actieplan.pk, self.stap_slug])
        return reverse("actieplan:detail", args=[self.actieplan.pk])

    def vergrendeld_antwoord(self, request):
        # What was typed is kept: this form, opened again once the plan may change, has it.
        bewaard = request.method == "POST" and invoer_bewaren(request, user_id=request.user.pk)
        return render(
            request,
            "actieplan/vergrendeld.html",
            {
                "actieplan": self.actieplan,
                "invoer_bewaard": bewaard,
                **planonderdelen.vergrendeld(self.actieplan),
            },
            status=409,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("stap", STAPPEN_OP_SLUG.get(self.stap_slug or ""))
        if self.actieplan.vergrendeld:
            kwargs.update(planonderdelen.vergrendeld(self.actieplan))
        if self.wacht():
            # Nothing on the page offers a change the server would refuse.
            kwargs["mag"] = AlleenLezen(self.request)
        return super().get_context_data(
            actieplan=self.actieplan,
            stappen=STAPPEN,
            stappen_compleet=register.compleet(self.actieplan, jaar=self.actieplan.lopend_jaar),
            kruimels=self.kruimels(kwargs["stap"]),
            **kwargs,
        )


class HerzieningAfrondenView(ActieplanMixin, View):
    """POST only: the coördinator marks the yearly review of steps 1–3 as done."""

    permission_required = "actieplan.change_actieplan"

    def post(self, request, *args, **kwargs):
        try:
            services.herziening_afronden(
                actieplan=self.actieplan, versie=request.POST.get("versie") or None
            )
        except Bewerkingsconflict:
            messages.error(request, _("Iemand anders heeft het plan intussen gewijzigd."))
        else:
            messages.success(request, _("De jaarlijkse herziening van stap 1–3 is afgerond."))
        return redirect("actieplan:detail", pk=self.actieplan.pk)


class NulmetingVragenView(ActieplanMixin, View):
    """POST only: the coördinator asks the advisors who have not answered every theme to
    fill in the nulmeting (an e-mail each, sent by the worker)."""

    permission_required = "actieplan.change_actieplan"

    def post(self, request, *args, **kwargs):
        aantal = services.nulmeting_vragen(actieplan=self.actieplan, door=request.user)
        if aantal:
            messages.success(
                request,
                ngettext(
                    "%(aantal)s inkoopadviseur is gevraagd de nulmeting in te vullen.",
                    "%(aantal)s inkoopadviseurs zijn gevraagd de nulmeting in te vullen.",
                    aantal,
                )
                % {"aantal": aantal},
            )
        else:
            messages.info(request, _("Alle inkoopadviseurs hebben de nulmeting al ingevuld."))
        return redirect("actieplan:stap", pk=self.actieplan.pk, stap="nulmeting")


class ActieplanUpdateView(ActieplanMixin, FormView):
    permission_required = "actieplan.change_actieplan"
    bewerkpagina = True
    kruimel = gettext_lazy("Titel en periode wijzigen")
    template_name = "actieplan/actieplan_form.html"
    form_class = ActieplanForm

    def get_initial(self):
        plan = self.actieplan
        return {
            "titel": plan.titel,
            "startjaar": plan.startjaar,
            "eindjaar": plan.eindjaar,
            "samenhang": plan.samenhang,
        }

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

    def get_context_data(self, **kwargs):
        kwargs.update(planonderdelen.plan_pagina(self.request, self.actieplan))
        return super().get_context_data(**kwargs)


class StapView(ActieplanMixin, TemplateView):
    """The page of one of the seven steps: its title and purpose, and what the step's own
    app shows (the step register); for a yearly step about the current plan year."""

    def get(self, request, *args, **kwargs):
        self.stap = STAPPEN_OP_SLUG.get(kwargs["stap"])
        if self.stap is None:
            raise Http404(_("Deze stap bestaat niet."))
        self.inhoud = register.inhoud(self.stap)
        self.wacht_op_besluit = not self.stap.jaarlijks  # steps 4–7 go on under review
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.inhoud.template]

    def get_context_data(self, **kwargs):
        vorige, volgende = vorige_en_volgende(self.stap)
        jaar = self.actieplan.lopend_jaar
        if self.stap.jaarlijks and self.actieplan.periode_voorbij:
            # A finished plan opens where its work was, not on an empty last year.
            jaar = self.inhoud.laatste_jaar(self.actieplan) or jaar
        kwargs.update(stap=self.stap, vorige=vorige, volgende=volgende, jaar=jaar)
        kwargs.update(self.inhoud.pagina(self.request, self.actieplan, jaar=jaar))
        return super().get_context_data(**kwargs)


class GeschiedenisView(ActieplanMixin, TemplateView):
    """Who changed what in the plan, when, from what to what; by step and by person."""

    permission_required = "actieplan.bekijk_geschiedenis"
    template_name = "actieplan/geschiedenis.html"
    kruimel = gettext_lazy("Geschiedenis")

    def get_context_data(self, **kwargs):
        stap = self.request.GET.get("stap") or None
        if stap not in STAPPEN_OP_SLUG:
            stap = None
        try:
            persoon = int(self.request.GET.get("persoon", ""))
        except ValueError:
            persoon = None
        leden = selectors.leden_van(organisatie=self.request.organisatie)
        if persoon not in {lid.pk for lid in leden}:
            persoon = None
        periode = GeschiedenisPeriodeForm(self.request.GET or None)
        van, tot = periode.periode()
        try:
            pagina = max(1, min(int(self.request.GET.get("pagina", 1)), geschiedenis.MAX_PAGINA))
        except ValueError:
            pagina = 1
        wijzigingen, heeft_meer = geschiedenis.wijzigingen(
            actieplan=self.actieplan,
            stap_slug=stap,
            user_id=persoon,
            van=van,
            tot=tot,
            pagina=pagina,
        )
        filters = self.request.GET.copy()
        filters.pop("pagina", None)
        return super().get_context_data(
            wijzigingen=wijzigingen,
            pagina=pagina,
            nieuwer=pagina - 1 if pagina > 1 else None,
            ouder=pagina + 1 if heeft_meer and pagina < geschiedenis.MAX_PAGINA else None,
            filters=filters.urlencode(),
            periodeform=periode,
            gekozen_stap=stap,
            gekozen_persoon=persoon,
            leden=leden,
            per_pagina=geschiedenis.PER_PAGINA,
            **kwargs,
        )
