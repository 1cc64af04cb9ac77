"""The pages of two-step verification: turning it on (the app's QR code and secret, its
first code, then the recovery codes, shown once) and the code after the password."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp.plugins.otp_totp.models import TOTPDevice

from basis.formulieren import helper_zonder_overzicht

from . import tweestaps


def _startpagina() -> str:
    """Where a person goes on after the second step, unless they were on their way."""
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=gettext_lazy(
            "De zes cijfers uit uw authenticator-app, of een van uw herstelcodes."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page's own summary ({% foutoverzicht %}) is the one summary; the message
        # stands at the field.
        self.helper = helper_zonder_overzicht()


class VervangenForm(CodeForm):
    """Replacing an app that is already on asks for proof of the current one first: a
    stolen session alone cannot take over someone's second step."""

    huidige_code = forms.CharField(
        label=gettext_lazy("Code uit uw huidige app, of een herstelcode"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.order_fields(["huidige_code", "code"])
        self.fields["code"].label = gettext_lazy("Code uit de nieuwe app")
        self.fields["code"].help_text = ""

    def clean_huidige_code(self):
        code = self.cleaned_data["huidige_code"]
        if tweestaps.device_voor_code(self.user, code) is None:
            raise forms.ValidationError(
                _("Deze code klopt niet. Typ de code uit de app die u nu gebruikt.")
            )
        return code


class InstellenView(View):
    """Turn on two-step verification for oneself."""

    template_name = "registration/tweestaps_instellen.html"

    @staticmethod
    def _al_aan(request) -> bool:
        return tweestaps.heeft_app(request.user)

    def _form(self, request, data=None):
        if self._al_aan(request):
            return VervangenForm(data, user=request.user)
        return CodeForm(data)

    def _pagina(self, request, device, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "qr": tweestaps.qr_svg(device),
                "geheim": tweestaps.geheim(device),
                "al_aan": self._al_aan(request),
                # Compulsory, and not set up yet: nothing else opens, so no "cancel".
                "verplicht": tweestaps.stand(request) == tweestaps.INSTELLEN,
                "next": request.POST.get("next") or request.GET.get("next", ""),
            },
            status=status,
        )

    def get(self, request):
        return self._pagina(request, tweestaps.nieuwe_app(request.user), self._form(request))

    def post(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).last()
        if device is None:
            return redirect("tweestaps_instellen")
        form = self._form(request, request.POST)
        codes = form.is_valid() and tweestaps.bevestigen(request, device, form.cleaned_data["code"])
        if not codes:
            if form.is_valid():
                form.add_error(
                    "code",
                    _(
                        "Deze code klopt niet. Controleer of de tijd op uw telefoon goed "
                        "staat en typ de code die de app nu toont."
                    ),
                )
            return self._pagina(request, device, form)
        verder = tweestaps.veilig_verder(request, _startpagina())
        return render(
            request, "registration/tweestaps_herstelcodes.html", {"codes": codes, "verder": verder}
        )


@method_decorator(login_not_required, name="dispatch")
class ControleView(View):
    """The code after the password (the middleware sends every page here until then)."""

    template_name = "registration/tweestaps_controle.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("login")
        if tweestaps.stand(request) == tweestaps.NODIG and not tweestaps.heeft_app(request.user):
            # The app was removed (by the platform administrator, after a lost phone) while
            # this session waited for its code: decide again – set up a new app, or go on.
            tweestaps.stand_bepalen(request, request.user)
            return redirect(tweestaps.veilig_verder(request, _startpagina()))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(
            request, self.template_name, {"form": CodeForm(), "next": request.GET.get("next", "")}
        )

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid() and tweestaps.code_controleren(request, form.cleaned_data["code"]):
            return redirect(tweestaps.veilig_verder(request, _startpagina()))
        if form.is_valid():
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet of is al gebruikt. Na enkele pogingen moet u "
                    "steeds langer wachten."
                ),
            )
        return render(
            request, self.template_name, {"form": form, "next": request.POST.get("next", "")}
        )
