"""The pages of two-step verification: turning it on (the app's QR code and secret, its
first code, then the recovery codes, shown once) and the code after the password."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import tweestaps


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


class InstellenView(View):
    """Turn on two-step verification for oneself."""

    template_name = "registration/tweestaps_instellen.html"

    def _pagina(self, request, device, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "qr": tweestaps.qr_svg(device),
                "geheim": tweestaps.geheim(device),
                "al_aan": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            },
            status=status,
        )

    def get(self, request):
        return self._pagina(request, tweestaps.nieuwe_app(request.user), CodeForm())

    def post(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).last()
        if device is None:
            return redirect("tweestaps_instellen")
        form = CodeForm(request.POST)
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
        return render(request, "registration/tweestaps_herstelcodes.html", {"codes": codes})


@method_decorator(login_not_required, name="dispatch")
class ControleView(View):
    """The code after the password (the middleware sends every page here until then)."""

    template_name = "registration/tweestaps_controle.html"

    def get(self, request):
        if not request.user.is_authenticated:
            return redirect("login")
        return render(
            request, self.template_name, {"form": CodeForm(), "next": request.GET.get("next", "")}
        )

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect("login")
        form = CodeForm(request.POST)
        if form.is_valid() and tweestaps.code_controleren(request, form.cleaned_data["code"]):
            return redirect(tweestaps.veilig_verder(request, reverse("actieplan:start")))
        if form.is_valid():
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet of is al gebruikt. Na enkele pogingen moet u "
                    "steeds langer wachten."
                ),
            )
        messages.error(request, _("Inloggen is nog niet af: de code ontbreekt of klopt niet."))
        return render(
            request, self.template_name, {"form": form, "next": request.POST.get("next", "")}
        )
