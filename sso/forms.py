from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from organisaties.forms import InlogForm
from organisaties.models import Rol

from . import selectors
from .models import Identiteitsprovider


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


def _rollen_als_tekst(rollen_per_groep: dict) -> str:
    return "\n".join(f"{groep} = {', '.join(rollen)}" for groep, rollen in rollen_per_groep.items())


class GeheimForm(forms.ModelForm):
    """A provider's settings with its client secret: typed once and never shown again
    (empty: the stored one stays). The beheerder's page and the platform admin both."""

    client_secret = forms.CharField(
        label=_("Client-secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Wordt versleuteld bewaard en nooit meer getoond. Laat leeg om het bewaarde "
            "geheim te houden."
        ),
    )

    def clean(self):
        gegevens = super().clean()
        if not gegevens.get("client_secret") and not self.instance.client_secret_versleuteld:
            self.add_error("client_secret", _("Vul het client-secret van de provider in."))
        return gegevens

    def _post_clean(self):
        if self.cleaned_data.get("client_secret"):
            self.instance.client_secret = self.cleaned_data["client_secret"]
        super()._post_clean()


class ProviderForm(GeheimForm):
    """The beheerder's own settings of the organisation's provider; the roles per group are
    lines of `group = role, role`."""

    rollen_tekst = forms.CharField(
        label=_("Rollen per groep"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén regel per groep van de provider: de groep, een =-teken en de rollen, "
            "bijvoorbeeld ‘mvoi-coordinatoren = coordinator, mvoi_teamlid’. Rollen: "
            "inkoopadviseur, mvoi_teamlid, coordinator, management, beheerder."
        ),
    )

    class Meta:
        model = Identiteitsprovider
        fields = [
            "naam",
            "issuer",
            "client_id",
            "domeinen",
            "scopes",
            "id_claim",
            "groepen_claim",
            "standaardrol",
            "adressen_vertrouwd",
            "leden_aanmaken",
            "wachtwoord_toegestaan",
            "mfa_amr",
            "actief",
        ]
        widgets = {"domeinen": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rollen_tekst"].initial = _rollen_als_tekst(
            self.instance.rollen_per_groep or {}
        )

    def clean_rollen_tekst(self) -> dict:
        bekend = set(Rol.Code.values)
        uitkomst = {}
        for nummer, regel in enumerate(self.cleaned_data["rollen_tekst"].splitlines(), start=1):
            if not regel.strip():
                continue
            groep, teken, rollen = regel.partition("=")
            codes = [r.strip() for r in rollen.split(",") if r.strip()]
            if not teken or not groep.strip() or not codes:
                raise ValidationError(
                    _("Regel %(nummer)s: schrijf ‘groep = rol, rol’."), params={"nummer": nummer}
                )
            onbekend = [code for code in codes if code not in bekend]
            if onbekend:
                raise ValidationError(
                    _("Regel %(nummer)s: onbekende rol ‘%(rol)s’."),
                    params={"nummer": nummer, "rol": onbekend[0]},
                )
            uitkomst[groep.strip()] = codes
        return uitkomst

    def _post_clean(self):
        if "rollen_tekst" in self.cleaned_data:
            self.instance.rollen_per_groep = self.cleaned_data["rollen_tekst"]
        super()._post_clean()
