from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basis.formulieren import helper_zonder_overzicht
from basis.getallen import BedragField, GetalField
from basis.versies import VersieFormMixin
from themes.models import Ambitieniveau, Doelsoort, Thema

from . import services
from .models import Actieplan, ActieplanThema, MeetbaarDoel, NulmetingAntwoord
from .overname import overnames


class ActieplanForm(VersieFormMixin, forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    startjaar = forms.IntegerField(label=_("Startjaar"), min_value=2000, max_value=2100)
    eindjaar = forms.IntegerField(
        label=_("Eindjaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("Het laatste jaar van de planperiode, bijvoorbeeld 2027 bij 2024–2027."),
    )
    samenhang = forms.CharField(
        label=_("Samenhang met andere programma's"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=Actieplan._meta.get_field("samenhang").help_text,
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", submit_label or _("Opslaan")))


class NieuwActieplanForm(ActieplanForm):
    """A new plan, empty or from an earlier plan of the organisation with the parts chosen
    (actieplan/overname.py)."""

    vorig = forms.ModelChoiceField(
        label=_("Beginnen vanuit"),
        queryset=Actieplan.objects.none(),
        required=False,
        empty_label=_("Leeg beginnen"),
        help_text=_("Neem delen over uit een eerder actieplan, zodat u niet alles opnieuw typt."),
    )
    delen = forms.MultipleChoiceField(
        label=_("Wat neemt u over?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vorig"].queryset = Actieplan.objects.filter(organisatie=organisatie)
        self.fields["delen"].choices = overnames.keuzes()
        self.helper = None  # laid out by the template (the preview step)

    def clean(self):
        data = super().clean()
        if data.get("vorig") and not data.get("delen"):
            self.add_error("delen", _("Kies wat u overneemt, of begin leeg."))
        return data


class NiveauField(forms.ModelChoiceField):
    """Choose one of the five levels, each with its meaning beside the choice."""

    def __init__(self, *, met_betekenis: bool = True, **kwargs):
        self.met_betekenis = met_betekenis
        kwargs.setdefault("widget", forms.RadioSelect if met_betekenis else forms.Select)
        kwargs.setdefault("empty_label", _("Nog niet gekozen"))
        super().__init__(queryset=Ambitieniveau.objects.order_by("nummer"), **kwargs)

    def label_from_instance(self, obj: Ambitieniveau) -> str:
        if self.met_betekenis:
            return f"{obj.nummer}. {obj.naam} – {obj.betekenis}"
        return f"{obj.nummer}. {obj.naam}"


def _tekstvak(rijen: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rijen})


class NulmetingAntwoordForm(VersieFormMixin, forms.ModelForm):
    """An advisor's answer for one theme. Every field may stay empty: it saves as a draft."""

    niveau = NiveauField(required=False, label=_("Op welk niveau staat de organisatie nu?"))

    class Meta:
        model = NulmetingAntwoord
        fields = [
            "niveau",
            "onderbouwing",
            "bestaande_ambities",
            "beleidsdocumenten",
            "aantal_interviews",
            "aantal_werksessies",
        ]
        labels = {
            "onderbouwing": _("Waaruit blijkt dat? (onderbouwing)"),
            "bestaande_ambities": _("Welke ambities, doelen en activiteiten zijn er al?"),
            "beleidsdocumenten": _("Welke beleidsdocumenten heeft u gebruikt?"),
        }
        widgets = {
            "onderbouwing": _tekstvak(4),
            "bestaande_ambities": _tekstvak(5),
            "beleidsdocumenten": _tekstvak(2),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class NulmetingVaststellenForm(VersieFormMixin, forms.ModelForm):
    huidig_niveau = NiveauField(required=False, label=_("Vastgesteld huidig niveau"))

    class Meta:
        model = ActieplanThema
        fields = ["huidig_niveau", "nulmeting_samenvatting"]
        labels = {"nulmeting_samenvatting": _("Samenvatting van de nulmeting voor dit thema")}
        widgets = {"nulmeting_samenvatting": _tekstvak(5)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("vaststellen", _("Niveau en samenvatting opslaan")))


class ThemakeuzeForm(forms.ModelForm):
    """Focus or not, with the rationale, for one theme (one form per theme on the page)."""

    class Meta:
        model = ActieplanThema
        fields = ["focus", "onderbouwing", "doorlopend"]
        labels = {"focus": _("Dit is een focusthema")}
        widgets = {"onderbouwing": _tekstvak(4), "doorlopend": _tekstvak(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_zonder_overzicht()

    @property
    def onderwerp(self) -> str:
        return self.instance.thema.korte_naam


class AmbitieForm(forms.ModelForm):
    """The ambition for one theme; the current level is shown, not typed again."""

    ambitie_niveau = NiveauField(
        required=False, met_betekenis=False, label=_("Ambitie aan het eind van de planperiode")
    )

    class Meta:
        model = ActieplanThema
        fields = ["ambitie_niveau", "voorbehoud", "toelichting_ambitie"]
        labels = {"voorbehoud": _("Voorbehoud")}
        widgets = {"voorbehoud": _tekstvak(2), "toelichting_ambitie": _tekstvak(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_zonder_overzicht()

    @property
    def onderwerp(self) -> str:
        return self.instance.thema.korte_naam

    def _post_clean(self):
        super()._post_clean()  # copies the cleaned data onto the instance
        try:
            services.ambitie_valideren(rij=self.instance)
        except ValidationError as fout:
            self.add_error(None, fout)


class MeetbaarDoelForm(forms.Form):
    soort = forms.ModelChoiceField(
        queryset=Doelsoort.objects.order_by("volgorde", "naam"),
        label=_("Soort doel"),
        empty_label=None,
    )
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    streefwaarde = GetalField(
        label=_("Streefwaarde"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Een percentage, een aantal of tonnen CO₂, naar de soort doel."),
        error_messages={"min_value": _("Een streefwaarde is 0 of meer.")},
    )
    drempel = BedragField(
        label=_("Drempelwaarde (€)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Alleen bij social return vanaf een opdrachtwaarde, zoals 100.000."),
        error_messages={"min_value": _("Een drempelwaarde is 0 of meer.")},
    )

    def __init__(self, *args, actieplan: Actieplan, standaard_soort: Doelsoort | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_zonder_overzicht()
        self.actieplan = actieplan
        # A blank extra row keeps the preselected kind: it counts as unchanged, so skipped.
        self.fields["soort"].initial = standaard_soort

    def clean(self):
        data = super().clean()
        if not self.errors:
            # The model's rules (year inside or after the plan period) decide.
            velden = {k: v for k, v in data.items() if k != "DELETE"}
            MeetbaarDoel(actieplan=self.actieplan, **velden).full_clean(
                exclude=["actieplan"], validate_constraints=False
            )
        return data


class RijenFormSet(forms.BaseFormSet):
    """A formset whose filled-in, not deleted rows are saved as a whole."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.onderwerp = _("Doel %(nummer)s") % {"nummer": i + 1}
        # A drop-down's options are read once for all rows, not once per row: the page's
        # queries stay the same however many goals there are.
        if not hasattr(self, "_keuzes"):
            self._keuzes = {}
        for naam, veld in form.fields.items():
            if isinstance(veld, forms.ModelChoiceField):
                if naam not in self._keuzes:
                    self._keuzes[naam] = list(veld.choices)
                veld.choices = self._keuzes[naam]
        if not hasattr(form, "helper"):
            form.helper = helper_zonder_overzicht()
        return form

    def rijen(self) -> list[dict]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class BaseMeetbareDoelenFormSet(RijenFormSet):
    def clean(self):
        if any(self.errors):
            return
        # The service's rule (one target per kind and year), told at the row's own year.
        gezien = set()
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            sleutel = (data["soort"].pk, data["jaar"])
            if sleutel in gezien:
                form.add_error(
                    "jaar",
                    _("Voor %(jaar)s staat dit soort doel er al. Eén doel per jaar.")
                    % {"jaar": data["jaar"]},
                )
            gezien.add(sleutel)
        if not any(self.errors):
            services.meetbare_doelen_valideren(doelen=self.rijen())


# Empty rows under the saved goals, and again with each "add rows": three goals are typed
# in one go, without JavaScript.
LEGE_RIJEN = 3

MeetbareDoelenFormSet = forms.formset_factory(
    MeetbaarDoelForm, formset=BaseMeetbareDoelenFormSet, extra=LEGE_RIJEN, can_delete=True
)


class TekstDoelForm(forms.Form):
    thema = forms.ModelChoiceField(
        queryset=Thema.objects.order_by("volgorde"),
        required=False,
        label=_("Thema"),
        empty_label=_("Meerdere thema's / algemeen"),
    )
    tekst = forms.CharField(label=_("Doel"), widget=_tekstvak(2))


TekstdoelenFormSet = forms.formset_factory(
    TekstDoelForm, formset=RijenFormSet, extra=LEGE_RIJEN, can_delete=True
)


class GeschiedenisPeriodeForm(forms.Form):
    """The history page's period: the days (inclusive) changes were made on."""

    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("‘Tot en met’ ligt vóór ‘van’."))
        return data

    def periode(self):
        if not self.is_bound or not self.is_valid():
            return None, None
        return self.cleaned_data.get("van"), self.cleaned_data.get("tot")
