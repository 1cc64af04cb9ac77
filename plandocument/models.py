"""The versions of a plan put to management, and the concept PDFs members ask for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actieplan.models import Actieplan
from basis.versies import Versiebeheerd


class VersieOnveranderlijk(Exception):
    """A frozen (approved) version of a plan cannot be changed or deleted."""


# A version that was rejected or withdrawn is closed too: its decision and comment stay.
AFGESLOTEN_STATUSSEN = ("afgewezen", "ingetrokken")


class PlanversieQuerySet(models.QuerySet):
    def vastgelegd(self):
        return self.filter(vastgelegd_op__isnull=False)

    def afgesloten(self):
        """Frozen, rejected or withdrawn: rows that never change again."""
        return self.filter(
            models.Q(vastgelegd_op__isnull=False) | models.Q(status__in=AFGESLOTEN_STATUSSEN)
        )

    def update(self, **kwargs):
        if self.afgesloten().exists():
            raise VersieOnveranderlijk(_("Een vastgelegde of afgesloten versie verandert niet."))
        return super().update(**kwargs)

    def delete(self):
        if self.afgesloten().exists():
            raise VersieOnveranderlijk(_("Een vastgelegde of afgesloten versie blijft bewaard."))
        return super().delete()


class Planversie(models.Model):
    """A version of the plan put to management: submitted by the coördinator, then approved
    (and frozen), rejected or withdrawn.

    The snapshot of the plan's data (the register's per-step snapshots) and the document's
    body are taken when the plan is submitted; while it is under review (and while an
    approved version is being frozen) the strategy, steps 1–3, waits, and the rest of the
    work goes on (ADR 0005). Freezing stores the PDF of both variants with their
    SHA-256; from then on the row never changes (`vastgelegd_op`), nor does a rejected or
    withdrawn one: not through the pages, not through the ORM (save, update and delete
    refuse), and on PostgreSQL not through SQL either (a trigger, actieplan migrations
    0008-0009; the table moved here with actieplan 0012).
    """

    class Status(models.TextChoices):
        TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    class Pdf(models.TextChoices):
        NIET = "", _("Niet van toepassing")
        WACHT = "wacht", _("Wacht op de verwerking")
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Vastgelegd")
        MISLUKT = "mislukt", _("Mislukt")

    actieplan = models.ForeignKey(
        Actieplan, on_delete=models.PROTECT, related_name="versies", verbose_name=_("actieplan")
    )
    nummer = models.PositiveSmallIntegerField(_("versienummer"))
    jaar = models.PositiveSmallIntegerField(
        _("planjaar"), help_text=_("Het jaar waarover de jaarlijkse stappen gaan.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TER_GOEDKEURING
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    toelichting = models.TextField(_("toelichting bij het indienen"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    opmerking = models.TextField(_("opmerking van het management"), blank=True)
    momentopname = models.JSONField(_("momentopname van de gegevens"))
    momentopname_sha256 = models.CharField(_("SHA-256 van de momentopname"), max_length=64)
    # The document's body per variant (everything after the cover) as it was when the
    # version was submitted: freezing prints it behind the approval's cover, so the team's
    # work after the submission never reaches the approved PDF (ADR 0005). Empty for a
    # version submitted before there was one: that is printed from the data as before.
    romp = models.JSONField(_("het document zoals ingediend"), default=dict, blank=True)
    romp_sha256 = models.CharField(_("SHA-256 van het document"), max_length=64, blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=Pdf.choices, default=Pdf.NIET, blank=True
    )
    pdf_fout = models.TextField(_("fout bij het maken van de PDF"), blank=True)
    pdf_gestart_op = models.DateTimeField(_("laatste poging gestart op"), null=True, blank=True)
    # Written every few seconds while the worker renders (renderen.py): an attempt whose
    # heartbeat stopped was killed with its worker, and may be retried at once.
    pdf_hartslag = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    pdf_intern = models.BinaryField(_("PDF (intern)"), null=True, editable=False)
    pdf_intern_sha256 = models.CharField(max_length=64, blank=True)
    pdf_publicatie = models.BinaryField(_("PDF (publicatie)"), null=True, editable=False)
    pdf_publicatie_sha256 = models.CharField(max_length=64, blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    # An HMAC over the fingerprints, made with a key the database never holds (derived
    # from SECRET_KEY, ondertekening.py): a row forged in the database, its PDF bytes and
    # hashes in agreement, still fails the download's check.
    handtekening = models.CharField(_("handtekening"), max_length=64, blank=True, editable=False)

    objects = PlanversieQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van een actieplan")
        verbose_name_plural = _("versies van een actieplan")
        ordering = ["actieplan", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "nummer"], name="uniek_versienummer"),
            # At most one version of a plan under review at a time.
            models.UniqueConstraint(
                fields=["actieplan"],
                condition=models.Q(status="ter_goedkeuring"),
                name="een_versie_ter_goedkeuring",
            ),
        ]

    def __str__(self) -> str:
        return _("Versie %(nummer)s van %(plan)s") % {"nummer": self.nummer, "plan": self.actieplan}

    def save(self, *args, **kwargs):
        if self.pk is not None and Planversie.objects.filter(pk=self.pk).afgesloten().exists():
            raise VersieOnveranderlijk(_("Een vastgelegde of afgesloten versie verandert niet."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and Planversie.objects.filter(pk=self.pk).afgesloten().exists():
            raise VersieOnveranderlijk(_("Een vastgelegde of afgesloten versie blijft bewaard."))
        return super().delete(*args, **kwargs)

    @property
    def heeft_document(self) -> bool:
        """Whether the document's body was kept at the submission (without loading it)."""
        return bool(self.romp_sha256)

    @property
    def vastgelegd(self) -> bool:
        return self.vastgelegd_op is not None


class Documentopdracht(models.Model):
    """A member's request for the PDF of the plan as it is now (a concept), asked for in
    `conceptpdf.py` and made by a background task (`renderen.py`). One per member and
    plan: a new request replaces the old one."""

    class Status(models.TextChoices):
        WACHT = "wacht", _("Wacht op de verwerking")
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    actieplan = models.ForeignKey(
        Actieplan,
        on_delete=models.CASCADE,
        related_name="documentopdrachten",
        verbose_name=_("actieplan"),
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    # Set: the PDF of this version's document as it was submitted (its kept body), for
    # whoever reads it before the decision; empty: the plan as it is now.
    versie = models.ForeignKey(
        "Planversie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versie"),
    )
    # The plan year the document is about (the requester's choice; empty: the current).
    jaar = models.PositiveSmallIntegerField(_("planjaar"), null=True, blank=True)
    variant = models.CharField(
        _("variant"),
        max_length=12,
        choices=[("intern", _("Intern")), ("publicatie", _("Voor publicatie"))],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHT
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)

    class Meta:
        verbose_name = _("aanvraag van een concept-PDF")
        verbose_name_plural = _("aanvragen van een concept-PDF")
        ordering = ["-aangevraagd_op"]

    def __str__(self) -> str:
        return f"{self.actieplan} – {self.variant} ({self.get_status_display()})"


class Toelichting(Versiebeheerd):
    """A text of the plan document the coördinator rewrote for this plan: the introduction
    or the explanation of how a step was done (`teksten.py` has the defaults). Only a text
    that differs from its default is stored."""

    actieplan = models.ForeignKey(
        Actieplan,
        on_delete=models.CASCADE,
        related_name="toelichtingen",
        verbose_name=_("actieplan"),
    )
    sleutel = models.CharField(_("onderdeel"), max_length=40)
    tekst = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toelichting in het document")
        verbose_name_plural = _("toelichtingen in het document")
        ordering = ["sleutel"]
        constraints = [
            models.UniqueConstraint(
                fields=["actieplan", "sleutel"], name="uniek_toelichting_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actieplan} – {self.sleutel}"


class Versievergelijking(models.Model):
    """What changed from one version of a plan to a later one, in each step's words
    (`document.wijzigingen`), computed once from their snapshots and kept: a snapshot never
    changes after the submission, so neither does the comparison, and a version's page
    then reads a few sentences instead of decoding two snapshots of megabytes each.

    Derived data: not exported (a restore computes it again), and a row whose fingerprints
    no longer match the versions' snapshots is not used."""

    oud = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="+")
    nieuw = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="+")
    oud_sha256 = models.CharField(max_length=64)
    nieuw_sha256 = models.CharField(max_length=64)
    # [[step slug or null for the plan as a whole, [sentence, …]], …]
    zinnen = models.JSONField(default=list)

    class Meta:
        verbose_name = _("vergelijking van twee versies")
        verbose_name_plural = _("vergelijkingen van twee versies")
        constraints = [
            models.UniqueConstraint(fields=["oud", "nieuw"], name="een_vergelijking_per_paar")
        ]

    def __str__(self) -> str:
        return f"{self.oud} → {self.nieuw}"
