from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .forms import UserAanmakenAdminForm
from .models import Lidmaatschap, Organisatie, Uitnodiging, User


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]
    filter_horizontal = ["rollen"]


@admin.register(User)
class MvoiUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff"]
    add_form = UserAanmakenAdminForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "type", "manifest_ondertekend_op"]
    list_filter = ["type"]
    search_fields = ["naam"]
    inlines = [LidmaatschapInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisatie"]
    list_filter = ["organisatie", "rollen"]
    search_fields = ["user__username", "user__email", "organisatie__naam"]
    autocomplete_fields = ["user", "organisatie"]
    filter_horizontal = ["rollen"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(SimpleHistoryAdmin):
    list_display = ["email", "organisatie", "verstuurd_op"]
    list_filter = ["organisatie"]
    search_fields = ["email", "organisatie__naam"]
    readonly_fields = ["organisatie", "email", "uitgenodigd_door", "verstuurd_op"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False  # a beheerder invites from the members page, which sends the link
