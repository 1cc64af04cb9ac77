from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actieplan.models import Actieplan
from basis.formulieren import helper_zonder_overzicht
from basis.getallen import BedragField, GetalField
from basis.kwartalen import KWARTALEN, Kwartaal
from basis.versies import VersieFormMixin
from themes.models import Thema

from . import bestanden, selectors
from .models import KALENDERVELDEN, Aanbesteding, Kwartaaloverleg, ThemaToepassing

LEEG = [("", _("Alle"))]


class KalenderFilterForm(forms.Form):
    """The calendar's filters (GET). Every field is optional; an invalid value is ignored."""

    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=LEEG + Aanbesteding.Status.choices, required=False
    )
    thema = forms.ModelChoiceField(
        label=_("Toepasbaar thema"),
        queryset=Thema.objects.order_by("volgorde"),
        required=False,
        empty_label=_("Alle"),
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar"), queryset=None, required=False, empty_label=_("Alle")
    )
    kansrijk = forms.TypedChoiceField(
        label=_("Kansrijk"),
        choices=[("", _("Alle")), ("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda waarde: waarde == "ja",
        empty_value=None,
        required=False,
    )
    zoek = forms.CharField(label=_("Naam of kenmerk"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sorteren op"),
        choices=[("", _("Start"))]
        + [(code, label) for code, label in selectors.SORTERINGEN if code != "start"],
        required=False,
    )

    def __init__(self, *args, actieplan: Actieplan, standaard_jaar: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Hele planperiode"))] + [
            (jaar, jaar) for jaar in selectors.kalenderjaren(actieplan=actieplan)
        ]
        self.fields["jaar"].initial = standaard_jaar
        self.fields["eigenaar"].queryset = selectors.eigenaren(actieplan=actieplan)
        for veld in self.fields.values():
            veld.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields["zoek"].widget.attrs.update(
            {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "search"}
        )

    def filters(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        return {"jaar": self.fields["jaar"].initial}


class AanbestedingForm(VersieFormMixin, forms.ModelForm):
    class Meta:
        model = Aanbesteding
        fields = KALENDERVELDEN
        # Typed the Dutch way: € 1.250.000,50, 450.000, 2,5 (basis/getallen.py).
        field_classes = {
            "geraamde_waarde": BedragField,
            "sroi_percentage": GetalField,
            "co2_reductie_ton": GetalField,
        }
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "contract_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contract_eind": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actieplan: Actieplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = selectors.eigenaren(actieplan=actieplan)
        if self.instance.pk:
            # The start quarter changes only by postponing, which keeps the history.
            for veld in ("startjaar", "startkwartaal"):
                self.fields[veld].disabled = True
                self.fields[veld].help_text = _("Wijzig dit met ‘Uitstellen’.")
        self.helper = helper_zonder_overzicht()  # the page shows one summary


class ToepassingForm(forms.Form):
    """One theme of one tender: applicable? applied, how? or why not?"""

    toepasbaar = forms.BooleanField(label=_("Toepasbaar"), required=False)
    toegepast = forms.BooleanField(label=_("Toegepast"), required=False)
    vorm = forms.ChoiceField(
        label=_("Vorm"), choices=[("", "–"), *ThemaToepassing.Vorm.choices], required=False
    )
    criteria_niveau = forms.ChoiceField(
        label=_("Niveau MVI-criteria"),
        choices=[("", "–"), *ThemaToepassing.CriteriaNiveau.choices],
        required=False,
    )
    uitleg = forms.CharField(
        label=_("Uitleg als het niet is toegepast"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, thema: Thema, **kwargs):
        super().__init__(*args, **kwargs)
        self.thema = thema
        self.onderwerp = thema.korte_naam  # in the page's error summary
        self.helper = helper_zonder_overzicht()

    def clean(self):
        data = super().clean()
        if data.get("toegepast"):
            data["toepasbaar"] = True
            toepassing = ThemaToepassing(thema=self.thema, toegepast=True, vorm=data.get("vorm"))
            toepassing.clean()  # the model's rule: an applied theme has a form
        return data

    def toepassing(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("toepasbaar"):
            return None
        return {
            "toegepast": data["toegepast"],
            "vorm": data["vorm"],
            "criteria_niveau": data["criteria_niveau"],
            "uitleg": data["uitleg"],
        }


def toepassing_forms(*, data, themas, aanbesteding: Aanbesteding | None) -> list[ToepassingForm]:
    bestaand = {t.thema_id: t for t in aanbesteding.toepassingen.all()} if aanbesteding else {}
    forms_ = []
    for thema in themas:
        toepassing = bestaand.get(thema.pk)
        initial = (
            {
                "toepasbaar": True,
                "toegepast": toepassing.toegepast,
                "vorm": toepassing.vorm,
                "criteria_niveau": toepassing.criteria_niveau,
                "uitleg": toepassing.uitleg,
            }
            if toepassing
            else {}
        )
        forms_.append(ToepassingForm(data, thema=thema, initial=initial, prefix=thema.slug))
    return forms_


class UitstellenForm(VersieFormMixin, forms.Form):
    naar_jaar = forms.IntegerField(label=_("Naar jaar"), min_value=2000, max_value=2100)
    naar_kwartaal = forms.TypedChoiceField(label=_("Naar kwartaal"), choices=KWARTALEN, coerce=int)
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("uitstellen", _("Uitstellen")))

    def kwartaal(self) -> Kwartaal:
        return Kwartaal(self.cleaned_data["naar_jaar"], self.cleaned_data["naar_kwartaal"])


class KwartaaloverlegForm(VersieFormMixin, forms.ModelForm):
    class Meta:
        model = Kwartaaloverleg
        fields = ["datum", "aanwezigen", "notities", "besluiten"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "aanwezigen": forms.Textarea(attrs={"rows": 2}),
            "notities": forms.Textarea(attrs={"rows": 6}),
            "besluiten": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Verslag opslaan")))


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand (.xlsx of .csv)"),
    )

    def __init__(self, *args, wat=None, **kwargs):
        """`wat`: what a row is (aanbestedingen, acties), for the help text."""
        super().__init__(*args, **kwargs)
        wat = wat or _("aanbestedingen")
        self.fields["bestand"].help_text = _(
            "Hoogstens %(mb)s MB en %(max)s %(wat)s. Gebruik de kolommen van het sjabloon."
        ) % {"max": bestanden.max_rijen_tekst(), "wat": wat, "mb": bestanden.max_mb_tekst()}
        self.helper = FormHelper()
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.add_input(Submit("controleren", _("Bestand controleren")))

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > bestanden.max_bestandsgrootte():
            raise ValidationError(
                _("Het bestand is groter dan %(mb)s MB.") % {"mb": bestanden.max_mb_tekst()}
            )
        try:
            bestanden.formaat_van(bestand.name)
        except bestanden.BestandFout as fout:
            raise ValidationError(str(fout)) from fout
        return bestand


# Between a tender's reference and its name in the search field's text: what the field
# shows and what a suggestion fills in ("2026-0042 – Schoonmaak stadhuis").
SCHEIDING = " – "


def als_keuze(aanbesteding: Aanbesteding) -> str:
    return f"{aanbesteding.kenmerk}{SCHEIDING}{aanbesteding.naam}"


class AanbestedingZoekWidget(forms.TextInput):
    """A text field with suggestions (a <datalist>): the page's script fills them as one
    types, from the calendar's search (`zoek_url`); without the script, the suggestions
    are those the server offered after an ambiguous entry."""

    template_name = "aanbestedingskalender/widgets/zoekveld.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.zoek_url = ""
        self.voorstellen: list[str] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        lijst = f"{context['widget']['attrs'].get('id') or name}-voorstellen"
        context["widget"]["attrs"].update({"list": lijst, "data-zoek-url": self.zoek_url})
        context["widget"].update(lijst=lijst, voorstellen=self.voorstellen)
        return context


class AanbestedingVeld(forms.CharField):
    """One tender of the plan, picked by typing its reference or part of its name (a
    drop-down of a large organisation's 3,000 tenders was 89 % of its form's time). Cleans
    to the tender, or None when left empty; an entry that fits several says which."""

    widget = AanbestedingZoekWidget

    def __init__(self, *, actieplan: Actieplan, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.actieplan = actieplan
        self.widget.zoek_url = reverse("aanbestedingskalender:zoeken", args=[actieplan.pk])

    def prepare_value(self, value):
        if isinstance(value, Aanbesteding):
            return als_keuze(value)
        return value

    def has_changed(self, initial, data):
        """Changed when the text names another tender than before (the text itself differs
        from the stored key: "2026-0042 – Schoonmaak" against 17)."""
        try:
            nieuw = self.clean(data)
        except ValidationError:
            return True
        oud = initial.pk if isinstance(initial, Aanbesteding) else initial
        return (nieuw.pk if nieuw else None) != (oud or None)

    def clean(self, value):
        tekst = super().clean(value)
        if not tekst:
            return None
        kenmerk = tekst.split(SCHEIDING, 1)[0].strip()
        gevonden = selectors.aanbesteding_zoeken(actieplan=self.actieplan, tekst=kenmerk)
        if not gevonden and kenmerk != tekst.strip():
            gevonden = selectors.aanbesteding_zoeken(actieplan=self.actieplan, tekst=tekst)
        if len(gevonden) == 1:
            return gevonden[0]
        if not gevonden:
            raise ValidationError(
                _(
                    "Geen aanbesteding in de kalender van dit plan heeft ‘%(tekst)s’ als "
                    "kenmerk of in haar naam. Laat het veld leeg als de actie bij geen "
                    "aanbesteding hoort."
                ),
                params={"tekst": tekst},
                code="onbekend",
            )
        self.widget.voorstellen = [als_keuze(a) for a in gevonden]
        raise ValidationError(
            _(
                "‘%(tekst)s’ past bij %(aantal)s aanbestedingen. Kies er één uit de voorstellen "
                "of typ haar kenmerk, bijvoorbeeld %(voorbeeld)s."
            ),
            params={
                "tekst": tekst,
                "aantal": len(gevonden)
                if len(gevonden) < selectors.ZOEKRESULTATEN
                else _("%(aantal)s of meer") % {"aantal": selectors.ZOEKRESULTATEN},
                "voorbeeld": gevonden[0].kenmerk,
            },
            code="meerdere",
        )
