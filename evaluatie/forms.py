from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
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


# Rows of a kind shown at a time when preparing the next year: a large organisation has
# thousands of tenders not started, and most simply move on.
PER_PAGINA = 50


@dataclass
class Keuzerij:
    """One tender or action on the preparation page, with what was chosen (or the
    defaults) and the errors of its fields, for a row written by hand in the template."""

    soort: str  # "a" tender, "b" action
    item: object
    prefix: str
    keuze: str
    kwartaal: str
    reden: str
    fouten: dict = field(default_factory=dict)


class VoorbereidingForm(forms.Form):
    """Preparing the next year: per tender not started and per unfinished action of the
    closing year what becomes of it. Most move on: tenders to the quarter chosen for all
    (`standaard_kwartaal`), actions continue. The page shows PER_PAGINA of each kind at a
    time (`pagina_a`/`pagina_b`); a row gets fields only when it is on the page or was
    sent (a choice made on another page travels along, hidden), so the page costs the
    same for 30 tenders as for 3,000. Fields per item: `a<pk>_keuze`/`_kwartaal`/
    `_reden` for tenders, `b<pk>_…` for actions; an empty quarter means the one for all."""

    standaard_kwartaal = forms.TypedChoiceField(
        coerce=int, initial=1, choices=(), required=False, empty_value=1
    )

    def __init__(self, *args, lijst: dict, naar: int, pagina_a=1, pagina_b=1, **kwargs):
        """`lijst`: the querysets of services.mee_te_nemen_rijen (read a page at a time)."""
        super().__init__(*args, **kwargs)
        self.naar = naar
        kwartalen = [(k, f"K{k} {naar}") for k in range(1, 5)]
        self.kwartalen = kwartalen
        self.fields["standaard_kwartaal"].choices = kwartalen
        self.fields["standaard_kwartaal"].label = _(
            "Aanbestedingen die naar %(naar)s gaan, starten in"
        ) % {"naar": naar}
        if self.is_bound:
            self.data = self.data.copy()  # rows of a new page get their defaults below
        self._items = []
        self.paginas = {}
        soorten = (
            ("a", lijst["aanbestedingen"], AanbestedingKeuze, AanbestedingKeuze.VERPLAATSEN),
            ("b", lijst["acties"], ActieKeuze, ActieKeuze.VOORTZETTEN),
        )
        for (soort, rijen, keuzes, standaard), pagina in zip(
            soorten, (pagina_a, pagina_b), strict=True
        ):
            blad = Paginator(rijen, PER_PAGINA).get_page(pagina)
            self.paginas[soort] = blad
            items = list(blad.object_list)
            op_blad = {item.pk for item in items}
            # Rows sent from other pages: read by their key, within this plan's list (a
            # key of anything else finds nothing).
            gestuurd = self._gestuurde_sleutels(soort) - op_blad
            if gestuurd:
                items += list(rijen.filter(pk__in=gestuurd))
            for item in items:
                p = f"{soort}{item.pk}"
                if self.is_bound and f"{p}_keuze" not in self.data:
                    self.data[f"{p}_keuze"] = standaard
                self.fields[f"{p}_keuze"] = forms.ChoiceField(
                    label=_("Wat gebeurt ermee?"),
                    choices=keuzes.choices,
                    initial=standaard,
                    widget=forms.RadioSelect,
                )
                # A tender's quarter may follow the one chosen for all; an action continues
                # in the first quarter unless another is chosen.
                self.fields[f"{p}_kwartaal"] = forms.TypedChoiceField(
                    label=_("Start in"),
                    choices=[("", _("Zoals voor alle")), *kwartalen] if soort == "a" else kwartalen,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    initial=None if soort == "a" else 1,
                )
                self.fields[f"{p}_reden"] = forms.CharField(
                    label=_("Reden"), required=False, max_length=2000
                )
                self._items.append((soort, item, p, item.pk in op_blad))
        self.keuzes_a = AanbestedingKeuze.choices
        self.keuzes_b = ActieKeuze.choices

    def _gestuurde_sleutels(self, soort: str) -> set[int]:
        if not self.is_bound:
            return set()
        sleutels = (naam[1:].removesuffix("_keuze") for naam in self.data if naam[:1] == soort)
        return {int(s) for s in sleutels if s.isdigit() and len(s) < 12}

    def clean(self):
        data = super().clean()
        for soort, item, p, _op_blad in self._items:
            if data.get(f"{p}_keuze") == "vervalt" and not data.get(f"{p}_reden", "").strip():
                self.add_error(
                    f"{p}_reden",
                    _("Geef de reden waarom %(naam)s vervalt.")
                    % {"naam": item.naam if soort == "a" else item.titel},
                )
        return data

    def _rij(self, soort, item, p) -> Keuzerij:
        def waarde(naam):
            veld = self[f"{p}_{naam}"]
            w = veld.value()
            return "" if w is None else str(w)

        fouten = {}
        if self.is_bound:
            fouten = {
                naam: self.errors[f"{p}_{naam}"]
                for naam in ("keuze", "kwartaal", "reden")
                if f"{p}_{naam}" in self.errors
            }
        return Keuzerij(
            soort=soort,
            item=item,
            prefix=p,
            keuze=waarde("keuze"),
            kwartaal=waarde("kwartaal"),
            reden=waarde("reden"),
            fouten=fouten,
        )

    def rijen(self, soort: str) -> list[Keuzerij]:
        """The rows to show: this page's, and any with an error (wherever it is)."""
        return [
            self._rij(s, item, p)
            for s, item, p, op_blad in self._items
            if s == soort and (op_blad or (self.is_bound and f"{p}_reden" in self.errors))
        ]

    def meegenomen(self) -> list:
        """The fields of rows not shown whose choice differs from the defaults: kept, hidden,
        so a choice made on another page is not lost."""
        verborgen = []
        getoonde = {r.prefix for soort in ("a", "b") for r in self.rijen(soort)}
        for soort, _item, p, _op_blad in self._items:
            if p in getoonde or not self.is_bound:
                continue
            standaard = AanbestedingKeuze.VERPLAATSEN if soort == "a" else ActieKeuze.VOORTZETTEN
            if (
                self.data.get(f"{p}_keuze") != standaard
                or self.data.get(f"{p}_kwartaal")
                or self.data.get(f"{p}_reden", "").strip()
            ):
                # Only what was filled in: a page of carried choices stays far below the
                # 1,000 fields a request may hold (an empty quarter or reason is the default).
                verborgen += [
                    self[f"{p}_{naam}"]
                    for naam in ("keuze", "kwartaal", "reden")
                    if naam == "keuze" or self.data.get(f"{p}_{naam}", "").strip()
                ]
        return verborgen

    def voor_het_voorbeeld(self) -> list:
        """The fields the preview carries to the confirmation: the quarter for all and
        every row whose choice is not the default (a default row needs nothing: the
        service gives it the default), only its filled-in fields."""
        velden = [self["standaard_kwartaal"]]
        standaard = {"a": AanbestedingKeuze.VERPLAATSEN, "b": ActieKeuze.VOORTZETTEN}
        for soort, _item, p, _op_blad in self._items:
            kwartaal = self.data.get(f"{p}_kwartaal", "")
            reden = self.data.get(f"{p}_reden", "").strip()
            eigen_kwartaal = kwartaal and not (soort == "b" and kwartaal == "1")
            if self.data.get(f"{p}_keuze") == standaard[soort] and not eigen_kwartaal and not reden:
                continue
            velden.append(self[f"{p}_keuze"])
            velden += [
                self[f"{p}_{naam}"] for naam, w in (("kwartaal", kwartaal), ("reden", reden)) if w
            ]
        return velden

    def aanbestedingen(self):
        return self.rijen("a")

    def acties(self):
        return self.rijen("b")

    def keuzes(self) -> tuple[dict, dict]:
        """The choices for the service: {pk: Keuze} for the tenders and the actions sent;
        the rest takes the defaults (`standaard_kwartaal`, continue)."""
        alle_kwartaal = self.cleaned_data["standaard_kwartaal"]
        uit = {"a": {}, "b": {}}
        for soort, item, p, _op_blad in self._items:
            kwartaal = self.cleaned_data[f"{p}_kwartaal"]
            uit[soort][item.pk] = Keuze(
                keuze=self.cleaned_data[f"{p}_keuze"],
                kwartaal=kwartaal or (alle_kwartaal if soort == "a" else 1),
                reden=self.cleaned_data[f"{p}_reden"],
            )
        return uit["a"], uit["b"]
