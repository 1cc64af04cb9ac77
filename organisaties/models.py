from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who logs in. What they may do depends on their memberships (Lidmaatschap)."""

    email = models.EmailField(_("e-mailadres"), unique=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Organisatie(models.Model):
    class Type(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        WATERSCHAP = "waterschap", _("Waterschap")
        RIJKSOVERHEID = "rijksoverheid", _("Rijksoverheid")
        ANDERS = "anders", _("Anders")

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    manifest_ondertekend_op = models.DateField(
        _("Manifest MVOI ondertekend op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de organisatie het Manifest MVOI ondertekende."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Rol(models.Model):
    """One of the five fixed roles; rows are loaded by a data migration."""

    class Code(models.TextChoices):
        INKOOPADVISEUR = "inkoopadviseur", _("Inkoopadviseur")
        MVOI_TEAMLID = "mvoi_teamlid", _("MVOI-teamlid")
        COORDINATOR = "coordinator", _("Coördinator")
        MANAGEMENT = "management", _("Management")
        BEHEERDER = "beheerder", _("Beheerder")

    code = models.CharField(_("code"), max_length=20, primary_key=True, choices=Code.choices)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Lidmaatschap(models.Model):
    """A user's membership of one organisation, with one or more roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("organisatie"),
    )
    rollen = models.ManyToManyField(Rol, verbose_name=_("rollen"), related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[rollen])

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie"], name="uniek_lidmaatschap"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisatie}"
