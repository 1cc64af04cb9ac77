"""Deploy check: the links in e-mails must reach this installation over HTTPS."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def adres_voor_links(app_configs, **kwargs):
    if settings.MVOI_ADRES.startswith("https://"):
        return []
    return [
        checks.Warning(
            f"MVOI_ADRES is '{settings.MVOI_ADRES}': de links in e-mails wijzen dan niet naar "
            "deze installatie, of niet via HTTPS.",
            hint="Zet MVOI_ADRES op het adres waarop mensen de applicatie openen, "
            "bijvoorbeeld https://actieplan.gemeente.nl.",
            id="meldingen.W001",
        )
    ]
