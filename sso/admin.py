"""The platform administrator sets up an organisation's provider (its beheerder does on
Werkaccounts). The client secret is typed once and never shown again (GeheimForm)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import GeheimForm
from .models import Identiteitsprovider, Koppeling


class IdentiteitsproviderForm(GeheimForm):
    class Meta:
        model = Identiteitsprovider
        fields = [
            "organisatie",
            "naam",
            "issuer",
            "client_id",
            "domeinen",
            "scopes",
            "id_claim",
            "groepen_claim",
            "rollen_per_groep",
            "standaardrol",
            "adressen_vertrouwd",
            "leden_aanmaken",
            "wachtwoord_toegestaan",
            "mfa_amr",
            "actief",
        ]


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
