from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluatieConfig(AppConfig):
    """Step 7: the yearly evaluation and the figures it computes. Empty until its issue."""

    name = "evaluatie"
    verbose_name = _("Evaluatie")
