from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedingskalenderConfig(AppConfig):
    """Step 4: tenders, quarters, applied themes, quarterly reviews, import/export."""

    name = "aanbestedingskalender"
    verbose_name = _("Aanbestedingskalender")

    def ready(self):
        from actieplan.stappen import register

        from .stap_inhoud import Aanbestedingskalender

        register.registreer(Aanbestedingskalender())

        from actieplan.taken import takenbronnen

        from .taken import Kalendertaken

        takenbronnen.registreer(Kalendertaken())

        from actieplan.overname import overnames

        from .overname import OpenAanbestedingen

        overnames.registreer(OpenAanbestedingen())
