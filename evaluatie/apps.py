from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluatieConfig(AppConfig):
    """Step 7: the yearly evaluation, the evaluation after each tender and the figures it
    computes from the calendar, the planning and those evaluations. It sits on top of the
    other step apps (docs/adr/0001-stappenregister.md)."""

    name = "evaluatie"
    verbose_name = _("Evaluatie")

    def ready(self):
        from actieplan.stappen import register

        from .stap_inhoud import EvaluatieStap

        register.registreer(EvaluatieStap())

        from actieplan.taken import takenbronnen

        from .taken import Evaluatietaken

        takenbronnen.registreer(Evaluatietaken())
