"""An organisation's own identity provider (OpenID Connect), and who logged in through it.

One installation serves many organisations, each with its own provider: the provider is
found by the e-mail domain a person types on the login page (or the organisation's button),
and a person is known by the provider's subject claim (`sub`), never by an e-mail address
alone. See docs/sso.md for how an organisation's IT sets it up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisaties.models import Organisatie, Rol

from . import geheimen

# The reason in the history records of a membership made or changed by a login through the
# provider (its roles follow the groups): the Werkaccounts page lists them.
WIJZIGINGSREDEN = "werkaccount"


def _domeinen_controleren(tekst: str) -> None:
    for domein in domeinen_uit(tekst):
        if "@" in domein or "." not in domein or " " in domein:
            raise ValidationError(
                _("‘%(domein)s’ is geen e-maildomein (zoals gemeente-a.nl)."),
                params={"domein": domein},
            )


def domeinen_uit(tekst: str) -> list[str]:
    """The e-mail domains in a text of one or more (lines, commas or spaces), lower case."""
    return [d.strip().lower() for d in tekst.replace(",", " ").split() if d.strip()]


class Identiteitsprovider(models.Model):
    organisatie = models.OneToOneField(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="identiteitsprovider",
        verbose_name=_("organisatie"),
    )
    naam = models.CharField(
        _("naam op de inlogknop"),
        max_length=100,
        help_text=_("Bijvoorbeeld ‘Microsoft-account van Gemeente Zuidstad’."),
    )
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "De issuer van de provider, zonder /.well-known/openid-configuration; "
            "bijvoorbeeld https://login.microsoftonline.com/<tenant-id>/v2.0."
        ),
    )
    client_id = models.CharField(_("client-ID"), max_length=255)
    client_secret_versleuteld = models.TextField(editable=False)
    domeinen = models.TextField(
        _("e-maildomeinen"),
        validators=[_domeinen_controleren],
        help_text=_(
            "De domeinen van de werkadressen die bij deze organisatie horen, één per regel "
            "(zoals gemeente-a.nl). Wie zo’n adres intypt, logt in bij deze provider."
        ),
    )
    scopes = models.CharField(
        _("scopes"),
        max_length=200,
        default="openid email profile",
        help_text=_(
            "Wat de applicatie vraagt; voeg de scope toe die uw provider voor de groepen "
            "gebruikt (bij Keycloak bijvoorbeeld ‘groups’; Entra ID stuurt ze zonder)."
        ),
    )

    class IdClaim(models.TextChoices):
        SUB = "sub", _("sub (standaard)")
        OID = "oid", _("oid (Microsoft Entra ID: hetzelfde voor elke applicatie van de tenant)")

    id_claim = models.CharField(
        _("claim die de persoon aanwijst"),
        max_length=10,
        choices=IdClaim.choices,
        default=IdClaim.SUB,
        help_text=_("Nooit het e-mailadres: dat kan veranderen of aan een ander toevallen."),
    )
    groepen_claim = models.CharField(
        _("claim met de groepen"),
        max_length=100,
        blank=True,
        default="groups",
        help_text=_(
            "Leeg: de rollen worden in deze applicatie bijgehouden (een nieuw lid krijgt de "
            "standaardrol)."
        ),
    )
    rollen_per_groep = models.JSONField(
        _("rollen per groep"),
        default=dict,
        blank=True,
        help_text=_(
            'Per groep van de provider de rollen, bijvoorbeeld {"mvoi-coordinatoren": '
            '["coordinator", "mvoi_teamlid"]}.'
        ),
    )
    standaardrol = models.ForeignKey(
        Rol,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("standaardrol"),
        help_text=_("De rol van een nieuw lid dat in geen van de groepen hierboven zit."),
    )
    adressen_vertrouwd = models.BooleanField(
        _("de provider beheert de e-mailadressen zelf"),
        default=False,
        help_text=_(
            "Aan: een adres uit de domeinen hierboven geldt als bevestigd, ook zonder "
            "email_verified in het token (Microsoft Entra ID stuurt die niet; de domeinen "
            "zijn daar door uw IT geverifieerd). Uit: alleen een adres met "
            "email_verified=true koppelt of maakt een account."
        ),
    )
    leden_aanmaken = models.BooleanField(
        _("nieuwe leden aanmaken bij de eerste keer inloggen"),
        default=True,
        help_text=_("Uit: alleen wie al lid is (of uitgenodigd is) kan zo inloggen."),
    )
    wachtwoord_toegestaan = models.BooleanField(
        _("leden mogen ook met een wachtwoord inloggen"),
        default=False,
        help_text=_("Uit: wie een adres met een van de domeinen heeft, logt alleen hier in."),
    )
    mfa_amr = models.CharField(
        _("amr-waarden die als tweestapsverificatie tellen"),
        max_length=200,
        default="mfa otp hwk swk sms",
        help_text=_(
            "Staat één hiervan in de amr-claim van het ID-token, dan vraagt de applicatie "
            "geen eigen code meer."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords(excluded_fields=["client_secret_versleuteld"])

    class Meta:
        verbose_name = _("identiteitsprovider")
        verbose_name_plural = _("identiteitsproviders")

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"

    @property
    def client_secret(self) -> str:
        return geheimen.ontsleutelen(self.client_secret_versleuteld)

    @client_secret.setter
    def client_secret(self, geheim: str) -> None:
        self.client_secret_versleuteld = geheimen.versleutelen(geheim)

    @property
    def domeinlijst(self) -> list[str]:
        return domeinen_uit(self.domeinen)

    def clean(self):
        super().clean()
        self.issuer = self.issuer.rstrip("/")
        if "openid" not in self.scopes.split():
            raise ValidationError({"scopes": _("De scopes moeten ‘openid’ bevatten.")})
        bekende = set(Rol.Code.values)
        if not isinstance(self.rollen_per_groep, dict) or any(
            not isinstance(rollen, list) or not set(rollen) <= bekende
            for rollen in self.rollen_per_groep.values()
        ):
            raise ValidationError(
                {
                    "rollen_per_groep": _(
                        "Geef per groep een lijst van rollen; bekende rollen zijn: %(rollen)s."
                    )
                    % {"rollen": ", ".join(sorted(bekende))}
                }
            )
        andere = Identiteitsprovider.objects.exclude(pk=self.pk)
        for domein in self.domeinlijst:
            if any(domein in p.domeinlijst for p in andere):
                raise ValidationError(
                    {
                        "domeinen": _("Het domein %(domein)s hoort al bij een andere organisatie.")
                        % {"domein": domein}
                    }
                )


class Koppeling(models.Model):
    """A person at a provider (its `sub`) and their account here: the only way a login
    through the provider finds the account."""

    provider = models.ForeignKey(
        Identiteitsprovider, on_delete=models.CASCADE, related_name="koppelingen"
    )
    onderwerp = models.CharField(_("persoon bij de provider (sub of oid)"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_koppelingen"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    laatst_ingelogd = models.DateTimeField(null=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["provider", "onderwerp"], name="uniek_sso_onderwerp"),
            models.UniqueConstraint(fields=["provider", "user"], name="een_koppeling_per_persoon"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.provider}"


class Providersessie(models.Model):
    """A session here that came through the organisation's provider: the refresh token of
    its login (encrypted) and when the provider was last asked about the person. Kept in
    one row instead of in the session, so that two requests of one session at the re-check
    ask the provider once (the first claims the row) and never save an older token over
    the one the provider just gave: a provider that rotates refresh tokens ends the whole grant
    when a used one comes back."""

    provider = models.ForeignKey(
        Identiteitsprovider, on_delete=models.CASCADE, related_name="sessies"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_sessies"
    )
    refresh_token_versleuteld = models.TextField(blank=True)
    gecontroleerd = models.FloatField(help_text="time.time() van de laatste hercontrole")
    storing_sinds = models.FloatField(null=True, blank=True)
    # Until when one request is asking the provider (the others go on meanwhile).
    bezig_tot = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sessie via de provider")
        verbose_name_plural = _("sessies via de provider")

    def __str__(self) -> str:
        return f"{self.user} – {self.provider}"
