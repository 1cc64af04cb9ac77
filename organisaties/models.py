import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from basis.versies import Versiebeheerd


class User(AbstractUser):
    """A person who logs in. What they may do depends on their memberships (Lidmaatschap).

    Every user has an e-mail address, unique whatever its capitals: invitations go there."""

    email = models.EmailField(_("e-mailadres"))

    # Who changed a name, an address or the active flag; never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="uniek_email_zonder_hoofdletters",
                violation_error_message=_("Er is al een gebruiker met dit e-mailadres."),
            ),
        ]

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
    tweestaps_verplicht = models.BooleanField(
        _("tweestapsverificatie verplicht voor alle leden"),
        default=False,
        db_default=False,  # rows written by code that predates the field (a rolling deploy)
        help_text=_(
            "Voor management en beheerders is tweestapsverificatie altijd verplicht. Zet dit "
            "aan om het ook van de andere leden te vragen, vanaf hun volgende inlog."
        ),
    )
    # How the plan document presents the organisation (the beheerder's settings page).
    naam_in_document = models.CharField(
        _("naam zoals gedrukt"),
        max_length=200,
        blank=True,
        db_default="",  # rows written by code that predates the field (a rolling deploy)
        help_text=_(
            "Zoals de naam op het plan moet staan, bijvoorbeeld ‘gemeente Voorbeeld’. "
            "Leeg: de naam hierboven."
        ),
    )
    huiskleur = models.CharField(
        _("huiskleur"),
        max_length=7,
        blank=True,
        db_default="",
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$",
                _("Geef de kleur als # met zes tekens, bijvoorbeeld #1d5c8c."),
            )
        ],
        help_text=_(
            "Als #rrggbb, bijvoorbeeld #1d5c8c. Witte tekst moet er goed op leesbaar zijn."
        ),
    )
    # The logo as a PNG (re-encoded from the upload); kept in the database like every
    # other piece of user data, and left out of the history (one copy, not one per save).
    logo = models.BinaryField(_("logo"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        # The house colour must keep white text readable, whichever path sets it (the
        # beheerder's page, the platform admin).
        if isinstance(self.huiskleur, str) and self.huiskleur:  # not the db_default marker
            from .huisstijl import huiskleur_controleren

            self.huiskleur = huiskleur_controleren(self.huiskleur)

    @property
    def gedrukte_naam(self) -> str:
        return self.naam_in_document or self.naam

    # The plan document's colour when the organisation chose none (white text on it: 10:1).
    STANDAARDKLEUR = "#154273"

    @property
    def documentkleur(self) -> str:
        return self.huiskleur or self.STANDAARDKLEUR


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


class Lidmaatschap(Versiebeheerd):
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


class Uitnodiging(models.Model):
    """An invitation to join an organisation, sent by its beheerder to an e-mail address.

    The person becomes a member only by accepting it from the link in the e-mail: with
    their existing account (after logging in) or with a new one (choosing a password). So
    adding someone reveals nothing about accounts elsewhere and attaches nobody without
    their consent. Only the SHA-256 of the link's token is stored.
    """

    GELDIG = datetime.timedelta(days=14)

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mailadres"))
    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("achternaam"), max_length=150)
    rollen = models.ManyToManyField(Rol, verbose_name=_("rollen"), related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # none: the platform administrator (organisatie_aanmaken)
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    history = HistoricalRecords(m2m_fields=[rollen], excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                "organisatie",
                Lower("email"),
                name="een_uitnodiging_per_adres",
                violation_error_message=_("Dit adres heeft al een uitnodiging."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisatie}"

    @staticmethod
    def hash_van_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def naam(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def geldig_tot(self) -> datetime.datetime:
        return self.verstuurd_op + self.GELDIG

    @property
    def verlopen(self) -> bool:
        return timezone.now() >= self.geldig_tot
