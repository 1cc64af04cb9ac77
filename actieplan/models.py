from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisaties.models import Organisatie

MAX_PLANPERIODE_JAREN = 10


class Actieplan(models.Model):
    """An organisation's Actieplan MVOI for a period of years (e.g. 2024–2027)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="actieplannen",
        verbose_name=_("organisatie"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    startjaar = models.PositiveSmallIntegerField(
        _("startjaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    eindjaar = models.PositiveSmallIntegerField(
        _("eindjaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actieplan")
        verbose_name_plural = _("actieplannen")
        ordering = ["-startjaar", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eindjaar__gte=models.F("startjaar")),
                name="actieplan_eindjaar_na_startjaar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.periode})"

    @property
    def periode(self) -> str:
        return f"{self.startjaar}–{self.eindjaar}"

    @property
    def jaren(self) -> range:
        return range(self.startjaar, self.eindjaar + 1)

    def clean(self) -> None:
        if self.startjaar and self.eindjaar:
            if self.eindjaar < self.startjaar:
                raise ValidationError(
                    {"eindjaar": _("Het eindjaar kan niet vóór het startjaar liggen.")}
                )
            if self.eindjaar - self.startjaar >= MAX_PLANPERIODE_JAREN:
                raise ValidationError(
                    {
                        "eindjaar": _("Een planperiode duurt hoogstens %(max)s jaar.")
                        % {"max": MAX_PLANPERIODE_JAREN}
                    }
                )
