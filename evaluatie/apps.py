from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluatieConfig(AppConfig):
    """Step 7: the yearly evaluation, the evaluation after each tender and the figures it
    computes. A placeholder in the step register until its issue: its page says so."""

    name = "evaluatie"
    verbose_name = _("Evaluatie")

    def ready(self):
        from actieplan.stappen import VoorlopigeStap, register

        register.registreer(VoorlopigeStap("evaluatie"))
