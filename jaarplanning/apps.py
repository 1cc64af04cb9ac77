from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JaarplanningConfig(AppConfig):
    """Steps 5 and 6: borging (what embeds MVOI, and the embedding actions) and the year
    planning's actions per quarter and actor group. The embedding actions are actions of
    the year planning, so both steps share this app (docs/adr/0001-stappenregister.md).

    Each organisation starts with the reference's actor groups (a signal on a new
    organisation, a data migration for the existing ones).
    """

    name = "jaarplanning"
    verbose_name = _("Borging en jaarplanning")

    def ready(self):
        from django.db.models.signals import post_save

        from actieplan.stappen import register
        from organisaties.models import Organisatie

        from . import services
        from .stap_inhoud import BorgingStap, JaarplanningStap

        register.registreer(BorgingStap())
        register.registreer(JaarplanningStap())

        def actorgroepen_voor_nieuwe_organisatie(sender, instance, created, raw=False, **kw):
            if created and not raw:
                services.actorgroepen_aanmaken(organisatie=instance)

        post_save.connect(
            actorgroepen_voor_nieuwe_organisatie,
            sender=Organisatie,
            dispatch_uid="jaarplanning.actorgroepen",
            weak=False,
        )

        from actieplan.overname import overnames

        from .overname import BorgingTeksten, OnafgerondeActies

        overnames.registreer(BorgingTeksten())
        overnames.registreer(OnafgerondeActies())
