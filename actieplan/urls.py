from django.urls import path

from . import stap_views, views

app_name = "actieplan"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("plannen/nieuw/", views.ActieplanCreateView.as_view(), name="create"),
    path("plannen/<int:pk>/", views.ActieplanDetailView.as_view(), name="detail"),
    path("plannen/<int:pk>/wijzigen/", views.ActieplanUpdateView.as_view(), name="update"),
    path(
        "plannen/<int:pk>/herziening/",
        views.HerzieningAfrondenView.as_view(),
        name="herziening_afronden",
    ),
    path(
        "plannen/<int:pk>/geschiedenis/",
        views.GeschiedenisView.as_view(),
        name="geschiedenis",
    ),
    path("plannen/<int:pk>/stappen/<slug:stap>/", views.StapView.as_view(), name="stap"),
    # Step 1
    path(
        "plannen/<int:pk>/nulmeting/vragen/",
        views.NulmetingVragenView.as_view(),
        name="nulmeting_vragen",
    ),
    path(
        "plannen/<int:pk>/nulmeting/mijn/",
        stap_views.MijnNulmetingView.as_view(),
        name="nulmeting_mijn",
    ),
    path(
        "plannen/<int:pk>/nulmeting/mijn/<slug:thema>/",
        stap_views.NulmetingAntwoordView.as_view(),
        name="nulmeting_antwoord",
    ),
    path(
        "plannen/<int:pk>/nulmeting/themas/<slug:thema>/",
        stap_views.NulmetingThemaView.as_view(),
        name="nulmeting_thema",
    ),
    # Step 2
    path("plannen/<int:pk>/themas/kiezen/", stap_views.ThemakeuzeView.as_view(), name="themakeuze"),
    path("plannen/<int:pk>/themas/ambities/", stap_views.AmbitiesView.as_view(), name="ambities"),
    # Step 3
    path(
        "plannen/<int:pk>/doelen/meetbaar/",
        stap_views.MeetbareDoelenView.as_view(),
        name="meetbare_doelen",
    ),
    path(
        "plannen/<int:pk>/doelen/woorden/",
        stap_views.TekstdoelenView.as_view(),
        name="tekstdoelen",
    ),
]
