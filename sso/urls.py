from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("inloggen/werkaccount/", views.StartView.as_view(), name="start"),
    path("inloggen/sso/terug/", views.TerugView.as_view(), name="terug"),
    path("organisatie/inloggen/", views.InstellenView.as_view(), name="instellen"),
]
