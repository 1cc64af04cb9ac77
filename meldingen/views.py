"""The person's own settings: which e-mails they get. Needs no organisation."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from . import selectors, services
from .forms import InstellingenForm


class InstellingenView(FormView):
    template_name = "meldingen/instellingen.html"
    form_class = InstellingenForm

    def get_initial(self):
        return {"aan": sorted(selectors.aan_voor(user=self.request.user))}

    def form_valid(self, form):
        services.instellingen_opslaan(user=self.request.user, aan=form.cleaned_data["aan"])
        messages.success(self.request, _("Uw instellingen voor e-mail zijn opgeslagen."))
        return redirect("meldingen:instellingen")
