from django.urls import path

from . import views

app_name = "jaarplanning"

PLAN = "plannen/<int:pk>/jaarplanning/"

urlpatterns = [
    path(f"{PLAN}acties/", views.ActieLijstView.as_view(), name="acties"),
    path(f"{PLAN}export/", views.ExportView.as_view(), name="export"),
    path(f"{PLAN}actorgroepen/", views.ActorgroepenView.as_view(), name="actorgroepen"),
    path(f"{PLAN}import/", views.ImportView.as_view(), name="import"),
    path(
        f"{PLAN}import/<int:upload>/",
        views.ImportVoorbeeldView.as_view(),
        name="import_voorbeeld",
    ),
    path(f"{PLAN}acties/nieuw/", views.ActieFormulierView.as_view(), name="actie_nieuw"),
    path(f"{PLAN}acties/<int:actie>/", views.ActieWijzigenView.as_view(), name="actie_wijzigen"),
    path(
        f"{PLAN}acties/<int:actie>/verwijderen/",
        views.ActieVerwijderenView.as_view(),
        name="actie_verwijderen",
    ),
    path("plannen/<int:pk>/borging/bewerken/", views.BorgingView.as_view(), name="borging"),
]
