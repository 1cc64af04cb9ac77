from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActieplanConfig(AppConfig):
    """The plan itself and the step register; steps 1–3 (nulmeting, thema's, ambities &
    doelen), which it registers like any step app registers its own."""

    name = "actieplan"
    verbose_name = _("Actieplannen")

    def ready(self):
        from . import checks  # noqa: F401  (registers the register's system check)
        from .stap_inhoud import AmbitiesDoelen, Nulmeting, Themas
        from .stappen import register

        register.registreer(Nulmeting())
        register.registreer(Themas())
        register.registreer(AmbitiesDoelen())

        from .taken import Plantaken, takenbronnen

        takenbronnen.registreer(Plantaken())

        from .overname import Doelsoorten, Niveaus, Themas, overnames

        overnames.registreer(Themas())
        overnames.registreer(Niveaus())
        overnames.registreer(Doelsoorten())
