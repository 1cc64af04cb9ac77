from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from basis import sessie
from organisaties import tweestaps_views
from organisaties.forms import WachtwoordKiezenForm, WachtwoordVergetenForm
from organisaties.views import UitnodigingView
from sso import views as sso_views

admin.site.site_header = _("Actieplan MVOI – platformbeheer")
admin.site.site_title = _("Actieplan MVOI")

urlpatterns = [
    # Django marks these auth views login_not_required itself.
    # The password form, and the work e-mail address that leads to the organisation's own
    # identity provider (sso/).
    path("inloggen/", sso_views.InloggenView.as_view(), name="login"),
    # Logging out, at the organisation's provider too for a session that came through it.
    path("uitloggen/", sso_views.UitloggenView.as_view(), name="logout"),
    path("", include("sso.urls")),
    path("sessie/status/", sessie.SessieStatusView.as_view(), name="sessie_status"),
    path("sessie/verlengen/", sessie.SessieVerlengenView.as_view(), name="sessie_verlengen"),
    path("inloggen/code/", tweestaps_views.ControleView.as_view(), name="tweestaps_controle"),
    path(
        "account/tweestapsverificatie/",
        tweestaps_views.InstellenView.as_view(),
        name="tweestaps_instellen",
    ),
    path(
        "wachtwoord/vergeten/",
        auth_views.PasswordResetView.as_view(
            form_class=WachtwoordVergetenForm,
            email_template_name="registration/wachtwoord_vergeten_email.txt",
            subject_template_name="registration/wachtwoord_vergeten_onderwerp.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/kiezen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=WachtwoordKiezenForm),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/gekozen/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The accessibility statement, linked from every page's footer; open to everyone.
    path(
        "toegankelijkheid/",
        login_not_required(TemplateView.as_view(template_name="toegankelijkheid.html")),
        name="toegankelijkheid",
    ),
    # The link in an invitation e-mail; open without logging in (the token is the key).
    path("uitnodiging/<str:token>/", UitnodigingView.as_view(), name="uitnodiging"),
    path("organisatie/", include("organisaties.urls")),
    path("", include("meldingen.urls")),
    path("platformbeheer/", admin.site.urls),
    path("", include("aanbestedingskalender.urls")),
    path("", include("jaarplanning.urls")),
    path("", include("evaluatie.urls")),
    path("", include("plandocument.urls")),
    path("", include("actieplan.urls")),
]
