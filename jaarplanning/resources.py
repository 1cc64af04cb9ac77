"""The year planning as a spreadsheet (django-import-export), with the calendar's widgets
and its hardened file handling (aanbestedingskalender/bestanden.py): amounts as number
cells, formulas never written, a file read within limits.

`Nummer` is the key: the action's number as exported. A row with a number changes that
action of this plan (another plan's number is refused, never taken); a row without one
adds an action. Every row is checked by the planning's own rules (services.actie_valideren)
and saved through the service."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from aanbestedingskalender.resources import (
    EigenaarWidget,
    GetalWidget,
    HeelGetalWidget,
    KeuzeWidget,
)
from actieplan.models import Actieplan
from basis.kwartalen import Kwartaal

from . import selectors, services
from .models import Actie


class NummerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, TypeError, ArithmeticError):
            raise ValueError(
                _("'%(waarde)s' is geen nummer; laat de cel leeg voor een nieuwe actie.")
                % {"waarde": value}
            ) from None


class OptioneleKeuzeWidget(KeuzeWidget):
    """A choice that may be left empty (an action that is no embedding action)."""

    def clean(self, value, row=None, **kwargs):
        if not str(value or "").strip():
            return ""
        return super().clean(value, row, **kwargs)


class OpNaamWidget(widgets.Widget):
    """A record of the plan's organisation or the plan itself, by a text column (an actor
    group by its name, a tender by its kenmerk); empty allowed where `verplicht` is off."""

    def __init__(self, rijen, veld: str, naam: str, *, verplicht: bool):
        super().__init__()
        self.rijen, self.veld, self.naam, self.verplicht = rijen, veld, naam, verplicht

    def clean(self, value, row=None, **kwargs):
        tekst = str(value or "").strip()
        if not tekst:
            if self.verplicht:
                raise ValueError(_("Vul %(naam)s in.") % {"naam": self.naam})
            return None
        gevonden = self.rijen.filter(**{f"{self.veld}__iexact": tekst}).first()
        if gevonden is None:
            raise ValueError(
                _("Onbekende %(naam)s '%(waarde)s'.") % {"naam": self.naam, "waarde": tekst}
            )
        return gevonden

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.veld) if value else ""


class KwartaalField(fields.Field):
    """'K4 2025' in one column, two model fields (year and quarter)."""

    def __init__(self, jaar: str, kwartaal: str, column_name: str):
        # The year's attribute stands for the pair (import-export skips a field without
        # one); `save` and `export` handle both.
        super().__init__(attribute=jaar, column_name=column_name)
        self.jaar_attribuut, self.kwartaal_attribuut = jaar, kwartaal

    def clean(self, row, **kwargs):
        waarde = str(row.get(self.column_name) or "").strip()
        if not waarde:
            raise ValueError(_("Vul een kwartaal in, bijvoorbeeld K4 2025."))
        return Kwartaal.parse(waarde)  # a ValueError with the Dutch message

    def save(self, instance, row, is_m2m=False, **kwargs):
        kwartaal = self.clean(row)
        setattr(instance, self.jaar_attribuut, kwartaal.jaar)
        setattr(instance, self.kwartaal_attribuut, kwartaal.kwartaal)

    def export(self, instance, **kwargs):
        jaar = getattr(instance, self.jaar_attribuut)
        kwartaal = getattr(instance, self.kwartaal_attribuut)
        return str(Kwartaal(jaar, kwartaal)) if jaar and kwartaal else ""


class ActieResource(resources.ModelResource):
    nummer = fields.Field("id", "Nummer", widget=NummerWidget())
    jaar = fields.Field("jaar", "Jaarplanning", widget=HeelGetalWidget())
    titel = fields.Field("titel", "Actie", widget=widgets.CharWidget())
    actorgroep = fields.Field("actorgroep", "Actorgroep")
    vanaf = KwartaalField("startjaar", "startkwartaal", "Vanaf kwartaal")
    tot_en_met = KwartaalField("eindjaar", "eindkwartaal", "Tot en met kwartaal")
    verantwoordelijke = fields.Field("verantwoordelijke", "Verantwoordelijke (e-mail)")
    status = fields.Field("status", "Status", widget=KeuzeWidget(Actie.Status.choices, "status"))
    reden = fields.Field("reden", "Reden", widget=widgets.CharWidget())
    omschrijving = fields.Field("omschrijving", "Omschrijving", widget=widgets.CharWidget())
    hoe = fields.Field("hoe", "Hoe", widget=widgets.CharWidget())
    extra_budget = fields.Field("extra_budget", "Extra budget (€)", widget=GetalWidget())
    extra_uren = fields.Field("extra_uren", "Extra capaciteit (uren)", widget=GetalWidget())
    borging = fields.Field(
        "borging",
        "Borgingsactie",
        widget=OptioneleKeuzeWidget(Actie.Borgingsgroep.choices, "borgingsactie"),
    )
    aanbesteding = fields.Field("aanbesteding", "Aanbesteding")

    class Meta:
        model = Actie
        import_id_fields = ["nummer"]
        fields = (
            "nummer",
            "jaar",
            "titel",
            "actorgroep",
            "vanaf",
            "tot_en_met",
            "verantwoordelijke",
            "status",
            "reden",
            "omschrijving",
            "hoe",
            "extra_budget",
            "extra_uren",
            "borging",
            "aanbesteding",
        )
        export_order = fields
        import_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_html_diff = True

    def __init__(self, *, actieplan: Actieplan):
        super().__init__()
        self.actieplan = actieplan
        self.fields["actorgroep"].widget = OpNaamWidget(
            selectors.actorgroep_list(organisatie=actieplan.organisatie),
            "naam",
            _("actorgroep"),
            verplicht=True,
        )
        self.fields["verantwoordelijke"].widget = EigenaarWidget(
            selectors.verantwoordelijken(actieplan=actieplan)
        )
        self.fields["aanbesteding"].widget = OpNaamWidget(
            actieplan.aanbestedingen.all(), "kenmerk", _("aanbesteding (kenmerk)"), verplicht=False
        )

    def get_queryset(self):
        return selectors.actie_list(actieplan=self.actieplan)

    def get_instance(self, instance_loader, row):
        """A number must be one of this plan's actions; no number: a new action."""
        nummer = self.fields["nummer"].clean(row)
        if nummer is None:
            return None
        actie = self.get_queryset().filter(pk=nummer).first()
        if actie is None:
            raise ValueError(
                _(
                    "Nummer %(nummer)s is geen actie van dit plan; laat de cel leeg voor een "
                    "nieuwe actie."
                )
                % {"nummer": nummer}
            )
        return actie

    def init_instance(self, row=None):
        return Actie(actieplan=self.actieplan)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field is self.fields["nummer"]:
            return  # the key is never written: a new action gets its own number
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {}
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as fout:
            errors = fout.update_error_dict(errors)
        # A quarter that could not be read leaves its pair's quarter field empty: one message
        # for the column, not a second "may not be empty".
        for jaar, kwartaal in (("startjaar", "startkwartaal"), ("eindjaar", "eindkwartaal")):
            if jaar in (import_validation_errors or {}):
                errors.pop(kwartaal, None)
        if not errors:
            try:
                services.actie_valideren(actie=instance)
            except ValidationError as fout:
                errors = fout.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Through the service, like every other write of an action.
        services.actie_opslaan(actieplan=self.actieplan, actie=instance, velden={})

    def kolommen(self) -> list[str]:
        return [self.fields[naam].column_name for naam in self.get_export_order()]

    def kolom_van_attribuut(self, attribuut: str) -> str:
        for naam, veld in self.fields.items():
            if attribuut in (naam, veld.attribute) or attribuut in (
                getattr(veld, "jaar_attribuut", None),
                getattr(veld, "kwartaal_attribuut", None),
            ):
                return veld.column_name
        return attribuut
