from django.contrib import admin

from .models import Ambitieniveau, Doelsoort, Productgroep, Sdg, Thema


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "korte_naam", "volgorde", "overige_koppelingen"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["sdgs"]


@admin.register(Ambitieniveau)
class AmbitieniveauAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam", "betekenis"]


@admin.register(Productgroep)
class ProductgroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "criteriatool_url"]
    search_fields = ["naam"]
    filter_horizontal = ["kansrijke_themas"]


@admin.register(Sdg)
class SdgAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam"]


@admin.register(Doelsoort)
class DoelsoortAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "eenheid", "met_drempel", "berekening", "volgorde"]
