from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actieplan.models import Actieplan
from basis.kwartalen import KWARTALEN, Kwartaal
from basis.versies import Versiebeheerd
from themes.models import Productgroep, Thema

# The fields a user keeps per tender, in the order of the form and the spreadsheet.
KALENDERVELDEN = [
    "kenmerk",
    "naam",
    "omschrijving",
    "afdeling",
    "eigenaar",
    "productgroep",
    "geraamde_waarde",
    "procedure",
    "soort",
    "startjaar",
    "startkwartaal",
    "contract_start",
    "contract_eind",
    "kansrijk",
    "status",
    "sroi_percentage",
    "co2_reductie_ton",
]


class Aanbesteding(Versiebeheerd):
    """A tender in the plan's calendar, with the quarter in which its process starts."""

    class Procedure(models.TextChoices):
        EUROPEES_OPENBAAR = "europees_openbaar", _("Europees openbaar")
        EUROPEES_NIET_OPENBAAR = "europees_niet_openbaar", _("Europees niet-openbaar")
        NATIONAAL_OPENBAAR = "nationaal_openbaar", _("Nationaal openbaar")
        MEERVOUDIG_ONDERHANDS = "meervoudig_onderhands", _("Meervoudig onderhands")
        ENKELVOUDIG_ONDERHANDS = "enkelvoudig_onderhands", _("Enkelvoudig onderhands")
        ANDERS = "anders", _("Anders")

    class Soort(models.TextChoices):
        WERKEN = "werken", _("Werken")
        LEVERINGEN = "leveringen", _("Leveringen")
        DIENSTEN = "diensten", _("Diensten")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        IN_VOORBEREIDING = "in_voorbereiding", _("In voorbereiding")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        GEGUND = "gegund", _("Gegund")
        UITGESTELD = "uitgesteld", _("Uitgesteld")
        VERVALLEN = "vervallen", _("Vervallen")

    # Once published, the choice per applicable theme is made: comply or explain.
    BESLIST = (Status.GEPUBLICEERD, Status.GEGUND)

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="aanbestedingen"
    )
    kenmerk = models.CharField(
        _("kenmerk"),
        max_length=40,
        help_text=_("Uw eigen nummer of code, uniek binnen het plan; de sleutel bij import."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    afdeling = models.CharField(_("afdeling"), max_length=100, blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    productgroep = models.ForeignKey(
        Productgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("productgroep"),
    )
    geraamde_waarde = models.DecimalField(
        _("geraamde waarde (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    procedure = models.CharField(_("procedure"), max_length=30, choices=Procedure.choices)
    soort = models.CharField(_("soort opdracht"), max_length=20, choices=Soort.choices)
    startjaar = models.PositiveSmallIntegerField(
        _("startjaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    startkwartaal = models.PositiveSmallIntegerField(_("startkwartaal"), choices=KWARTALEN)
    contract_start = models.DateField(_("start contract"), null=True, blank=True)
    contract_eind = models.DateField(_("einde contract"), null=True, blank=True)
    kansrijk = models.BooleanField(_("kansrijk"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    reden_vervallen = models.TextField(
        _("reden vervallen"),
        blank=True,
        db_default="",  # rows written by code that predates the field (a rolling deploy)
        help_text=_("Waarom de aanbesteding niet doorgaat (bij het voorbereiden van een jaar)."),
    )
    sroi_percentage = models.DecimalField(
        _("SROI (% van de opdrachtwaarde)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    co2_reductie_ton = models.DecimalField(
        _("verwachte CO₂-reductie (ton)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanbesteding")
        verbose_name_plural = _("aanbestedingen")
        ordering = ["startjaar", "startkwartaal", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["actieplan", "kenmerk"],
                name="uniek_kenmerk",
                violation_error_message=_(
                    "Dit kenmerk staat al in de aanbestedingskalender van dit plan. Kies een "
                    "ander kenmerk, of open die aanbesteding om haar te wijzigen."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(startkwartaal__gte=1, startkwartaal__lte=4),
                name="startkwartaal_1_tot_4",
            ),
        ]
        indexes = [models.Index(fields=["actieplan", "startjaar", "startkwartaal"])]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.naam}"

    @property
    def start(self) -> Kwartaal:
        return Kwartaal(self.startjaar, self.startkwartaal)

    def clean(self) -> None:
        if self.contract_start and self.contract_eind and self.contract_eind < self.contract_start:
            raise ValidationError(
                {"contract_eind": _("Het contract kan niet eindigen vóór het begint.")}
            )


class ThemaToepassing(models.Model):
    """A theme that is applicable to a tender, and whether and how it is applied."""

    class Vorm(models.TextChoices):
        MINIMUMEIS = "minimumeis", _("Minimumeis")
        GUNNINGSCRITERIUM = "gunningscriterium", _("Gunningscriterium")
        CONTRACTBEPALING = "contractbepaling", _("Contractbepaling")
        ANDERS = "anders", _("Anders")

    class CriteriaNiveau(models.TextChoices):
        BASIS = "basis", _("Basis")
        SIGNIFICANT = "significant", _("Significant")
        AMBITIEUS = "ambitieus", _("Ambitieus")

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="toepassingen"
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    toegepast = models.BooleanField(_("toegepast"), default=False)
    vorm = models.CharField(_("vorm"), max_length=20, choices=Vorm.choices, blank=True)
    criteria_niveau = models.CharField(
        _("niveau MVI-criteria"), max_length=20, choices=CriteriaNiveau.choices, blank=True
    )
    uitleg = models.TextField(
        _("uitleg (pas toe of leg uit)"),
        blank=True,
        help_text=_("Waarom dit toepasbare thema niet is toegepast."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toepassing van een thema")
        verbose_name_plural = _("toepassingen van thema's")
        ordering = ["thema__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "thema"], name="uniek_toepassing"),
        ]

    def __str__(self) -> str:
        return f"{self.thema} bij {self.aanbesteding}"

    @property
    def uitleg_ontbreekt(self) -> bool:
        return not self.toegepast and not self.uitleg.strip()

    def clean(self) -> None:
        if self.toegepast and not self.vorm:
            raise ValidationError({"vorm": _("Kies in welke vorm het thema is toegepast.")})

    @classmethod
    def geschiedenis_van_plan(cls, actieplan_id: int) -> models.Q:
        """For the plan's history page: the rows of every tender the plan ever had, also
        of one deleted since (through the tenders' own history)."""
        return models.Q(
            aanbesteding_id__in=Aanbesteding.history.filter(actieplan_id=actieplan_id).values("id")
        )


class Verplaatsing(models.Model):
    """A tender moved to another start quarter: the history of postponements."""

    aanbesteding = models.ForeignKey(
        Aanbesteding, on_delete=models.CASCADE, related_name="verplaatsingen"
    )
    van_jaar = models.PositiveSmallIntegerField()
    van_kwartaal = models.PositiveSmallIntegerField(choices=KWARTALEN)
    naar_jaar = models.PositiveSmallIntegerField()
    naar_kwartaal = models.PositiveSmallIntegerField(choices=KWARTALEN)
    reden = models.TextField(_("reden"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verplaatsing")
        verbose_name_plural = _("verplaatsingen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.aanbesteding}: {self.van} → {self.naar}"

    @property
    def van(self) -> Kwartaal:
        return Kwartaal(self.van_jaar, self.van_kwartaal)

    @property
    def naar(self) -> Kwartaal:
        return Kwartaal(self.naar_jaar, self.naar_kwartaal)


class Kwartaaloverleg(Versiebeheerd):
    """The MVOI team's quarterly meeting: notes and decisions, saved per quarter."""

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="kwartaaloverleggen"
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"), choices=KWARTALEN)
    datum = models.DateField(_("datum van het overleg"), null=True, blank=True)
    aanwezigen = models.TextField(_("aanwezigen"), blank=True)
    notities = models.TextField(_("notities"), blank=True)
    besluiten = models.TextField(_("besluiten"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kwartaaloverleg")
        verbose_name_plural = _("kwartaaloverleggen")
        constraints = [
            models.UniqueConstraint(
                fields=["actieplan", "jaar", "kwartaal"], name="uniek_kwartaaloverleg"
            ),
        ]

    def __str__(self) -> str:
        return f"Kwartaaloverleg {Kwartaal(self.jaar, self.kwartaal)}"

    @property
    def kwartaal_label(self) -> str:
        return str(Kwartaal(self.jaar, self.kwartaal))


class Importbestand(models.Model):
    """An uploaded calendar (or year planning) between preview and confirmation. Kept in
    the database (not on local disk) so any app server can confirm it; removed once
    imported."""

    class Soort(models.TextChoices):
        KALENDER = "kalender", _("Aanbestedingskalender")
        JAARPLANNING = "jaarplanning", _("Jaarplanning")

    actieplan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # What the file is imported into: an upload for one is never confirmed in the other.
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.KALENDER)
    bestandsnaam = models.CharField(max_length=255)
    formaat = models.CharField(max_length=10)
    inhoud = models.BinaryField()
    # The preview (ImportResultaat.als_json), computed once right after the upload; the
    # preview page shows it without checking the file again.
    controle = models.JSONField(null=True, editable=False)
    # The rows as the preview read them (bestanden.gelezen_als_json): the confirm imports
    # these values without reading the file again. None: read the file.
    gelezen = models.JSONField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.bestandsnaam
