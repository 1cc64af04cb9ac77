from django.urls import path

from . import stap_views, versie_views, views

app_name = "actieplan"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("plannen/nieuw/", views.ActieplanCreateView.as_view(), name="create"),
    path("plannen/<int:pk>/", views.ActieplanDetailView.as_view(), name="detail"),
    path("plannen/<int:pk>/wijzigen/", views.ActieplanUpdateView.as_view(), name="update"),
    path("plannen/<int:pk>/document/", views.DocumentView.as_view(), name="document"),
    path("plannen/<int:pk>/document/pdf/", views.DocumentPdfView.as_view(), name="document_pdf"),
    path(
        "plannen/<int:pk>/document/pdf/<int:opdracht>/",
        views.DocumentOpdrachtView.as_view(),
        name="document_opdracht",
    ),
    path(
        "plannen/<int:pk>/document/pdf/<int:opdracht>/status/",
        views.DocumentOpdrachtStatusView.as_view(),
        name="document_opdracht_status",
    ),
    path(
        "plannen/<int:pk>/document/pdf/<int:opdracht>/download/",
        views.DocumentOpdrachtPdfView.as_view(),
        name="document_opdracht_pdf",
    ),
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
    # Approval and frozen versions
    path("plannen/<int:pk>/indienen/", versie_views.IndienenView.as_view(), name="indienen"),
    path("plannen/<int:pk>/versies/", versie_views.VersieLijstView.as_view(), name="versies"),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/",
        versie_views.VersieView.as_view(),
        name="versie",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/status/",
        versie_views.VersieStatusView.as_view(),
        name="versie_status",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/intrekken/",
        versie_views.IntrekkenView.as_view(),
        name="versie_intrekken",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/opnieuw/",
        versie_views.OpnieuwVastleggenView.as_view(),
        name="versie_opnieuw",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/terugdraaien/",
        versie_views.TerugdraaienView.as_view(),
        name="versie_terugdraaien",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/<slug:variant>.pdf",
        versie_views.VersiePdfView.as_view(),
        name="versie_pdf",
    ),
    path("plannen/<int:pk>/stappen/<slug:stap>/", views.StapView.as_view(), name="stap"),
    # Step 1
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
