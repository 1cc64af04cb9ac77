"""System check: every one of the seven steps is registered by an app (see stappen.py)."""

from django.core import checks

from .stappen import register


@checks.register()
def elke_stap_geregistreerd(app_configs, **kwargs):
    return [
        checks.Error(
            f"Stap {stap.nummer} ('{stap.slug}') is door geen app geregistreerd.",
            hint="Registreer een StapInhoud in de ready() van de app van die stap.",
            id="actieplan.E001",
        )
        for stap in register.ontbrekend()
    ]
