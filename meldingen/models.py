from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    """The kinds of message; each person can turn each off (`Uitgezet`)."""

    TER_GOEDKEURING = "ter_goedkeuring", _("Een versie van het plan wacht op mijn goedkeuring")
    BESLUIT = "besluit", _("Management heeft besloten over een versie die ik indiende")
    NULMETING = "nulmeting", _("Ik word gevraagd de nulmeting in te vullen")
    EVALUATIE = "evaluatie", _("Een gegunde aanbesteding van mij wacht op de evaluatie")
    KWARTAALOVERLEG = "kwartaaloverleg", _("Het kwartaaloverleg is nog niet vastgelegd")
    HERINNERING = "herinnering", _("Eén keer per dag een herinnering aan mijn open taken")


class Bericht(models.Model):
    """One e-mail to one person, stored before it is sent (in the transaction of the event
    that causes it) and sent by the worker; one that could not be sent is tried again."""

    MAX_POGINGEN = 8

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.CASCADE, null=True, related_name="+"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        indexes = [
            models.Index(
                fields=["aangemaakt"],
                name="bericht_onverzonden",
                condition=models.Q(verzonden_op__isnull=True),
            ),
            models.Index(fields=["ontvanger", "soort", "aangemaakt"], name="bericht_per_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} → {self.ontvanger}"


class Uitgezet(models.Model):
    """A kind of message a person does not want by e-mail (the to-do list still shows it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen_uit"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)

    class Meta:
        verbose_name = _("uitgezette melding")
        verbose_name_plural = _("uitgezette meldingen")
        constraints = [models.UniqueConstraint(fields=["user", "soort"], name="een_keer_uitgezet")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_soort_display()} uit"
