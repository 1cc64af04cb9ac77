from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .models import Rol


class RollenField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Rol.objects.order_by("volgorde"),
            widget=forms.CheckboxSelectMultiple,
            label=_("Rollen"),
            help_text=_("Kies een of meer rollen. Een lid kan meerdere rollen hebben."),
            error_messages={"required": _("Kies ten minste één rol.")},
            **kwargs,
        )


class LidToevoegenForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Heeft deze persoon al een account, dan wordt dat account gebruikt."),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    rollen = RollenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Lid toevoegen")))


class LidRollenForm(forms.Form):
    rollen = RollenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Rollen opslaan")))


class OrganisatieWisselenForm(forms.Form):
    organisatie = forms.TypedChoiceField(label=_("Organisatie"), coerce=int)

    def __init__(self, *args, lidmaatschappen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].choices = [
            (lid.organisatie_id, lid.organisatie.naam) for lid in lidmaatschappen
        ]


class InlogForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("inloggen", _("Inloggen")))


class WachtwoordKiezenForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Wachtwoord opslaan")))
