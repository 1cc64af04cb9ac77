from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Inloggen met het eigen werkaccount (SSO)")

    def ready(self):
        from . import signalen  # noqa: F401 - connects the receivers
