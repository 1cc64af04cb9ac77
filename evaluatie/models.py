"""Step 7 and the evaluation after each kansrijke tender.

`TenderEvaluatie` is the reference's "standard evaluation after each kansrijke tender":
once a tender is awarded, its owner records per applied theme what the market offered,
whether it worked, the lessons and the effect figures. The yearly evaluation (step 7) sums
those figures; it never asks them again.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aanbestedingskalender.models import Aanbesteding
from mvoi.versies import Versiebeheerd
from themes.models import Thema


class TenderEvaluatie(Versiebeheerd):
    """The evaluation of one awarded kansrijke tender; its themes in `ThemaEffect`."""

    aanbesteding = models.OneToOneField(
        Aanbesteding, on_delete=models.CASCADE, related_name="evaluatie"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevuld door"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatie van een aanbesteding")
        verbose_name_plural = _("evaluaties van aanbestedingen")

    def __str__(self) -> str:
        return str(_("Evaluatie van %(naam)s")) % {"naam": self.aanbesteding}


class ThemaEffect(models.Model):
    """One applied theme of an evaluated tender: how it went and what it brought."""

    class Gewerkt(models.TextChoices):
        JA = "ja", _("Ja")
        DEELS = "deels", _("Deels")
        NEE = "nee", _("Nee")

    evaluatie = models.ForeignKey(
        TenderEvaluatie, on_delete=models.CASCADE, related_name="effecten"
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    markt = models.TextField(_("wat bood de markt?"), blank=True)
    gewerkt = models.CharField(
        _("heeft het gewerkt?"), max_length=10, choices=Gewerkt.choices, blank=True
    )
    lessen = models.TextField(_("lessen"), blank=True)
    co2_vermeden_ton = models.DecimalField(
        _("CO₂ vermeden (ton)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    sroi_euro = models.DecimalField(
        _("social return (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    sroi_percentage = models.DecimalField(
        _("social return (% van de opdrachtwaarde)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    circulair_percentage = models.DecimalField(
        _("aandeel circulair materiaal (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    overig_waarde = models.DecimalField(
        _("ander effect: waarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    overig_eenheid = models.CharField(
        _("ander effect: eenheid"),
        max_length=60,
        blank=True,
        help_text=_("Bijvoorbeeld: kg afval voorkomen, of banen voor statushouders."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("effect per thema")
        verbose_name_plural = _("effecten per thema")
        ordering = ["thema__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["evaluatie", "thema"], name="uniek_effect_per_thema"),
            models.CheckConstraint(
                condition=models.Q(overig_waarde__isnull=True) | ~models.Q(overig_eenheid=""),
                name="overig_effect_met_eenheid",
                violation_error_message=_("Geef bij een ander effect ook de eenheid."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluatie.aanbesteding} – {self.thema}"
