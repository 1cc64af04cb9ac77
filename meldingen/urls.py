from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("account/meldingen/", views.InstellingenView.as_view(), name="instellingen"),
]
