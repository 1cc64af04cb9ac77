from django import forms
from django.utils.translation import gettext_lazy as _

from basis.formulieren import helper_zonder_overzicht
from basis.getallen import BedragField, GetalField
from basis.versies import VersieFormMixin
from themes.models import Ambitieniveau, Thema

from .models import (
    ANTWOORDVELDEN,
    HULPVRAGEN,
    NIVEAUNAMEN,
    NIVEAUS,
    VRAAGTEKSTEN,
    VRAGEN,
    Besluit,
    Jaarevaluatie,
    ThemaEffect,
)
from .services import EFFECTVELDEN, AanbestedingKeuze, ActieKeuze, Keuze


class ThemaEffectForm(forms.ModelForm):
    """One applied theme of a tender: how it went, and its effect figures."""

    class Meta:
        model = ThemaEffect
        fields = list(EFFECTVELDEN)
        field_classes = {
            "co2_vermeden_ton": GetalField,
            "sroi_euro": BedragField,
            "sroi_percentage": GetalField,
            "circulair_percentage": GetalField,
            "overig_waarde": GetalField,
        }
        widgets = {
            "markt": forms.Textarea(attrs={"rows": 2}),
            "lessen": forms.Textarea(attrs={"rows": 2}),
            "gewerkt": forms.RadioSelect,
        }
        help_texts = {
            "co2_vermeden_ton": _("Bijvoorbeeld 12,5."),
            "sroi_euro": _("Bijvoorbeeld € 45.000."),
        }

    def __init__(self, *args, toepassing, **kwargs):
        super().__init__(*args, **kwargs)
        self.toepassing = toepassing
        self.thema = toepassing.thema
        self.onderwerp = toepassing.thema.korte_naam  # the error summary's prefix
        self.fields["gewerkt"].choices = ThemaEffect.Gewerkt.choices
        self.fields["gewerkt"].required = False
        self.helper = helper_zonder_overzicht()

    def clean(self):
        data = super().clean()
        if data.get("overig_waarde") is not None and not data.get("overig_eenheid", "").strip():
            self.add_error("overig_eenheid", _("Geef bij een ander effect ook de eenheid."))
        return data


class JaarevaluatieForm(VersieFormMixin, forms.ModelForm):
    """The yearly evaluation's nine answers and the decisions. The page groups the fields
    per level, with the reference's guiding questions as each field's help."""

    class Meta:
        model = Jaarevaluatie
        fields = [*ANTWOORDVELDEN, "besluiten"]
        widgets = {
            veld: forms.Textarea(attrs={"rows": 4}) for veld in [*ANTWOORDVELDEN, "besluiten"]
        }

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The year's goals the calendar cannot measure (e.g. circular pilots): their
        # achieved figure is recorded here, at the evaluation.
        self.doelvelden = []
        for doel in doelen:
            naam = f"doel_{doel.pk}"
            self.fields[naam] = GetalField(
                label=doel.soort.naam,
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                initial=doel.gerealiseerd,
                help_text=_("Het doel was %(doel)s.") % {"doel": doel.streefwaarde_tekst},
            )
            self.doelvelden.append((doel, naam))
        for niveau in NIVEAUS:
            for vraag in VRAGEN:
                veld = self.fields[f"{niveau}_{vraag}"]
                veld.label = VRAAGTEKSTEN[vraag]
                veld.help_text = " ".join(str(h) for h in HULPVRAGEN[(niveau, vraag)])
        self.helper = helper_zonder_overzicht()

    def gerealiseerd(self) -> dict:
        """{goal: achieved figure or None} for the goal fields that were on the posted page
        and changed: a page opened before step 3's goals were saved again (new goals, new
        fields) never empties a figure it did not show."""
        return {
            doel: self.cleaned_data.get(naam)
            for doel, naam in self.doelvelden
            if self.add_prefix(naam) in self.data
            and self.cleaned_data.get(naam) != doel.gerealiseerd
        }

    def antwoorden(self) -> dict:
        """The evaluation's own fields (answers, decisions, version) from cleaned_data."""
        namen = {naam for _doel, naam in self.doelvelden}
        return {k: v for k, v in self.cleaned_data.items() if k not in namen}

    def doelen_velden(self) -> list:
        return [self[naam] for _doel, naam in self.doelvelden]

    def per_niveau(self) -> list[tuple[str, list]]:
        """[(level name, [bound field, …]), …] for the template's fieldsets."""
        return [
            (NIVEAUNAMEN[niveau], [self[f"{niveau}_{vraag}"] for vraag in VRAGEN])
            for niveau in NIVEAUS
        ]


class BesluitForm(forms.Form):
    """A decision of the evaluation: an ambition or a goal to change, and why."""

    soort = forms.ChoiceField(
        label=_("Wat bijstellen?"), choices=Besluit.Soort.choices, widget=forms.RadioSelect
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Thema.objects.order_by("volgorde"),
        required=False,
        empty_label=_("Kies een thema"),
        help_text=_("Nodig bij een ambitie."),
    )
    ambitieniveau = forms.ModelChoiceField(
        label=_("Nieuwe ambitie"),
        queryset=Ambitieniveau.objects.order_by("nummer"),
        required=False,
        empty_label=_("Kies een niveau"),
        help_text=_("Nodig bij een ambitie."),
    )
    doel = forms.ChoiceField(
        label=_("Doel"), required=False, help_text=_("Nodig bij een meetbaar doel.")
    )
    streefwaarde = GetalField(
        label=_("Nieuwe streefwaarde"),
        required=False,
        help_text=_("Nodig bij een meetbaar doel."),
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    toelichting = forms.CharField(label=_("Waarom"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = {f"{doel.soort_id}|{doel.jaar}": doel for doel in doelen}
        self.fields["doel"].choices = [("", _("Kies een doel"))] + [
            (sleutel, f"{doel.soort.naam} {doel.jaar} ({doel.streefwaarde_tekst})")
            for sleutel, doel in self.doelen.items()
        ]
        self.helper = helper_zonder_overzicht()

    def velden(self) -> dict:
        """The decision's fields for the service."""
        data = self.cleaned_data
        doel = self.doelen.get(data.get("doel") or "")
        if data["soort"] == Besluit.Soort.AMBITIE:
            return {
                "soort": data["soort"],
                "thema": data.get("thema"),
                "ambitieniveau": data.get("ambitieniveau"),
                "toelichting": data["toelichting"],
            }
        return {
            "soort": data["soort"],
            "doelsoort": doel.soort if doel else None,
            "doeljaar": doel.jaar if doel else None,
            "streefwaarde": data.get("streefwaarde"),
            "toelichting": data["toelichting"],
        }


class VoorbereidingForm(forms.Form):
    """Preparing the next year: per tender not started and per unfinished action of the
    closing year what becomes of it, with sensible defaults (move on to the first quarter,
    continue). Fields per item: `a<pk>_keuze`/`_kwartaal`/`_reden` for tenders, `b<pk>_…`
    for actions; `rijen()` gives them per item for the template."""

    def __init__(self, *args, lijst: dict, naar: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.naar = naar
        self._items = []
        kwartalen = [(k, f"K{k} {naar}") for k in range(1, 5)]
        for soort, items, keuzes, standaard in (
            ("a", lijst["aanbestedingen"], AanbestedingKeuze, AanbestedingKeuze.VERPLAATSEN),
            ("b", lijst["acties"], ActieKeuze, ActieKeuze.VOORTZETTEN),
        ):
            for item in items:
                p = f"{soort}{item.pk}"
                self.fields[f"{p}_keuze"] = forms.ChoiceField(
                    label=_("Wat gebeurt ermee?"),
                    choices=keuzes.choices,
                    initial=standaard,
                    widget=forms.RadioSelect,
                )
                self.fields[f"{p}_kwartaal"] = forms.TypedChoiceField(
                    label=_("Start in"), choices=kwartalen, coerce=int, initial=1
                )
                self.fields[f"{p}_reden"] = forms.CharField(
                    label=_("Reden"),
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text=_("Nodig als het vervalt; anders mag het leeg blijven."),
                )
                self._items.append((soort, item, p))

    def clean(self):
        data = super().clean()
        for soort, item, p in self._items:
            if data.get(f"{p}_keuze") == "vervalt" and not data.get(f"{p}_reden", "").strip():
                self.add_error(
                    f"{p}_reden",
                    _("Geef de reden waarom %(naam)s vervalt.")
                    % {"naam": item.naam if soort == "a" else item.titel},
                )
        return data

    def rijen(self, soort: str) -> list[dict]:
        return [
            {
                "item": item,
                "keuze": self[f"{p}_keuze"],
                "kwartaal": self[f"{p}_kwartaal"],
                "reden": self[f"{p}_reden"],
            }
            for s, item, p in self._items
            if s == soort
        ]

    def aanbestedingen(self):
        return self.rijen("a")

    def acties(self):
        return self.rijen("b")

    def keuzes(self) -> tuple[dict, dict]:
        """The choices for the service: {pk: Keuze} for tenders and for actions."""
        uit = {"a": {}, "b": {}}
        for soort, item, p in self._items:
            uit[soort][item.pk] = Keuze(
                keuze=self.cleaned_data[f"{p}_keuze"],
                kwartaal=self.cleaned_data[f"{p}_kwartaal"],
                reden=self.cleaned_data[f"{p}_reden"],
            )
        return uit["a"], uit["b"]
