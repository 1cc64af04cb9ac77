"""Import and export of the tender calendar (django-import-export, outside the admin).

One row per tender, keyed by `Kenmerk` within the plan. Choices are written with their Dutch
labels; each theme has a column whose cell says whether the theme is applicable and applied:

    (empty)                                   not applicable
    toepasbaar                                applicable, not decided yet
    toegepast: gunningscriterium, significant applied, in that form, at that criteria level
    niet toegepast: <uitleg>                  applicable, not applied, with the explanation
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from actieplan.models import Actieplan
from basis.getallen import getal_lezen
from basis.kwartalen import Kwartaal
from themes.models import Productgroep, Thema

from . import selectors, services
from .models import KALENDERVELDEN, Aanbesteding, ThemaToepassing

TOEPASBAAR = "toepasbaar"
TOEGEPAST = "toegepast"
NIET_TOEGEPAST = "niet toegepast"


class KeuzeWidget(widgets.Widget):
    """A choice by its Dutch label (or its code), case-insensitive."""

    def __init__(self, choices, naam: str):
        super().__init__()
        self.choices = list(choices)
        self.naam = naam
        self.op_tekst = {}
        for waarde, label in self.choices:
            self.op_tekst[str(label).lower()] = waarde
            self.op_tekst[str(waarde).lower()] = waarde

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip().lower()
        if not tekst:
            raise ValueError(_("Vul %(naam)s in.") % {"naam": self.naam})
        if tekst not in self.op_tekst:
            raise ValueError(
                _("Onbekende %(naam)s '%(waarde)s'; kies uit: %(keuzes)s.")
                % {
                    "naam": self.naam,
                    "waarde": value,
                    "keuzes": ", ".join(str(label) for _, label in self.choices),
                }
            )
        return self.op_tekst[tekst]

    def render(self, value, obj=None, **kwargs):
        if not hasattr(self, "_labels"):  # translated once per export, not per cell
            self._labels = {waarde: str(label) for waarde, label in self.choices}
        return self._labels.get(value, value or "")


class JaNeeWidget(widgets.Widget):
    WAAR = {"ja", "j", "yes", "true", "1", "waar", "x"}
    ONWAAR = {"nee", "n", "no", "false", "0", "onwaar", ""}

    def clean(self, value, row=None, **kwargs):
        tekst = str(value if value is not None else "").strip().lower()
        if tekst in self.WAAR:
            return True
        if tekst in self.ONWAAR:
            return False
        raise ValueError(_("Schrijf 'ja' of 'nee', niet '%(waarde)s'.") % {"waarde": value})

    def render(self, value, obj=None, **kwargs):
        if not hasattr(self, "_ja_nee"):  # translated once per export, not per cell
            self._ja_nee = (_("nee"), _("ja"))
        return self._ja_nee[bool(value)]


class DatumWidget(widgets.Widget):
    """A date as 2025-03-31 or 31-03-2025, or a date cell of a spreadsheet."""

    FORMATEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for formaat in self.FORMATEN:
            try:
                return datetime.strptime(str(value).strip(), formaat).date()
            except ValueError:
                continue
        raise ValueError(
            _("'%(waarde)s' is geen datum; schrijf bijvoorbeeld 2025-03-31.") % {"waarde": value}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class GetalWidget(widgets.Widget):
    """A decimal number the Dutch way (`basis.getallen.getal_lezen`: € 1.250.000,50,
    450.000, 2,5, or a number cell). Exported as the number itself, so the .xlsx gets a
    number cell and the .csv a Dutch decimal (see bestanden.py). Not import-export's
    DecimalWidget: it reads through sanitize_separators, which would take 450.000 for 450
    unless USE_THOUSAND_SEPARATOR is on (see basis/getallen.py)."""

    def clean(self, value, row=None, **kwargs):
        return getal_lezen(value)  # GeenGetal is a ValueError with the Dutch message

    def render(self, value, obj=None, **kwargs):
        return value


class HeelGetalWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(_("Vul een jaartal in."))
        try:
            return int(Decimal(str(value).strip()))
        except InvalidOperation:
            raise ValueError(_("'%(waarde)s' is geen geheel getal.") % {"waarde": value}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class KwartaalWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip().upper().removeprefix("K").removeprefix("Q")
        try:
            kwartaal = int(Decimal(tekst))
        except InvalidOperation:
            kwartaal = 0
        if kwartaal not in (1, 2, 3, 4):
            raise ValueError(
                _("'%(waarde)s' is geen kwartaal; schrijf 1, 2, 3 of 4 (of K1–K4).")
                % {"waarde": value}
            )
        return kwartaal

    def render(self, value, obj=None, **kwargs):
        return f"K{value}" if value else ""


class EigenaarWidget(widgets.Widget):
    """A member of the plan's organisation, by e-mail address (any case). The members are
    read once, on the first row, not per row."""

    def __init__(self, leden):
        super().__init__()
        self.leden = leden
        self._op_email: dict[str, object] | None = None

    def clean(self, value, row=None, **kwargs):
        email = str(value or "").strip()
        if not email:
            return None
        if self._op_email is None:
            self._op_email = {lid.email.lower(): lid for lid in self.leden}
        lid = self._op_email.get(email.lower())
        if lid is None:
            raise ValueError(
                _("Niemand met e-mailadres '%(email)s' is lid van deze organisatie.")
                % {"email": email}
            )
        return lid

    def render(self, value, obj=None, **kwargs):
        return value.email if value else ""


class ProductgroepWidget(widgets.Widget):
    """A product group by its name (any case), from one read of the list."""

    def __init__(self):
        super().__init__()
        self._op_naam: dict[str, Productgroep] | None = None

    def clean(self, value, row=None, **kwargs):
        naam = str(value or "").strip()
        if not naam:
            return None
        if self._op_naam is None:
            self._op_naam = {p.naam.lower(): p for p in Productgroep.objects.all()}
        gevonden = self._op_naam.get(naam.lower())
        if gevonden is None:
            raise ValueError(
                _("Onbekende productgroep '%(naam)s'. Gebruik een naam uit het sjabloon.")
                % {"naam": naam}
            )
        return gevonden

    def render(self, value, obj=None, **kwargs):
        return value.naam if value else ""


class ToepassingWidget(widgets.Widget):
    """The cell of one theme column (see the module docstring)."""

    VORMEN = {label.lower(): waarde for waarde, label in ThemaToepassing.Vorm.choices} | {
        waarde: waarde for waarde in ThemaToepassing.Vorm.values
    }
    NIVEAUS = {label.lower(): waarde for waarde, label in ThemaToepassing.CriteriaNiveau.choices}

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip()
        laag = tekst.lower()
        if not tekst:
            return None
        if laag == TOEPASBAAR:
            return {"toegepast": False, "uitleg": ""}
        if laag.startswith(NIET_TOEGEPAST):
            uitleg = tekst[len(NIET_TOEGEPAST) :].lstrip(" :").strip()
            return {"toegepast": False, "uitleg": uitleg}
        if laag.startswith(TOEGEPAST):
            delen = [d.strip().lower() for d in laag[len(TOEGEPAST) :].lstrip(" :").split(",")]
            delen = [d for d in delen if d]
            vorm = delen[0] if delen else ""
            niveau = delen[1] if len(delen) > 1 else ""
            if vorm not in self.VORMEN:
                raise ValueError(
                    _("Onbekende vorm '%(vorm)s'; kies uit: %(keuzes)s.")
                    % {"vorm": vorm, "keuzes": ", ".join(map(str, ThemaToepassing.Vorm.labels))}
                )
            if niveau and niveau not in self.NIVEAUS:
                raise ValueError(
                    _("Onbekend criteriumniveau '%(niveau)s'; kies uit: %(keuzes)s.")
                    % {"niveau": niveau, "keuzes": ", ".join(ThemaToepassing.CriteriaNiveau.labels)}
                )
            return {
                "toegepast": True,
                "vorm": self.VORMEN[vorm],
                "criteria_niveau": self.NIVEAUS.get(niveau, ""),
            }
        raise ValueError(
            _(
                "'%(waarde)s' begrijpen we niet. Laat de cel leeg of schrijf 'toepasbaar', "
                "'toegepast: gunningscriterium, significant' of 'niet toegepast: uitleg'."
            )
            % {"waarde": tekst}
        )

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if value.toegepast:
            if not hasattr(self, "_labels"):  # translated once per export, not per cell
                self._labels = {
                    k: str(v).lower()
                    for k, v in [
                        *ThemaToepassing.Vorm.choices,
                        *ThemaToepassing.CriteriaNiveau.choices,
                    ]
                }
            delen = [self._labels.get(value.vorm, value.vorm)]
            if value.criteria_niveau:
                delen.append(self._labels.get(value.criteria_niveau, value.criteria_niveau))
            return f"{TOEGEPAST}: " + ", ".join(delen)
        if value.uitleg.strip():
            return f"{NIET_TOEGEPAST}: {value.uitleg}"
        return TOEPASBAAR


class ToepassingField(fields.Field):
    def __init__(self, thema: Thema):
        self.thema = thema
        super().__init__(
            attribute=f"_thema_{thema.slug}",
            column_name=kolom_voor_thema(thema),
            widget=ToepassingWidget(),
        )

    def get_value(self, instance):
        if instance.pk is None:
            return None
        return next((t for t in instance.toepassingen.all() if t.thema_id == self.thema.pk), None)


def kolom_voor_thema(thema: Thema) -> str:
    return f"Thema {thema.korte_naam}"


class AanbestedingResource(resources.ModelResource):
    kenmerk = fields.Field("kenmerk", "Kenmerk", widget=widgets.CharWidget())
    naam = fields.Field("naam", "Naam", widget=widgets.CharWidget())
    omschrijving = fields.Field("omschrijving", "Omschrijving", widget=widgets.CharWidget())
    afdeling = fields.Field("afdeling", "Afdeling", widget=widgets.CharWidget())
    eigenaar = fields.Field("eigenaar", "Eigenaar (e-mail)")
    productgroep = fields.Field("productgroep", "Productgroep", widget=ProductgroepWidget())
    geraamde_waarde = fields.Field("geraamde_waarde", "Geraamde waarde (€)", widget=GetalWidget())
    procedure = fields.Field(
        "procedure", "Procedure", widget=KeuzeWidget(Aanbesteding.Procedure.choices, "procedure")
    )
    soort = fields.Field(
        "soort", "Soort", widget=KeuzeWidget(Aanbesteding.Soort.choices, "soort opdracht")
    )
    startjaar = fields.Field("startjaar", "Startjaar", widget=HeelGetalWidget())
    startkwartaal = fields.Field("startkwartaal", "Startkwartaal", widget=KwartaalWidget())
    contract_start = fields.Field("contract_start", "Start contract", widget=DatumWidget())
    contract_eind = fields.Field("contract_eind", "Einde contract", widget=DatumWidget())
    kansrijk = fields.Field("kansrijk", "Kansrijk", widget=JaNeeWidget())
    status = fields.Field(
        "status", "Status", widget=KeuzeWidget(Aanbesteding.Status.choices, "status")
    )
    sroi_percentage = fields.Field("sroi_percentage", "SROI (%)", widget=GetalWidget())
    co2_reductie_ton = fields.Field("co2_reductie_ton", "CO2-reductie (ton)", widget=GetalWidget())

    class Meta:
        model = Aanbesteding
        import_id_fields = ["kenmerk"]
        fields = KALENDERVELDEN
        clean_model_instances = True
        # Rows are only read and checked here, never saved one by one: `bewaren` writes
        # them all at once afterwards. So no savepoint per row, and no diff (the preview
        # computes its own).
        use_transactions = False
        skip_diff = True

    def __init__(self, *, actieplan: Actieplan, door=None, bestandsnaam: str = ""):
        super().__init__()
        self.actieplan = actieplan
        self.door = door  # who imports: recorded with a tender's move to a later quarter
        self.bestandsnaam = bestandsnaam
        # Owners are found by e-mail among the organisation's members only.
        self.fields["eigenaar"].widget = EigenaarWidget(selectors.eigenaren(actieplan=actieplan))
        self.themas = list(Thema.objects.order_by("volgorde"))
        for thema in self.themas:
            self.fields[f"_thema_{thema.slug}"] = ToepassingField(thema)
        self._bestaand: dict[str, Aanbesteding] | None = None
        self._opgeslagen_start: dict[str, Kwartaal] = {}
        self.te_bewaren: list[tuple[Aanbesteding, bool, dict[Thema, dict]]] = []
        self.verplaatst: dict[str, Kwartaal] = {}

    def bestaand(self, *, vergrendelen: bool = False) -> dict[str, Aanbesteding]:
        """The plan's tenders by kenmerk, with owner, product group and theme rows: three
        queries, whatever the number. Locked for the import's transaction when it saves
        (a concurrent edit waits, and the version counts on from ours)."""
        if self._bestaand is None:
            qs = self.get_queryset()
            if vergrendelen:
                qs = qs.select_for_update(of=("self",))
            self._bestaand = {a.kenmerk: a for a in qs}
            self._opgeslagen_start = {k: a.start for k, a in self._bestaand.items()}
            velden = [Aanbesteding._meta.get_field(v).attname for v in KALENDERVELDEN]
            for aanbesteding in self._bestaand.values():  # to save only what changed
                aanbesteding._kalender_origineel = {v: getattr(aanbesteding, v) for v in velden}
        return self._bestaand

    def get_instance(self, instance_loader, row):
        return self.bestaand().get(str(row.get("Kenmerk") or "").strip())

    def get_export_order(self):
        return [*self._meta.fields, *(f"_thema_{t.slug}" for t in self.themas)]

    def get_import_order(self):
        return self.get_export_order()

    def get_queryset(self):
        return (
            Aanbesteding.objects.filter(actieplan=self.actieplan)
            .select_related("eigenaar", "productgroep")
            .prefetch_related(
                Prefetch("toepassingen", queryset=ThemaToepassing.objects.select_related("thema"))
            )
            .order_by("startjaar", "startkwartaal", "kenmerk")
        )

    def init_instance(self, row=None):
        return Aanbesteding(actieplan=self.actieplan)

    def kolommen(self) -> list[str]:
        return [self.fields[naam].column_name for naam in self.get_export_order()]

    def toepassingen(self, instance) -> dict[Thema, dict]:
        return {
            thema: getattr(instance, f"_thema_{thema.slug}")
            for thema in self.themas
            if getattr(instance, f"_thema_{thema.slug}", None) is not None
        }

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks without a query per row: the foreign keys come from the
        reads above (so they exist), a kenmerk is unique by the check on doubles in the
        file and by finding existing tenders by it, and the widgets keep the quarter in
        1–4. Then the quarter rule against the stored start, and pas toe of leg uit."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors, "actieplan", "eigenaar", "productgroep"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as fout:
            errors = fout.update_error_dict(errors)
        if "startjaar" not in errors and "startkwartaal" not in errors:
            try:
                van = services.startkwartaal_valideren(
                    aanbesteding=instance,
                    opgeslagen=self._opgeslagen_start.get(instance.kenmerk),
                )
                if van is not None:
                    self.verplaatst[instance.kenmerk] = van
            except ValidationError as fout:
                errors = fout.update_error_dict(errors)
        if "status" not in errors:
            try:
                services.toepassingen_valideren(
                    status=instance.status, toepassingen=self.toepassingen(instance)
                )
            except ValidationError as fout:
                errors.setdefault("status", []).extend(fout.messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Nothing is written per row: `bewaren` writes every checked row at once.
        self.te_bewaren.append((instance, is_create, self.toepassingen(instance)))

    def bewaren(self) -> None:
        """Write every checked row (see services.kalender_bulk_opslaan)."""
        services.kalender_bulk_opslaan(
            actieplan=self.actieplan,
            rijen=self.te_bewaren,
            verplaatst=self.verplaatst,
            door=self.door,
            reden_verplaatsing=_("Verplaatst met de import van %(bestand)s.")
            % {"bestand": self.bestandsnaam or _("een bestand")},
        )

    def kolom_van_attribuut(self, attribuut: str) -> str:
        veld = self.fields.get(attribuut) or next(
            (v for v in self.fields.values() if v.attribute == attribuut), None
        )
        return veld.column_name if veld else attribuut
