from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Soort


class InstellingenForm(forms.Form):
    aan = forms.MultipleChoiceField(
        label=_("Stuur mij een e-mail als"),
        choices=Soort.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wat u uitzet, ziet u nog wel onder ‘Mijn taken’ op de startpagina."),
    )
