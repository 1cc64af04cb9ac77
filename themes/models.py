"""Reference data shared by all organisations: the six MVOI themes of the Manifest, the five
ambition levels and the product groups. Loaded by a data migration; a platform administrator
edits them in the Django admin.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("productgroep")
        verbose_name_plural = _("productgroepen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Doelsoort(models.Model):
    """A kind of measurable goal the application can compute later (step 3).

    `sjabloon` is the sentence shown for a goal of this kind, with {percentage} and {jaar}.
    """

    # The kind the tender calendar computes (step 4's progress against step 3's goal);
    # loaded by the data migration 0004_doelsoorten.
    KANSRIJKE_AANBESTEDINGEN = "kansrijke-aanbestedingen-met-thema"

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    naam = models.CharField(_("naam"), max_length=200)
    sjabloon = models.CharField(
        _("zin"),
        max_length=300,
        help_text=_("Met {percentage} en {jaar}, bijvoorbeeld: In {percentage}% van … in {jaar}."),
    )

    class Meta:
        verbose_name = _("soort doel")
        verbose_name_plural = _("soorten doelen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def zin(self, *, percentage, jaar) -> str:
        return self.sjabloon.format(percentage=percentage, jaar=jaar)
