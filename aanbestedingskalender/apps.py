from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedingskalenderConfig(AppConfig):
    """Step 4: tenders, quarters, applied themes, quarterly reviews, import/export."""

    name = "aanbestedingskalender"
    verbose_name = _("Aanbestedingskalender")

    def ready(self):
        # The step page of step 4 lives in `actieplan`, which must not import this app:
        # register what the page shows here, so dependencies keep running one way.
        from actieplan.stap_inhoud import STAP_INHOUD

        from .stap_inhoud import aanbestedingskalender

        STAP_INHOUD["aanbestedingskalender"] = aanbestedingskalender
