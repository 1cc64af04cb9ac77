"""The forms of submitting a plan to management and of management's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from basis.formulieren import helper_zonder_overzicht
from basis.versies import VersieFormMixin

from . import teksten


def _tekstvak(rijen: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rijen})


class IndienenForm(forms.Form):
    jaar = forms.TypedChoiceField(
        label=_("Over welk planjaar gaat deze versie?"),
        coerce=int,
        required=False,  # not sent: the current plan year
        empty_value=None,
        help_text=_(
            "Het document toont de doelen, de aanbestedingskalender, de jaarplanning en de "
            "evaluatie van dit jaar. Meestal het lopende jaar; aan het eind van het jaar "
            "het jaar dat komt."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor het management"),
        required=False,
        max_length=5000,
        widget=_tekstvak(4),
        help_text=_(
            "Bijvoorbeeld wat er sinds de vorige goedgekeurde versie veranderde en waarom."
        ),
    )

    def __init__(self, *args, actieplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, str(j)) for j in actieplan.jaren]
        self.fields["jaar"].initial = actieplan.lopend_jaar
        self.helper = helper_zonder_overzicht()


class BeoordelingForm(forms.Form):
    GOEDKEUREN, AFWIJZEN = "goedkeuren", "afwijzen"

    besluit = forms.ChoiceField(
        label=_("Goedkeuren of afwijzen"),
        choices=[
            (GOEDKEUREN, _("Goedkeuren: deze versie wordt vastgelegd en is het vastgestelde plan")),
            (AFWIJZEN, _("Afwijzen: het plan gaat terug naar het MVOI-team")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u het plan goedkeurt of afwijst.")},
    )
    opmerking = forms.CharField(
        label=_("Opmerking (verplicht bij afwijzen)"),
        required=False,
        max_length=5000,
        widget=_tekstvak(4),
        help_text=_(
            "Verplicht bij afwijzen: wat moet er anders? Bij goedkeuren komt zij in het document."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_zonder_overzicht()
        # Required for one choice only: the label says so (templates/nlds/field.html then
        # leaves out "(niet verplicht)").
        self.fields["opmerking"].soms_verplicht = True

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("besluit") == self.AFWIJZEN and not gegevens.get("opmerking", "").strip():
            self.add_error(
                "opmerking",
                _("Schrijf waarom u het plan afwijst: het MVOI-team gaat ermee aan de slag."),
            )
        return gegevens


class ToelichtingenForm(VersieFormMixin, forms.Form):
    """The document's explanations of this plan: one text per part (teksten.SOORTEN),
    shown filled in with what the document prints now."""

    # The fingerprints of the defaults as this page showed them (teksten.kenmerk), so a
    # field left alone stays the default whatever changed in the data meanwhile.
    getoond = forms.JSONField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, standaard: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["getoond"].initial = {
            sleutel: teksten.kenmerk(tekst) for sleutel, tekst in standaard.items()
        }
        for soort in teksten.SOORTEN:
            self.fields[soort.sleutel] = forms.CharField(
                label=soort.kop,
                required=False,
                max_length=10000,
                widget=_tekstvak(8),
            )
        self.standaard = standaard
