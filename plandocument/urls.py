from django.urls import path

from . import versie_views, views

app_name = "plandocument"

# Inside a plan, beside actieplan's own pages (mvoi/urls.py mounts both at the root).
urlpatterns = [
    path("plannen/<int:pk>/document/", views.DocumentView.as_view(), name="document"),
    path("plannen/<int:pk>/document/pdf/", views.DocumentPdfView.as_view(), name="document_pdf"),
    path(
        "plannen/<int:pk>/document/teksten/",
        views.ToelichtingenView.as_view(),
        name="toelichtingen",
    ),
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
    # Approval and frozen versions
    path("plannen/<int:pk>/indienen/", versie_views.IndienenView.as_view(), name="indienen"),
    path("plannen/<int:pk>/versies/", versie_views.VersieLijstView.as_view(), name="versies"),
    path(
        "plannen/<int:pk>/versies/sinds-vastgesteld/",
        versie_views.SindsVastgesteldView.as_view(),
        name="sinds_vastgesteld",
    ),
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
        "plannen/<int:pk>/versies/<int:nummer>/document/",
        versie_views.VersieDocumentView.as_view(),
        name="versie_document",
    ),
    path(
        "plannen/<int:pk>/versies/<int:nummer>/<slug:variant>.pdf",
        versie_views.VersiePdfView.as_view(),
        name="versie_pdf",
    ),
]
