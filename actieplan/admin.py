from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actieplan


@admin.register(Actieplan)
class ActieplanAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "organisatie", "startjaar", "eindjaar", "status"]
    list_filter = ["status", "organisatie"]
    search_fields = ["titel", "organisatie__naam"]
    # The status follows the approval (plandocument); set here it could unlock a
    # plan under review or contradict its versions.
    readonly_fields = ["status"]
    # The strategy waits while a version is under review or being frozen (ADR 0005), here
    # as on the pages (actieplan.services.strategie_open).
    STRATEGIE = ["titel", "startjaar", "eindjaar", "samenhang", "herziening_jaar"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.vergrendeld:
            return [*self.readonly_fields, *self.STRATEGIE]
        return self.readonly_fields
