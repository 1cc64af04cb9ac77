from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from organisaties.forms import InlogForm

from . import selectors


class SsoForm(forms.Form):
    """The login page's other way in: the work e-mail address names the organisation."""

    email = forms.EmailField(
        label=_("Werk-e-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("U gaat naar de inlogpagina van uw eigen organisatie."),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse_lazy("sso:start")
        self.helper.form_id = "sso-form"
        self.helper.add_input(Submit("werkaccount", _("Verder naar uw organisatie")))


class WachtwoordInlogForm(InlogForm):
    """The password login, refused for an account whose organisation logs in at its own
    provider only (`Identiteitsprovider.wachtwoord_toegestaan` off)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        provider = selectors.provider_voor_email(user.email or "")
        if provider is not None and not provider.wachtwoord_toegestaan:
            raise ValidationError(
                _(
                    "Uw organisatie laat u inloggen met uw werkaccount: vul hierboven uw "
                    "werk-e-mailadres in."
                ),
                code="sso_verplicht",
            )
