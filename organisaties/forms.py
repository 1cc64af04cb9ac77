from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from basis.versies import VersieFormMixin

from .models import Rol, User


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


class TweestapsVerplichtForm(forms.Form):
    tweestaps_verplicht = forms.BooleanField(
        label=_("Tweestapsverificatie verplicht voor alle leden"),
        required=False,
        help_text=_(
            "Voor management en beheerders is het altijd verplicht. Leden zonder app worden "
            "bij hun volgende inlog gevraagd die in te stellen."
        ),
    )


class LidToevoegenForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_(
            "De persoon krijgt een uitnodiging per e-mail en is lid zodra die de "
            "uitnodiging accepteert."
        ),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    rollen = RollenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Uitnodiging versturen")))


class LidRollenForm(VersieFormMixin, forms.Form):
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
    foutkop = _("Inloggen is niet gelukt.")  # the error summary's heading

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("inloggen", _("Inloggen")))


class WachtwoordKiezenForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opslaan", _("Wachtwoord opslaan")))


class AccountAanmakenForm(forms.Form):
    """A new account for an invited person: the address is the invitation's, the person
    only chooses a password (Django's validators, as everywhere)."""

    password1 = forms.CharField(
        label=_("Nieuw wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_("Ten minste 12 tekens; niet alleen cijfers, niet te gewoon."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, uitnodiging, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitnodiging = uitnodiging
        self.helper = FormHelper()
        self.helper.add_input(Submit("aanmaken", _("Account aanmaken en lid worden")))

    def clean(self):
        cleaned = super().clean()
        een, twee = cleaned.get("password1"), cleaned.get("password2")
        if een and twee and een != twee:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif een:
            kandidaat = User(
                username=self.uitnodiging.email,
                email=self.uitnodiging.email,
                first_name=self.uitnodiging.first_name,
                last_name=self.uitnodiging.last_name,
            )
            try:
                password_validation.validate_password(een, kandidaat)
            except forms.ValidationError as fout:
                self.add_error("password1", fout)
        return cleaned


class UserAanmakenAdminForm(AdminUserCreationForm):
    """The platform admin's add form: every user has an e-mail address (invitations go
    there; unique whatever its capitals)."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email", "first_name", "last_name")


class WachtwoordVergetenForm(PasswordResetForm):
    """Django's own: it mails a one-time link only when the address has an account, and
    answers the same either way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].help_text = _("Het adres waarmee u in het Actieplan MVOI staat.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("versturen", _("Stuur mij een link")))


class HuisstijlForm(forms.Form):
    """How the organisation shows in its plan document."""

    naam_in_document = forms.CharField(
        label=_("Naam zoals gedrukt"),
        max_length=200,
        required=False,
        help_text=_("Zoals de naam op het plan moet staan. Leeg: de naam van de organisatie."),
    )
    manifest_ondertekend_op = forms.DateField(
        label=_("Manifest MVOI ondertekend op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Staat in het hoofdstuk ‘Wat is MVOI?’ van het plan."),
    )
    huiskleur = forms.RegexField(
        label=_("Huiskleur"),
        regex=r"^#[0-9a-fA-F]{6}$",
        required=False,
        max_length=7,
        error_messages={"invalid": _("Geef de kleur als # met zes tekens, bijvoorbeeld #1d5c8c.")},
        help_text=_(
            "Als #rrggbb, bijvoorbeeld #1d5c8c. Witte tekst moet er goed op leesbaar zijn."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("PNG of JPEG, hoogstens 512 kB en 3000 pixels."),
    )
    logo_verwijderen = forms.BooleanField(label=_("Het logo verwijderen"), required=False)
