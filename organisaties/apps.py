from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisatiesConfig(AppConfig):
    name = "organisaties"
    verbose_name = _("Organisaties en rollen")

    def ready(self):
        # Connects the login signal that marks a session as still owing its second-step
        # code, also before the first request has loaded the middleware (a shell, a test).
        from . import tweestaps  # noqa: F401
