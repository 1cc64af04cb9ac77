from django.urls import path

from . import views

app_name = "organisaties"

urlpatterns = [
    path("wisselen/", views.OrganisatieWisselenView.as_view(), name="wisselen"),
    path("leden/", views.LedenView.as_view(), name="leden"),
    path("instellingen/", views.HuisstijlView.as_view(), name="huisstijl"),
    path("logo.png", views.LogoView.as_view(), name="logo"),
    path("leden/tweestaps/", views.TweestapsVerplichtView.as_view(), name="tweestaps_verplicht"),
    path("leden/toevoegen/", views.LidToevoegenView.as_view(), name="lid_toevoegen"),
    path("leden/<int:pk>/", views.LidWijzigenView.as_view(), name="lid_wijzigen"),
    path("leden/<int:pk>/verwijderen/", views.LidVerwijderenView.as_view(), name="lid_verwijderen"),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        views.UitnodigingIntrekkenView.as_view(),
        name="uitnodiging_intrekken",
    ),
]
