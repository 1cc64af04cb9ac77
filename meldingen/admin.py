from django.contrib import admin

from .models import Bericht


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """For the operator: what went out, what waits, and why."""

    list_display = ("aangemaakt", "soort", "ontvanger", "verzonden_op", "pogingen")
    list_filter = ("soort", ("verzonden_op", admin.EmptyFieldListFilter))
    search_fields = ("ontvanger__email", "onderwerp")
    readonly_fields = [f.name for f in Bericht._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
