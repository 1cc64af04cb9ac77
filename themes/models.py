"""Reference data shared by all organisations: the six MVOI themes of the Manifest, the five
ambition levels and the product groups. Loaded by a data migration; a platform administrator
edits them in the Django admin.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basis.getallen import bedrag_tonen, getal_tonen


class Sdg(models.Model):
    nummer = models.PositiveSmallIntegerField(
        _("nummer"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"SDG {self.nummer} {self.naam}"


class Thema(models.Model):
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    korte_naam = models.CharField(
        _("korte naam"), max_length=40, help_text=_("Voor tabellen en grafieken.")
    )
    omschrijving = models.TextField(_("korte omschrijving"))
    pianoo_url = models.URLField(_("PIANOo-pagina"), max_length=300)
    sdgs = models.ManyToManyField(Sdg, verbose_name=_("SDG's"), blank=True, related_name="themas")
    overige_koppelingen = models.CharField(
        _("overige koppelingen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld CO₂-prestatieladder of FairTrade."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Ambitieniveau(models.Model):
    nummer = models.PositiveSmallIntegerField(
        _("niveau"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    naam = models.CharField(_("naam"), max_length=50, unique=True)
    betekenis = models.TextField(_("betekenis"))

    class Meta:
        verbose_name = _("ambitieniveau")
        verbose_name_plural = _("ambitieniveaus")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"


class Productgroep(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    kansrijke_themas = models.ManyToManyField(
        Thema,
        verbose_name=_("kansrijke thema's"),
        blank=True,
        related_name="productgroepen",
        help_text=_("De thema's die bij deze productgroep het meest kansrijk zijn."),
    )
    criteriatool_url = models.URLField(
        _("MVI-criteriatool"),
        max_length=300,
        blank=True,
        help_text=_(
            "De pagina met de MVI-criteria voor deze productgroep in de MVI-criteriatool "
            "(mvicriteria.nl). Leeg: de tool wordt niet getoond."
        ),
    )

    class Meta:
        verbose_name = _("productgroep")
        verbose_name_plural = _("productgroepen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Doelsoort(models.Model):
    """A kind of measurable goal (step 3): what is counted, in which unit, whether a threshold
    (a contract value) applies, and how the tender calendar computes progress – or that it
    can't, and the figure is filled in at the evaluation.

    `sjabloon` is the sentence shown for a goal of this kind, with {waarde}, {jaar} and, for
    a kind with a threshold, {drempel}. Loaded by data migrations (0004, 0006).
    """

    # The kind the tender calendar has computed from the start (step 4's progress card).
    KANSRIJKE_AANBESTEDINGEN = "kansrijke-aanbestedingen-met-thema"

    class Eenheid(models.TextChoices):
        PROCENT = "procent", _("procent")
        AANTAL = "aantal", _("aantal")
        TON_CO2 = "ton-co2", _("ton CO₂")

    class Berekening(models.TextChoices):
        GEEN = "", _("Niet uit de kalender: in te vullen bij de evaluatie")
        KANSRIJK_MET_FOCUSTHEMA = (
            "kansrijk-met-focusthema",
            _("Deel van de kansrijke aanbestedingen met een focusthema toegepast"),
        )
        SROI_BOVEN_DREMPEL = (
            "sroi-boven-drempel",
            _("Deel van de kansrijke aanbestedingen vanaf de drempelwaarde met social return"),
        )
        AANTAL_MET_THEMA = (
            "aantal-met-thema",
            _("Aantal aanbestedingen waarin het thema van deze soort is toegepast"),
        )
        CO2_REDUCTIE = "co2-reductie", _("Som van de verwachte CO₂-reductie van de aanbestedingen")

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    naam = models.CharField(_("naam"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    sjabloon = models.CharField(
        _("zin"),
        max_length=300,
        help_text=_(
            "Met {waarde} en {jaar} (en {drempel} bij een drempelwaarde), bijvoorbeeld: "
            "In {waarde}% van … in {jaar}."
        ),
    )
    eenheid = models.CharField(
        _("eenheid"), max_length=20, choices=Eenheid.choices, default=Eenheid.PROCENT
    )
    met_drempel = models.BooleanField(
        _("met drempelwaarde"),
        default=False,
        help_text=_("Het doel geldt voor opdrachten vanaf een geraamde waarde in euro's."),
    )
    berekening = models.CharField(
        _("berekening uit de aanbestedingskalender"),
        max_length=40,
        choices=Berekening.choices,
        blank=True,
    )
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
        help_text=_("Alleen bij de berekening 'aantal aanbestedingen met het thema toegepast'."),
    )

    class Meta:
        verbose_name = _("soort doel")
        verbose_name_plural = _("soorten doelen")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(berekening="aantal-met-thema") | models.Q(thema__isnull=False),
                name="doelsoort_thema_bij_aantal_met_thema",
                violation_error_message=_("Kies het thema dat geteld wordt."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        """A sentence that can be filled in (else every page showing a goal of this kind
        would fail), and a threshold where the calculation needs one."""
        fouten = {}
        try:
            self.sjabloon.format(waarde="80", jaar="2026", drempel="€ 100.000")
        except (KeyError, IndexError, ValueError):
            fouten["sjabloon"] = _(
                "Gebruik in de zin alleen {waarde}, {jaar} en {drempel}, elk tussen accolades; "
                "een losse accolade kan niet."
            )
        if self.berekening == self.Berekening.SROI_BOVEN_DREMPEL and not self.met_drempel:
            fouten["met_drempel"] = _("Deze berekening telt vanaf een drempelwaarde: zet dit aan.")
        if fouten:
            raise ValidationError(fouten)

    @property
    def is_procent(self) -> bool:
        return self.eenheid == self.Eenheid.PROCENT

    def waarde_tonen(self, waarde) -> str:
        """80%, 3, 120 ton CO₂ – the target or the realised figure in this kind's unit."""
        if waarde is None:
            return "–"
        if self.eenheid == self.Eenheid.PROCENT:
            return f"{getal_tonen(waarde)}%"
        if self.eenheid == self.Eenheid.TON_CO2:
            return f"{getal_tonen(waarde)} ton CO₂"
        return getal_tonen(waarde)

    def zin(self, *, waarde, jaar, drempel=None) -> str:
        return self.sjabloon.format(
            waarde=getal_tonen(waarde), jaar=jaar, drempel=bedrag_tonen(drempel)
        )
