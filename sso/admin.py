"""The platform administrator sets up an organisation's provider (the beheerder's own page
follows). The client secret is typed once and never shown again: the form has a password
field that leaves the stored secret as it is when left empty."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Identiteitsprovider, Koppeling


class IdentiteitsproviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("client-secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Wordt versleuteld bewaard en nooit meer getoond. Laat leeg om het bewaarde "
            "geheim te houden."
        ),
    )

    class Meta:
        model = Identiteitsprovider
        fields = [
            "organisatie",
            "naam",
            "issuer",
            "client_id",
            "domeinen",
            "scopes",
            "groepen_claim",
            "rollen_per_groep",
            "standaardrol",
            "adressen_vertrouwd",
            "leden_aanmaken",
            "wachtwoord_toegestaan",
            "mfa_amr",
            "actief",
        ]

    def clean(self):
        gegevens = super().clean()
        if not gegevens.get("client_secret") and not self.instance.client_secret_versleuteld:
            self.add_error("client_secret", _("Vul het client-secret van de provider in."))
        return gegevens

    def save(self, commit=True):
        if self.cleaned_data.get("client_secret"):
            self.instance.client_secret = self.cleaned_data["client_secret"]
        return super().save(commit=commit)


@admin.register(Identiteitsprovider)
class IdentiteitsproviderAdmin(SimpleHistoryAdmin):
    form = IdentiteitsproviderForm
    list_display = ["naam", "organisatie", "issuer", "actief"]
    list_filter = ["actief"]


@admin.register(Koppeling)
class KoppelingAdmin(SimpleHistoryAdmin):
    list_display = ["user", "provider", "onderwerp", "laatst_ingelogd"]
    list_filter = ["provider"]
    search_fields = ["user__email", "onderwerp"]
    readonly_fields = ["provider", "onderwerp", "user", "laatst_ingelogd"]
