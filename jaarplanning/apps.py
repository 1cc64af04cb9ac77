from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JaarplanningConfig(AppConfig):
    """Steps 5 and 6: borging (what embeds MVOI, and the embedding actions) and the year
    planning's actions per quarter and actor group. The embedding actions are actions of
    the year planning, so both steps share this app (docs/adr/0001-stappenregister.md).

    Until their issue the two steps are placeholders in the register: their pages say so.
    """

    name = "jaarplanning"
    verbose_name = _("Borging en jaarplanning")

    def ready(self):
        from actieplan.stappen import VoorlopigeStap, register

        register.registreer(VoorlopigeStap("borging"))
        register.registreer(VoorlopigeStap("jaarplanning"))
