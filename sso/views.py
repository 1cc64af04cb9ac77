"""Logging in at the organisation's own provider: the login page's e-mail field starts it
(`StartView`), the provider sends the person back (`TerugView`). Both open without a
session; neither changes anything until the provider's ID token has been checked."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from organisaties import tweestaps
from organisaties.mixins import OrganisatieMixin

from . import geheimen, oidc, selectors, services, sessie
from .forms import ProviderForm, SsoForm, WachtwoordInlogForm
from .models import Identiteitsprovider

logger = logging.getLogger(__name__)

SESSIE_AANVRAGEN = "sso_aanvragen"
GELDIG_SECONDEN = 600
MAX_AANVRAGEN = 5
BACKEND = "django.contrib.auth.backends.ModelBackend"

ONBEREIKBAAR = _(
    "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het over een paar "
    "minuten opnieuw."
)
MISLUKT = _("Inloggen bij uw organisatie is niet gelukt. Probeer het opnieuw.")


def _terug_url(request) -> str:
    return request.build_absolute_uri(reverse("sso:terug"))


def _veilig(request, verder: str) -> str:
    if verder and url_has_allowed_host_and_scheme(
        verder, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return verder
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _naar_inloggen(request, melding: str, *, wachtwoord: bool = True):
    messages.error(request, melding)
    if wachtwoord:
        messages.info(
            request, _("Heeft u een wachtwoord voor deze applicatie, log dan hieronder in.")
        )
    return redirect("login")


class InloggenView(auth_views.LoginView):
    """The login page: the work e-mail address (to the organisation's own provider) and
    the password form, for organisations without single sign-on."""

    authentication_form = WachtwoordInlogForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        if selectors.sso_ingesteld():
            kwargs.setdefault("sso_form", SsoForm(initial={"next": self.get_redirect_url()}))
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **kwargs):
        antwoord = super().render_to_response(context, **kwargs)
        if "sso_form" in context:
            # The work e-mail form is answered with a redirect to the organisation's
            # provider, and a browser holds a form's whole redirect chain to the page's
            # form-action: this page allows the providers' origins too.
            antwoord._csp_update = {"form-action": selectors.provider_origins()}
        return antwoord


@method_decorator(login_not_required, name="dispatch")
class StartView(View):
    """POST from the login page: the work e-mail address names the organisation's provider;
    the browser goes there with a fresh state, nonce and PKCE challenge."""

    def post(self, request):
        form = SsoForm(request.POST)
        if not form.is_valid():
            return _naar_inloggen(request, _("Vul uw werk-e-mailadres in."), wachtwoord=False)
        provider = selectors.provider_voor_email(form.cleaned_data["email"])
        if provider is None:
            messages.info(
                request,
                _(
                    "Voor dit e-mailadres is inloggen met een werkaccount niet ingesteld. Log "
                    "in met uw gebruikersnaam en wachtwoord."
                ),
            )
            return redirect("login")
        aanvraag = oidc.nieuwe_aanvraag()
        try:
            url = oidc.autorisatie_url(provider, aanvraag, _terug_url(request))
        except oidc.ProviderOnbereikbaar as fout:
            logger.warning("SSO: provider %s onbereikbaar: %s", provider.pk, fout)
            return _naar_inloggen(request, ONBEREIKBAAR, wachtwoord=provider.wachtwoord_toegestaan)
        except (oidc.OngeldigAntwoord, geheimen.GeheimOnleesbaar) as fout:
            logger.warning("SSO: provider %s: %r", provider.pk, fout)
            return _naar_inloggen(request, MISLUKT, wachtwoord=provider.wachtwoord_toegestaan)
        nu = time.time()
        aanvragen = {
            state: gegevens
            for state, gegevens in request.session.get(SESSIE_AANVRAGEN, {}).items()
            if nu - gegevens["tijd"] < GELDIG_SECONDEN
        }
        while len(aanvragen) >= MAX_AANVRAGEN:
            aanvragen.pop(min(aanvragen, key=lambda s: aanvragen[s]["tijd"]))
        aanvragen[aanvraag.state] = {
            "provider": provider.pk,
            "nonce": aanvraag.nonce,
            "code_verifier": aanvraag.code_verifier,
            "verder": form.cleaned_data.get("next") or "",
            "tijd": nu,
        }
        request.session[SESSIE_AANVRAGEN] = aanvragen
        return redirect(url)


@method_decorator(login_not_required, name="dispatch")
class TerugView(View):
    """GET from the provider: the state names this browser's own login attempt (used once),
    the code is exchanged at that attempt's provider, its ID token checked, and the person
    logged in to their organisation."""

    def get(self, request):
        aanvragen = request.session.get(SESSIE_AANVRAGEN, {})
        gegevens = aanvragen.pop(request.GET.get("state", ""), None)
        request.session[SESSIE_AANVRAGEN] = aanvragen
        if gegevens is None or time.time() - gegevens["tijd"] >= GELDIG_SECONDEN:
            return _naar_inloggen(
                request, _("Deze inlogpoging is verlopen of al gebruikt. Probeer het opnieuw.")
            )
        provider = selectors.provider_get(gegevens["provider"])
        if provider is None:
            return _naar_inloggen(request, MISLUKT)
        if "error" in request.GET:
            logger.info(
                "SSO: provider %s gaf %r: %r",
                provider.pk,
                request.GET.get("error", "")[:100],
                request.GET.get("error_description", "")[:300],
            )
            return _naar_inloggen(request, MISLUKT, wachtwoord=provider.wachtwoord_toegestaan)
        # RFC 9207: a provider that says who sent the person back must be this one.
        if "iss" in request.GET and request.GET["iss"] != provider.issuer:
            logger.warning(
                "SSO: antwoord van %r voor provider %s", request.GET["iss"][:200], provider.pk
            )
            return _naar_inloggen(request, MISLUKT, wachtwoord=provider.wachtwoord_toegestaan)
        aanvraag = oidc.Aanvraag(
            state="", nonce=gegevens["nonce"], code_verifier=gegevens["code_verifier"]
        )
        try:
            inlog = oidc.code_inwisselen(
                provider,
                aanvraag,
                code=request.GET.get("code", ""),
                redirect_uri=_terug_url(request),
            )
            gebruiker = services.persoon_inloggen(provider=provider, claims=inlog.claims)
        except oidc.ProviderOnbereikbaar as fout:
            logger.warning("SSO: provider %s onbereikbaar: %s", provider.pk, fout)
            return _naar_inloggen(request, ONBEREIKBAAR, wachtwoord=provider.wachtwoord_toegestaan)
        except (oidc.OngeldigAntwoord, geheimen.GeheimOnleesbaar) as fout:
            logger.warning("SSO: provider %s: %r", provider.pk, fout)
            return _naar_inloggen(request, MISLUKT, wachtwoord=provider.wachtwoord_toegestaan)
        except services.GeenToegang as fout:
            return _naar_inloggen(request, str(fout), wachtwoord=provider.wachtwoord_toegestaan)
        # A login into a browser session that came through a provider before (someone
        # else's, or the same person's again): its row goes, with its refresh token.
        sessie.beeindigen(request)
        login(request, gebruiker, backend=BACKEND)
        sessie.bewaren(request, provider, inlog)
        request.session["actieve_organisatie_id"] = provider.organisatie_id
        if services.code_overbodig(provider, gebruiker, inlog.claims):
            # The provider asked for more than a password: no code of our own on top.
            request.session.pop(tweestaps.SESSIE, None)
        return redirect(_veilig(request, gegevens["verder"]))


class UitloggenView(auth_views.LogoutView):
    """Logging out here, and, for a session that came through the organisation's provider,
    at the provider too (RP-initiated logout, where the provider offers it): the browser
    goes there with the ID token as the hint and comes back to the login page."""

    def post(self, request, *args, **kwargs):
        provider_id = request.session.get(sessie.PROVIDER)
        id_token = request.session.get(sessie.ID_TOKEN)
        antwoord = super().post(request, *args, **kwargs)
        provider = selectors.provider_get(provider_id) if provider_id else None
        if provider is not None and id_token:
            url = oidc.uitlog_url(
                provider,
                id_token=id_token,
                terug=request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
            )
            if url:
                return redirect(url)
        return antwoord


class InstellenView(OrganisatieMixin, FormView):
    """The beheerder sets up the organisation's own provider: what their IT registered
    (issuer, client id and secret), the e-mail domains, and how roles follow the groups.
    Saving reads the provider's discovery document: an issuer that does not answer, or
    answers as another, is refused (unless the provider is saved as not active)."""

    permission_required = "organisaties.beheer_leden"
    template_name = "sso/instellen.html"
    form_class = ProviderForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = selectors.provider_van(
            self.request.organisatie
        ) or Identiteitsprovider(organisatie=self.request.organisatie)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            terug_url=_terug_url(self.request),
            uitlog_terug_url=self.request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
            **selectors.geschiedenis(organisatie=self.request.organisatie),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.provider_opslaan(provider=form.instance)
        except services.ProviderNietBruikbaar as fout:
            form.add_error("issuer", str(fout))
            return self.form_invalid(form)
        messages.success(
            self.request, _("De instellingen van het inloggen met een werkaccount zijn opgeslagen.")
        )
        return redirect("sso:instellen")
