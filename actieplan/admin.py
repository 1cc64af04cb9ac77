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
