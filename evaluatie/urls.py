from django.urls import path

from . import views

app_name = "evaluatie"

PLAN = "plannen/<int:pk>/evaluatie/"

urlpatterns = [
    path(f"{PLAN}<int:jaar>/", views.JaarevaluatieView.as_view(), name="jaar"),
    path(f"{PLAN}<int:jaar>/volgend-jaar/", views.VolgendJaarView.as_view(), name="volgend_jaar"),
    path(f"{PLAN}<int:jaar>/besluit/", views.BesluitView.as_view(), name="besluit"),
    path(
        f"{PLAN}besluiten/<int:besluit>/toepassen/",
        views.BesluitToepassenView.as_view(),
        name="besluit_toepassen",
    ),
    path(f"{PLAN}aanbestedingen/", views.TeEvaluerenView.as_view(), name="aanbestedingen"),
    path(
        f"{PLAN}aanbestedingen/<int:aanbesteding>/",
        views.TenderEvaluatieView.as_view(),
        name="tender",
    ),
]
