"""Steps 5 and 6: what already embeds MVOI (borging), and the year planning's actions.

An embedding action of step 5 is an action of the year planning with a `borging` group:
one record, shown in both steps, so the two are linked both ways by construction.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan
from basis.kwartalen import KWARTALEN, Kwartaal
from basis.versies import Versiebeheerd
from organisaties.models import Organisatie

# The reference plan's actor groups; every new organisation starts with these and changes
# them as it likes (a data migration gives existing organisations the same).
STANDAARD_ACTORGROEPEN = [
    "MVOI-team",
    "Inkoop",
    "Projectleiders aanbesteding",
    "GMT & DT",
    "Interne communicatie",
]


class Actorgroep(Versiebeheerd):
    """A row of the planning grid: who acts (the MVOI team, Inkoop, management …)."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="actorgroepen"
    )
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actorgroep")
        verbose_name_plural = _("actorgroepen")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "naam"],
                name="uniek_actorgroep_per_organisatie",
                violation_error_message=_("Deze actorgroep bestaat al."),
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Borging(Versiebeheerd):
    """Step 5: what the organisation already does to embed MVOI, in two areas."""

    actieplan = models.OneToOneField(Actieplan, on_delete=models.CASCADE, related_name="borging")
    in_organisatie = models.TextField(
        _("Wat doen we al aan borging van MVOI in de organisatie?"), blank=True
    )
    in_inkoopproces = models.TextField(
        _("Wat doen we al aan borging van MVOI in het inkoopproces en contractmanagement?"),
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("borging")
        verbose_name_plural = _("borging")

    def __str__(self) -> str:
        return str(_("Borging van %(plan)s")) % {"plan": self.actieplan}


class Actie(Versiebeheerd):
    """An action of the year planning (step 6), in one quarter or a run of quarters."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        BEZIG = "bezig", _("Bezig")
        GEREED = "gereed", _("Gereed")
        UITGESTELD = "uitgesteld", _("Uitgesteld")
        VERVALLEN = "vervallen", _("Vervallen")

    # A reason is asked for these two.
    MET_REDEN = (Status.UITGESTELD, Status.VERVALLEN)

    class Borgingsgroep(models.TextChoices):
        GEEN = "", _("Geen borgingsactie")
        STRUCTUREEL = "structureel", _("Borging in de organisatie, structureel")
        EENMALIG = "eenmalig", _("Borging in de organisatie, eenmalig")
        INKOOPPROCES = "inkoopproces", _("Borging in het inkoopproces")

    actieplan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="acties")
    jaar = models.PositiveSmallIntegerField(
        _("planningsjaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    titel = models.CharField(_("actie"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actorgroep = models.ForeignKey(
        # RESTRICT: a group with actions cannot be removed on its own, but goes with its
        # organisation (whose plans and actions go too).
        Actorgroep,
        on_delete=models.RESTRICT,
        related_name="acties",
        verbose_name=_("actorgroep"),
    )
    startjaar = models.PositiveSmallIntegerField(_("vanaf jaar"))
    startkwartaal = models.PositiveSmallIntegerField(_("vanaf kwartaal"), choices=KWARTALEN)
    eindjaar = models.PositiveSmallIntegerField(_("tot en met jaar"))
    eindkwartaal = models.PositiveSmallIntegerField(_("tot en met kwartaal"), choices=KWARTALEN)
    verantwoordelijke = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwoordelijke"),
    )
    hoe = models.TextField(_("hoe"), blank=True)
    extra_budget = models.DecimalField(
        _("extra budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    extra_uren = models.DecimalField(
        _("extra capaciteit (uren)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    reden = models.TextField(_("reden"), blank=True, help_text=_("Waarom uitgesteld of vervallen."))
    borging = models.CharField(
        _("borgingsactie (stap 5)"),
        max_length=20,
        choices=Borgingsgroep.choices,
        blank=True,
    )
    aanbesteding = models.ForeignKey(
        Aanbesteding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name=_("voor aanbesteding"),
    )
    voortgezet_uit = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voortgezet_in",
        verbose_name=_("voortgezet uit"),
        help_text=_("De actie van het jaar ervoor die deze actie voortzet."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["startjaar", "startkwartaal", "titel"]
        indexes = [models.Index(fields=["actieplan", "jaar"], name="actie_plan_jaar")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(startjaar__lt=models.F("eindjaar"))
                | models.Q(
                    startjaar=models.F("eindjaar"), startkwartaal__lte=models.F("eindkwartaal")
                ),
                name="actie_start_voor_eind",
                violation_error_message=_("Het laatste kwartaal ligt vóór het eerste."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def start(self) -> Kwartaal:
        return Kwartaal(self.startjaar, self.startkwartaal)

    @property
    def eind(self) -> Kwartaal:
        return Kwartaal(self.eindjaar, self.eindkwartaal)

    @property
    def kwartalen(self) -> list[Kwartaal]:
        return [self.start + i for i in range(self.eind - self.start + 1)]

    @property
    def periode(self) -> str:
        return str(self.start) if self.start == self.eind else f"{self.start} – {self.eind}"
