from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedingskalenderConfig(AppConfig):
    """Step 4: tenders, quarters, applied themes, quarterly reviews, import/export.

    Empty until the tender calendar issue; the step page lives in `actieplan` until then.
    """

    name = "aanbestedingskalender"
    verbose_name = _("Aanbestedingskalender")
