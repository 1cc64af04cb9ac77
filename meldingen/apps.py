from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    """E-mail to people about what is theirs to do: each message is stored first (an
    outbox) and sent by the background worker, so a mail server that is down loses no
    message and blocks no request; each person turns each kind off on a settings page.
    Below the plan's apps, which call `services.melden`; it knows nothing of them."""

    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
