"""The year planning as a spreadsheet (django-import-export), with the calendar's widgets
and its hardened file handling (aanbestedingskalender/bestanden.py): amounts as number
cells, formulas never written. Export only for now; the import follows the calendar's
preview-then-confirm flow in a later slice."""

from import_export import fields, resources, widgets

from aanbestedingskalender.resources import GetalWidget, KeuzeWidget

from .models import Actie


class ActieResource(resources.ModelResource):
    jaar = fields.Field("jaar", "Jaarplanning", widget=widgets.IntegerWidget())
    titel = fields.Field("titel", "Actie", widget=widgets.CharWidget())
    actorgroep = fields.Field(attribute="actorgroep__naam", column_name="Actorgroep")
    vanaf = fields.Field(column_name="Vanaf kwartaal")
    tot_en_met = fields.Field(column_name="Tot en met kwartaal")
    verantwoordelijke = fields.Field(
        attribute="verantwoordelijke__email", column_name="Verantwoordelijke (e-mail)"
    )
    status = fields.Field("status", "Status", widget=KeuzeWidget(Actie.Status.choices, "status"))
    reden = fields.Field("reden", "Reden", widget=widgets.CharWidget())
    omschrijving = fields.Field("omschrijving", "Omschrijving", widget=widgets.CharWidget())
    hoe = fields.Field("hoe", "Hoe", widget=widgets.CharWidget())
    extra_budget = fields.Field("extra_budget", "Extra budget (€)", widget=GetalWidget())
    extra_uren = fields.Field("extra_uren", "Extra capaciteit (uren)", widget=GetalWidget())
    borging = fields.Field(
        "borging",
        "Borgingsactie",
        widget=KeuzeWidget(Actie.Borgingsgroep.choices, "borgingsactie"),
    )
    aanbesteding = fields.Field(attribute="aanbesteding__kenmerk", column_name="Aanbesteding")

    class Meta:
        model = Actie
        fields = (
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

    def dehydrate_vanaf(self, actie: Actie) -> str:
        return str(actie.start)

    def dehydrate_tot_en_met(self, actie: Actie) -> str:
        return str(actie.eind)

    def dehydrate_borging(self, actie: Actie) -> str:
        return actie.get_borging_display() if actie.borging else ""
