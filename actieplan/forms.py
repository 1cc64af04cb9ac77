from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class ActieplanForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    startjaar = forms.IntegerField(label=_("Startjaar"), min_value=2000, max_value=2100)
    eindjaar = forms.IntegerField(
        label=_("Eindjaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("Het laatste jaar van de planperiode, bijvoorbeeld 2027 bij 2024–2027."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", submit_label or _("Opslaan")))
