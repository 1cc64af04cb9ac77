from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from basis.versies import Versiebeheerd
from organisaties.models import Organisatie
from themes.models import Ambitieniveau, Doelsoort, Thema

MAX_PLANPERIODE_JAREN = 10


class Actieplan(Versiebeheerd):
    """An organisation's Actieplan MVOI for a period of years (e.g. 2024–2027)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
        # Approved; the frozen PDF is being made (a background task). Locked like a plan
        # under review, so the PDF shows exactly what was approved.
        VASTLEGGEN = "vastleggen", _("Goedgekeurd, wordt vastgelegd")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")

    # While the plan is in one of these, nothing in it can be edited.
    VERGRENDELD = (Status.TER_GOEDKEURING, Status.VASTLEGGEN)

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
    samenhang = models.TextField(
        _("samenhang met andere programma's"),
        blank=True,
        help_text=_(
            "Hoe dit actieplan samenhangt met ander beleid van de organisatie, zoals een "
            "klimaat-, inkoop- of sociaal programma. Staat vooraan in het document."
        ),
    )
    voortgezet_uit = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voortgezet uit"),
        help_text=_("Het vorige actieplan waaruit dit plan delen overnam."),
    )
    herziening_jaar = models.PositiveSmallIntegerField(
        _("stap 1–3 te herzien voor"),
        null=True,
        blank=True,
        help_text=_("Gezet bij het voorbereiden van een nieuw jaar; leeg na de herziening."),
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

    @property
    def vergrendeld(self) -> bool:
        """Under review or being frozen: the plan's strategy (title and period, steps 1–3)
        waits; the year's work goes on (ADR 0005)."""
        return self.status in self.VERGRENDELD

    @property
    def lopend_jaar(self) -> int:
        """The plan year the yearly steps (4–7) are about by default: this year, within the
        plan's period (before it the first year, after it the last)."""
        return min(max(timezone.localdate().year, self.startjaar), self.eindjaar)

    @property
    def periode_voorbij(self) -> bool:
        """The plan's last year is over: the yearly pages say which year they show."""
        return timezone.localdate().year > self.eindjaar

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


class ActieplanThema(Versiebeheerd):
    """Everything a plan records per theme: the agreed nulmeting result (step 1), the choice
    of focus themes (step 2) and the ambition for the end of the plan period (step 2b).
    One row per plan and theme, created with the plan.
    """

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="themas", verbose_name=_("actieplan")
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    # Step 1: the team's agreed result of the nulmeting.
    huidig_niveau = models.ForeignKey(
        Ambitieniveau,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld huidig niveau"),
    )
    nulmeting_samenvatting = models.TextField(_("samenvatting van de nulmeting"), blank=True)
    # Step 2: focus or not.
    focus = models.BooleanField(_("focusthema"), default=False)
    onderbouwing = models.TextField(_("onderbouwing"), blank=True)
    doorlopend = models.TextField(
        _("wat we blijven doen"),
        blank=True,
        help_text=_("Voor een thema zonder focus: wat de organisatie toch blijft doen."),
    )
    # Step 2b: the ambition at the end of the plan period.
    ambitie_niveau = models.ForeignKey(
        Ambitieniveau,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ambitieniveau"),
    )
    voorbehoud = models.TextField(_("voorbehoud"), blank=True)
    toelichting_ambitie = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Verplicht als de ambitie lager ligt dan het huidige niveau."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema van een actieplan")
        verbose_name_plural = _("thema's van een actieplan")
        ordering = ["thema__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "thema"], name="uniek_actieplan_thema"),
        ]

    def __str__(self) -> str:
        return f"{self.thema} ({self.actieplan})"

    @property
    def ambitie_lager_zonder_toelichting(self) -> bool:
        """An ambition below the agreed level needs an explanation. Checked when the
        ambitions are saved (not on every save: recording a higher agreed level later must
        not be blocked) and shown as a warning on the step page."""
        return bool(
            self.huidig_niveau_id
            and self.ambitie_niveau_id
            and self.ambitie_niveau_id < self.huidig_niveau_id
            and not self.toelichting_ambitie.strip()
        )

    def clean(self) -> None:
        if self.focus and not self.onderbouwing.strip():
            raise ValidationError({"onderbouwing": _("Geef een onderbouwing voor dit focusthema.")})


class NulmetingAntwoord(Versiebeheerd):
    """One procurement advisor's answer for one theme in the nulmeting (step 1).

    Saved as a draft at any time; complete when a level and its evidence are filled in.
    """

    actieplan = models.ForeignKey(
        Actieplan,
        on_delete=models.CASCADE,
        related_name="nulmeting_antwoorden",
        verbose_name=_("actieplan"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nulmeting_antwoorden",
        verbose_name=_("inkoopadviseur"),
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    niveau = models.ForeignKey(
        Ambitieniveau,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("huidig niveau"),
    )
    onderbouwing = models.TextField(_("onderbouwing van het niveau"), blank=True)
    bestaande_ambities = models.TextField(
        _("bestaande ambities, doelen en activiteiten"), blank=True
    )
    beleidsdocumenten = models.TextField(_("gebruikte beleidsdocumenten"), blank=True)
    aantal_interviews = models.PositiveSmallIntegerField(
        _("aantal interviews"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    aantal_werksessies = models.PositiveSmallIntegerField(
        _("aantal werksessies"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord in de nulmeting")
        verbose_name_plural = _("antwoorden in de nulmeting")
        ordering = ["thema__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["actieplan", "user", "thema"], name="uniek_nulmeting_antwoord"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.thema}"

    @property
    def compleet(self) -> bool:
        return bool(self.niveau_id and self.onderbouwing.strip())


class MeetbaarDoel(Versiebeheerd):
    """A measurable target of step 3 for one year: of a kind (`Doelsoort`) that says what is
    counted and in which unit – a percentage of the kansrijke tenders, a number of tenders,
    tonnes of CO₂ – with a threshold (a contract value) where the kind has one."""

    actieplan = models.ForeignKey(
        Actieplan,
        on_delete=models.CASCADE,
        related_name="meetbare_doelen",
        verbose_name=_("actieplan"),
    )
    soort = models.ForeignKey(
        Doelsoort, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort doel")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    streefwaarde = models.DecimalField(
        _("streefwaarde"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Een percentage, een aantal of tonnen CO₂: de eenheid van de soort doel."),
    )
    drempel = models.DecimalField(
        _("drempelwaarde"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Geraamde opdrachtwaarde in euro's vanaf welke het doel geldt."),
    )
    gerealiseerd = models.DecimalField(
        _("gerealiseerd"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Alleen voor een doel dat de aanbestedingskalender niet meet: ingevuld bij de "
            "evaluatie (stap 7)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meetbaar doel")
        verbose_name_plural = _("meetbare doelen")
        ordering = ["soort", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["actieplan", "soort", "jaar"], name="uniek_doel_per_jaar_en_soort"
            ),
            models.CheckConstraint(
                condition=models.Q(streefwaarde__gte=0), name="doel_streefwaarde_niet_negatief"
            ),
        ]

    def __str__(self) -> str:
        return self.zin

    @property
    def zin(self) -> str:
        return self.soort.zin(waarde=self.streefwaarde, jaar=self.jaar, drempel=self.drempel)

    @property
    def streefwaarde_tekst(self) -> str:
        return self.soort.waarde_tonen(self.streefwaarde)

    @property
    def lange_termijn(self) -> bool:
        return self.jaar > self.actieplan.eindjaar

    def clean(self) -> None:
        fouten = {}
        if self.jaar and self.actieplan_id and self.jaar < self.actieplan.startjaar:
            fouten["jaar"] = _("Kies een jaar in of na de planperiode (vanaf %(jaar)s).") % {
                "jaar": self.actieplan.startjaar
            }
        soort = self.soort if self.soort_id else None
        if soort and isinstance(self.streefwaarde, Decimal | int):
            if soort.eenheid == Doelsoort.Eenheid.PROCENT and self.streefwaarde > 100:
                fouten["streefwaarde"] = _("Een percentage ligt tussen 0 en 100.")
            elif soort.eenheid == Doelsoort.Eenheid.AANTAL and self.streefwaarde != int(
                self.streefwaarde
            ):
                fouten["streefwaarde"] = _("Een aantal is een heel getal, zoals 3.")
        if (
            soort
            and soort.eenheid == Doelsoort.Eenheid.AANTAL
            and isinstance(self.gerealiseerd, Decimal | int)
            and self.gerealiseerd != int(self.gerealiseerd)
        ):
            fouten["gerealiseerd"] = _("Een aantal is een heel getal, zoals 3.")
        if soort and soort.met_drempel and self.drempel is None:
            fouten["drempel"] = _(
                "Vul de drempelwaarde in: de geraamde opdrachtwaarde vanaf welke dit doel geldt, "
                "zoals € 100.000."
            )
        elif soort and not soort.met_drempel and self.drempel is not None:
            fouten["drempel"] = _(
                "Deze soort doel heeft geen drempelwaarde; maak het veld leeg of kies een andere "
                "soort."
            )
        if fouten:
            raise ValidationError(fouten)


class TekstDoel(Versiebeheerd):
    """A goal in words, for one theme or for the plan as a whole (step 3)."""

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="tekstdoelen", verbose_name=_("actieplan")
    )
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
        help_text=_("Leeg voor een doel dat over meerdere thema's gaat."),
    )
    tekst = models.TextField(_("doel"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doel in woorden")
        verbose_name_plural = _("doelen in woorden")
        ordering = ["thema__volgorde", "pk"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Jaarafsluiting(models.Model):
    """A plan year's results as they stood when the year was closed (step 7's "volgend jaar
    voorbereiden"): every computed figure of step 7 and of the goals' progress, and the
    year's calendar as the document prints it. Written once and never changed: moving the
    year's unstarted tenders on afterwards must not rewrite a year that is over
    (docs/adr/0006-een-jaar-blijft-zoals-het-was.md). The apps that compute the figures
    fill `resultaten`, each under its own key; a key that is missing (a year closed before
    that part was recorded) is computed from the data as before."""

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.CASCADE, related_name="jaarafsluitingen"
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    resultaten = models.JSONField(_("vastgelegde resultaten"), default=dict)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("afgesloten jaar")
        verbose_name_plural = _("afgesloten jaren")
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "jaar"], name="een_afsluiting_per_jaar")
        ]

    def __str__(self) -> str:
        return str(_("%(jaar)s afgesloten")) % {"jaar": self.jaar}
