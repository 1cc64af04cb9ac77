from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aanbestedingskalender.forms import AanbestedingVeld
from actieplan.models import Actieplan
from basis.formulieren import helper_zonder_overzicht
from basis.getallen import BedragField, GetalField
from basis.kwartalen import Kwartaal
from basis.versies import VersieFormMixin

from . import selectors, services
from .models import Actie, Actorgroep, Borging

LEEG = [("", _("Alle"))]


def _kwartaal(waarde) -> Kwartaal:
    """A choice's value ("K4 2025", as the quarter prints) as a Kwartaal."""
    return waarde if isinstance(waarde, Kwartaal) else Kwartaal.parse(waarde)


def _kwartaalkeuzes(actieplan: Actieplan) -> list[tuple[str, str]]:
    """Every quarter an action of this plan can run in: Q4 before the period to its end."""
    eerste, laatste = Kwartaal(actieplan.startjaar - 1, 4), Kwartaal(actieplan.eindjaar, 4)
    return [(str(k), str(k)) for k in (eerste + i for i in range(laatste - eerste + 1))]


# Where the service's quarter errors belong in the form.
_VELD_IN_FORM = {
    "startjaar": "start",
    "startkwartaal": "start",
    "eindjaar": "eind",
    "eindkwartaal": "eind",
}


class ActieForm(VersieFormMixin, forms.ModelForm):
    start = forms.TypedChoiceField(label=_("Vanaf kwartaal"), coerce=_kwartaal)
    eind = forms.TypedChoiceField(
        label=_("Tot en met kwartaal"),
        coerce=_kwartaal,
        help_text=_("Hetzelfde kwartaal voor een actie van één kwartaal."),
    )

    class Meta:
        model = Actie
        # Pairs on a wide screen (two columns): the two quarters side by side.
        fields = [
            "titel",
            "jaar",
            "actorgroep",
            "verantwoordelijke",
            "start",
            "eind",
            "status",
            "reden",
            "omschrijving",
            "hoe",
            "extra_budget",
            "extra_uren",
            "borging",
            "aanbesteding",
        ]
        field_classes = {"extra_budget": BedragField, "extra_uren": GetalField}
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "hoe": forms.Textarea(attrs={"rows": 3}),
            "reden": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "jaar": _("De jaarplanning waar de actie in staat."),
            "borging": _("Een borgingsactie staat ook bij stap 5, in haar groep."),
            "aanbesteding": _("De aanbesteding uit de kalender waar de actie bij hoort."),
            "extra_uren": _("Bijvoorbeeld 40 of 12,5."),
        }

    def __init__(self, *args, actieplan: Actieplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.actieplan = actieplan
        self.instance.actieplan = actieplan
        self.fields["jaar"] = forms.TypedChoiceField(
            label=_("Jaarplanning"),
            coerce=int,
            # The stored year stays selectable after the plan period changed: the service
            # then says it lies outside the period, rather than the form moving it silently.
            choices=[
                (jaar, jaar) for jaar in sorted({*actieplan.jaren, self.instance.jaar} - {None})
            ],
            help_text=self.fields["jaar"].help_text,
        )
        keuzes = _kwartaalkeuzes(actieplan)
        if self.instance.pk:  # likewise the stored quarters
            for kwartaal in (self.instance.start, self.instance.eind):
                if (str(kwartaal), str(kwartaal)) not in keuzes:
                    keuzes.append((str(kwartaal), str(kwartaal)))
            keuzes.sort(key=lambda keuze: _kwartaal(keuze[0]))
        self.fields["start"].choices = keuzes
        self.fields["eind"].choices = keuzes
        if self.instance.pk:
            self.initial.setdefault("start", str(self.instance.start))
            self.initial.setdefault("eind", str(self.instance.eind))
        self.fields["actorgroep"].queryset = selectors.actorgroep_list(
            organisatie=actieplan.organisatie
        )
        self.fields["actorgroep"].empty_label = None
        # The members, and whoever is responsible now even if they left: editing the status
        # must not silently empty the field (the service then asks for a member).
        self.fields["verantwoordelijke"].queryset = selectors.verantwoordelijken(
            actieplan=actieplan, ook=self.instance.verantwoordelijke_id
        )
        self.fields["verantwoordelijke"].empty_label = _("Nog niemand")
        # Typed and searched, not a drop-down of every tender (3,000 at a large organisation).
        self.fields["aanbesteding"] = AanbestedingVeld(
            actieplan=actieplan,
            label=self.fields["aanbesteding"].label,
            help_text=_(
                "Typ het kenmerk of een deel van de naam en kies uit de voorstellen; leeg als "
                "de actie bij geen aanbesteding hoort."
            ),
        )
        if self.instance.aanbesteding_id:
            self.initial["aanbesteding"] = self.instance.aanbesteding
        self.helper = helper_zonder_overzicht()  # the page shows one summary

    def _post_clean(self):
        super()._post_clean()  # copies the form's model fields onto the instance
        start, eind = self.cleaned_data.get("start"), self.cleaned_data.get("eind")
        if start:
            self.instance.startjaar, self.instance.startkwartaal = start.jaar, start.kwartaal
        if eind:
            self.instance.eindjaar, self.instance.eindkwartaal = eind.jaar, eind.kwartaal
        if not (start and eind and self.instance.jaar):
            return
        try:
            services.actie_valideren(actie=self.instance)
        except ValidationError as fout:
            for veld, fouten in fout.error_dict.items():
                veld = _VELD_IN_FORM.get(veld, veld)
                if veld in self.fields and veld not in self.errors:
                    self.add_error(veld, fouten)

    def fouten_tonen(self, fout: ValidationError) -> None:
        """The service's errors at the form's own fields (its quarters are two fields)."""
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout)
            return
        for veld, fouten in fout.error_dict.items():
            veld = _VELD_IN_FORM.get(veld, veld)
            self.add_error(veld if veld in self.fields else None, fouten)

    def velden(self) -> dict:
        """What the service saves: the model's fields, the quarters split in two."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("versie", "start", "eind")}
        start, eind = self.cleaned_data["start"], self.cleaned_data["eind"]
        return data | {
            "startjaar": start.jaar,
            "startkwartaal": start.kwartaal,
            "eindjaar": eind.jaar,
            "eindkwartaal": eind.kwartaal,
        }


class BorgingForm(VersieFormMixin, forms.ModelForm):
    class Meta:
        model = Borging
        fields = ["in_organisatie", "in_inkoopproces"]
        widgets = {
            "in_organisatie": forms.Textarea(attrs={"rows": 6}),
            "in_inkoopproces": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "in_organisatie": _(
                "Bijvoorbeeld: SROI leeft in de organisatie en wordt waar "
                "toepasbaar meegenomen. Eén punt per regel."
            ),
            "in_inkoopproces": _(
                "Bijvoorbeeld: MVOI is opgenomen in het startdocument. Eén punt per regel."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_zonder_overzicht()


class ActieFilterForm(forms.Form):
    """The list's filters (GET). Every field optional; an invalid value is ignored."""

    jaar = forms.TypedChoiceField(label=_("Jaarplanning"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=LEEG + Actie.Status.choices, required=False
    )
    actorgroep = forms.ModelChoiceField(
        label=_("Actorgroep"), queryset=None, required=False, empty_label=_("Alle")
    )
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=_kwartaal, empty_value=None, required=False
    )

    def __init__(self, *args, actieplan: Actieplan, standaard_jaar: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(jaar, jaar) for jaar in actieplan.jaren]
        self.fields["jaar"].initial = standaard_jaar
        self.fields["actorgroep"].queryset = selectors.actorgroep_list(
            organisatie=actieplan.organisatie
        )
        self.fields["kwartaal"].choices = LEEG + _kwartaalkeuzes(actieplan)
        for veld in self.fields.values():
            veld.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def filters(self) -> dict:
        """The valid filters; a field with a bad value is left out (and shows its error),
        the others still apply."""
        self.is_valid()
        filters = dict(getattr(self, "cleaned_data", {}))
        if not filters.get("jaar") and "jaar" in self.errors:
            filters["jaar"] = self.fields["jaar"].initial
        if filters.get("actorgroep"):
            filters["actorgroep"] = filters["actorgroep"].pk
        return filters


class ActorgroepForm(forms.ModelForm):
    class Meta:
        model = Actorgroep
        fields = ["naam", "volgorde"]
        help_texts = {"volgorde": _("De rijen van het schema staan op volgorde, laag eerst.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volgorde"].required = False  # empty: after the others
        self.onderwerp = self.instance.naam or _("Nieuwe actorgroep")
        self.helper = helper_zonder_overzicht()

    def validate_unique(self):
        pass  # the service checks the organisation's names (the form has no organisation)


ActorgroepFormSet = forms.modelformset_factory(
    Actorgroep, form=ActorgroepForm, extra=1, can_delete=True
)
