from django.urls import path

from . import views

app_name = "aanbestedingskalender"

PLAN = "plannen/<int:pk>/kalender/"

urlpatterns = [
    path(PLAN, views.KalenderView.as_view(), name="kalender"),
    path(f"{PLAN}nieuw/", views.AanbestedingCreateView.as_view(), name="aanbesteding_nieuw"),
    path(
        f"{PLAN}<int:aanbesteding>/",
        views.AanbestedingUpdateView.as_view(),
        name="aanbesteding_wijzigen",
    ),
    path(
        f"{PLAN}<int:aanbesteding>/bekijken/",
        views.AanbestedingView.as_view(),
        name="aanbesteding",
    ),
    path(
        f"{PLAN}<int:aanbesteding>/uitstellen/",
        views.AanbestedingUitstellenView.as_view(),
        name="aanbesteding_uitstellen",
    ),
    path(
        f"{PLAN}<int:aanbesteding>/verwijderen/",
        views.AanbestedingVerwijderenView.as_view(),
        name="aanbesteding_verwijderen",
    ),
    path(f"{PLAN}kwartaal/", views.KwartaalStartView.as_view(), name="kwartaal_nu"),
    path(
        f"{PLAN}kwartaal/<int:jaar>/<int:kwartaal>/",
        views.KwartaalView.as_view(),
        name="kwartaal",
    ),
    path(f"{PLAN}export/", views.ExportView.as_view(), name="export"),
    path(f"{PLAN}zoeken/", views.ZoekenView.as_view(), name="zoeken"),
    path(f"{PLAN}sjabloon/", views.SjabloonView.as_view(), name="sjabloon"),
    path(f"{PLAN}import/", views.ImportView.as_view(), name="import"),
    path(
        f"{PLAN}import/<int:upload>/",
        views.ImportVoorbeeldView.as_view(),
        name="import_voorbeeld",
    ),
]
