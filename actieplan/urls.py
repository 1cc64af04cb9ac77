from django.urls import path

from . import views

app_name = "actieplan"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("plannen/nieuw/", views.ActieplanCreateView.as_view(), name="create"),
    path("plannen/<int:pk>/", views.ActieplanDetailView.as_view(), name="detail"),
    path("plannen/<int:pk>/wijzigen/", views.ActieplanUpdateView.as_view(), name="update"),
    path("plannen/<int:pk>/stappen/<slug:stap>/", views.StapView.as_view(), name="stap"),
]
