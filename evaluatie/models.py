"""Step 7 and the evaluation after each kansrijke tender.

`TenderEvaluatie` is the reference's "standard evaluation after each kansrijke tender":
once a tender is awarded, its owner records per applied theme what the market offered,
whether it worked, the lessons and the effect figures. The yearly evaluation (step 7) sums
those figures; it never asks them again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan
from basis.versies import Versiebeheerd
from themes.models import Ambitieniveau, Doelsoort, Thema


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

    # What __str__ reads: loaded with it where many are named at once (the history page).
    naam_via = ("aanbesteding",)

    def __str__(self) -> str:
        return str(_("Evaluatie van %(naam)s")) % {"naam": self.aanbesteding}

    @classmethod
    def geschiedenis_van_plan(cls, actieplan_id: int) -> models.Q:
        """For the plan's history page, through the tenders' own history (see
        ThemaToepassing)."""
        return models.Q(
            aanbesteding_id__in=Aanbesteding.history.filter(actieplan_id=actieplan_id).values("id")
        )


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

    naam_via = ("evaluatie__aanbesteding", "thema")

    def __str__(self) -> str:
        return f"{self.evaluatie.aanbesteding} – {self.thema}"

    @classmethod
    def geschiedenis_van_plan(cls, actieplan_id: int) -> models.Q:
        """For the plan's history page, through the evaluations' and tenders' history."""
        return models.Q(
            evaluatie_id__in=TenderEvaluatie.history.filter(
                TenderEvaluatie.geschiedenis_van_plan(actieplan_id)
            ).values("id")
        )


# Step 7's three levels, with the reference's guiding questions per question.
NIVEAUS = ("strategisch", "inhoudelijk", "procesgericht")
VRAGEN = ("goed", "beter", "letten")
VRAAGTEKSTEN = {
    "goed": _("Wat ging er goed?"),
    "beter": _("Wat had er beter gekund?"),
    "letten": _("Waar moeten we op letten komend jaar?"),
}
NIVEAUNAMEN = {
    "strategisch": _("Strategisch"),
    "inhoudelijk": _("Inhoudelijk"),
    "procesgericht": _("Procesgericht"),
}
HULPVRAGEN = {
    ("strategisch", "goed"): [
        _("Hoe vinden we de samenwerking binnen het MVOI-team?"),
        _("Welke successen hebben we met elkaar behaald?"),
    ],
    ("strategisch", "beter"): [
        _("Hoe kunnen we onze samenwerking en borging binnen de organisatie verbeteren?"),
        _("Wat vinden we van de grootte van het MVOI-team? Willen we dit uitbreiden?"),
    ],
    ("strategisch", "letten"): [_("Wat nemen we mee als lessen naar volgend jaar?")],
    ("inhoudelijk", "goed"): [
        _("Hebben we onze doelen en ambities behaald?"),
        _("Als we in deze lijn doorgaan, halen we dan onze ambitie op de verschillende thema's?"),
    ],
    ("inhoudelijk", "beter"): [
        _("Hebben we inzichtelijk gemaakt waar onze impact zit?"),
        _("Hoe is het monitoringproces ingericht?"),
    ],
    ("inhoudelijk", "letten"): [
        _("Wat nemen we mee als lessen naar volgend jaar?"),
        _("Waar moeten we op bijsturen vanuit strategisch niveau?"),
    ],
    ("procesgericht", "goed"): [
        _(
            "Hebben we in het deel van de kansrijke aanbestedingen uit ons jaardoel één of meer "
            "MVOI-thema's toegepast?"
        ),
        _("Welke acties uit de jaarplanning hebben we uitgevoerd? Welke niet?"),
    ],
    ("procesgericht", "beter"): [
        _("Als we acties uit de jaarplanning niet hebben uitgevoerd, hoe komt dat?"),
        _("Zijn we binnen budget en capaciteit gebleven? Zo nee, waarom niet?"),
    ],
    ("procesgericht", "letten"): [
        _("Wat nemen we mee als lessen naar volgend jaar?"),
        _("Moeten we onze doelen of ambities bijstellen?"),
    ],
}
ANTWOORDVELDEN = tuple(f"{niveau}_{vraag}" for niveau in NIVEAUS for vraag in VRAGEN)


class Jaarevaluatie(Versiebeheerd):
    """Step 7 for one plan year: the MVOI team's answers on three levels, and the decisions
    taken. The figures next to them are computed (selectors.jaarcijfers), never typed."""

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="jaarevaluaties"
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    strategisch_goed = models.TextField(_("Strategisch: wat ging er goed?"), blank=True)
    strategisch_beter = models.TextField(_("Strategisch: wat had er beter gekund?"), blank=True)
    strategisch_letten = models.TextField(
        _("Strategisch: waar moeten we op letten komend jaar?"), blank=True
    )
    inhoudelijk_goed = models.TextField(_("Inhoudelijk: wat ging er goed?"), blank=True)
    inhoudelijk_beter = models.TextField(_("Inhoudelijk: wat had er beter gekund?"), blank=True)
    inhoudelijk_letten = models.TextField(
        _("Inhoudelijk: waar moeten we op letten komend jaar?"), blank=True
    )
    procesgericht_goed = models.TextField(_("Procesgericht: wat ging er goed?"), blank=True)
    procesgericht_beter = models.TextField(_("Procesgericht: wat had er beter gekund?"), blank=True)
    procesgericht_letten = models.TextField(
        _("Procesgericht: waar moeten we op letten komend jaar?"), blank=True
    )
    besluiten = models.TextField(
        _("Besluiten"),
        blank=True,
        help_text=_(
            "Doelen of ambities die we bijstellen. De coördinator past ze toe in stap 2 en 3; "
            "de geschiedenis laat zien wanneer."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jaarevaluatie")
        verbose_name_plural = _("jaarevaluaties")
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "jaar"], name="een_evaluatie_per_jaar")
        ]

    def __str__(self) -> str:
        return str(_("Evaluatie %(jaar)s")) % {"jaar": self.jaar}

    @property
    def compleet(self) -> bool:
        return all(getattr(self, veld).strip() for veld in ANTWOORDVELDEN)


class Jaarovergang(models.Model):
    """A record of preparing the next year from the last (step 7's "Volgend jaar
    voorbereiden"): what was carried over, by whom, when. The closed year's results are
    recorded in actieplan.Jaarafsluiting."""

    actieplan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="+")
    naar_jaar = models.PositiveSmallIntegerField(_("nieuw jaar"))
    aanbestedingen = models.PositiveIntegerField(_("meegenomen aanbestedingen"), default=0)
    acties = models.PositiveIntegerField(_("voortgezette acties"), default=0)
    # No longer written: the closed year's figures are in actieplan.Jaarafsluiting
    # (migration 0006 moved them). Kept for a rolling deploy; a later release drops it.
    cijfers_vooraf = models.JSONField(_("cijfers vooraf"), default=dict, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voorbereiding van een nieuw jaar")
        verbose_name_plural = _("voorbereidingen van een nieuw jaar")
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "naar_jaar"], name="een_overgang_per_jaar")
        ]

    def __str__(self) -> str:
        return str(_("Voorbereiding van %(jaar)s")) % {"jaar": self.naar_jaar}


class Besluit(models.Model):
    """A decision of the yearly evaluation to change an ambition (step 2b) or a measurable
    goal (step 3). Recorded by the MVOI team; it changes nothing until the coördinator
    applies it (services.besluit_toepassen), which the history of the step shows."""

    class Soort(models.TextChoices):
        AMBITIE = "ambitie", _("Ambitie van een thema bijstellen")
        DOEL = "doel", _("Meetbaar doel bijstellen")

    actieplan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="besluiten")
    jaar = models.PositiveSmallIntegerField(_("evaluatiejaar"))
    soort = models.CharField(_("soort besluit"), max_length=10, choices=Soort.choices)
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
    )
    ambitieniveau = models.ForeignKey(
        Ambitieniveau,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nieuwe ambitie"),
    )
    # A goal by its kind and year (step 3 replaces its set of goals when saved, so no
    # foreign key to one row).
    doelsoort = models.ForeignKey(
        Doelsoort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soort doel"),
    )
    doeljaar = models.PositiveSmallIntegerField(_("jaar van het doel"), null=True, blank=True)
    streefwaarde = models.DecimalField(
        _("nieuwe streefwaarde"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    toelichting = models.TextField(_("waarom"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    toegepast_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegepast_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["vastgelegd_op"]

    def __str__(self) -> str:
        if self.soort == self.Soort.AMBITIE and self.thema_id:
            return str(_("%(thema)s naar ambitie %(niveau)s")) % {
                "thema": self.thema.korte_naam,
                "niveau": self.ambitieniveau,
            }
        if self.doelsoort_id:
            return str(_("%(soort)s %(jaar)s naar %(waarde)s")) % {
                "soort": self.doelsoort.naam,
                "jaar": self.doeljaar,
                "waarde": self.doelsoort.waarde_tonen(self.streefwaarde),
            }
        return str(self.get_soort_display())

    def clean(self) -> None:
        fouten = {}
        if self.soort == self.Soort.AMBITIE:
            if not self.thema_id:
                fouten["thema"] = _("Kies het thema.")
            if not self.ambitieniveau_id:
                fouten["ambitieniveau"] = _("Kies de nieuwe ambitie.")
        elif self.soort == self.Soort.DOEL:
            if not (self.doelsoort_id and self.doeljaar):
                fouten["doelsoort"] = _("Kies het doel.")
            if self.streefwaarde is None:
                fouten["streefwaarde"] = _("Vul de nieuwe streefwaarde in.")
        if fouten:
            raise ValidationError(fouten)
