from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlandocumentConfig(AppConfig):
    """The plan document and its approval: the document put together from the step
    register, the concept PDFs, the versions put to management, their approval and
    freezing, and the background tasks that make the PDFs. A reader of the register like
    any other; no app below imports it (ADR 0004)."""

    name = "plandocument"
    verbose_name = _("Plandocument en goedkeuring")

    def ready(self):
        from actieplan.planonderdelen import planonderdelen

        from .onderdeel import Goedkeuring

        planonderdelen.registreer(Goedkeuring())

        from actieplan.taken import takenbronnen

        from .taken import Goedkeuringstaken

        takenbronnen.registreer(Goedkeuringstaken())
