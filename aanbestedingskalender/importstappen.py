"""The three steps of an import, shared by the calendar and the year planning: upload (the
file is kept in the database, `Importbestand`, until it is confirmed), preview (what will
be added and changed, and every error by row and column), confirm (all rows or none). Each
app's views say what is particular to it: its upload and import services, where the user
goes back to, and how its preview names a row (a template extending
`aanbestedingskalender/import/voorbeeld.html`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bestanden
from .importeren import ImportMislukt, ImportResultaat
from .models import Importbestand


class UploadStap:
    """Step 1, on a FormView inside a plan: the upload form. `opslaan()` keeps the file
    (and may check it once); then the user goes on to the preview."""

    bewerkpagina = True
    voorbeeld_url_naam: str = ""

    def opslaan(self, *, bestandsnaam: str, inhoud: bytes) -> Importbestand:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            max_rijen=bestanden.max_rijen_tekst(), max_mb=bestanden.max_mb_tekst(), **kwargs
        )

    def form_valid(self, form):
        bestand = form.cleaned_data["bestand"]
        upload = self.opslaan(bestandsnaam=bestand.name, inhoud=bestand.read())
        return redirect(self.voorbeeld_url_naam, self.actieplan.pk, upload.pk)


class VoorbeeldStap:
    """Steps 2 and 3, on a TemplateView inside a plan: the preview, then the confirmation
    (POST). An import with any error changes nothing, and the page offers no confirmation
    then; a POST that comes anyway shows the preview again."""

    bewerkpagina = True
    kruimel = gettext_lazy("Import controleren")

    def get_upload(self) -> Importbestand:
        raise NotImplementedError

    def controle(self, upload: Importbestand) -> ImportResultaat:
        raise NotImplementedError

    def importeren(self, upload: Importbestand) -> ImportResultaat:
        """Import the whole file or raise ImportMislukt (nothing changed); refused, naming
        them, when rows the preview showed were changed by someone since."""
        raise NotImplementedError

    def opnieuw_controleren(self, upload: Importbestand) -> None:
        """Check the kept upload again against the data as it is now (a fresh preview)."""
        raise NotImplementedError

    def opnieuw_url(self) -> str:
        raise NotImplementedError

    def klaar_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        upload = self.get_upload()
        if "resultaat" not in kwargs:
            kwargs["resultaat"] = self.controle(upload)
        kwargs.update(upload=upload, opnieuw_url=self.opnieuw_url(), annuleren_url=self.klaar_url())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        upload = self.get_upload()
        if "opnieuw" in request.POST:  # after a refusal: what the import would do now
            self.opnieuw_controleren(upload)
            messages.info(request, _("Opnieuw gecontroleerd tegen de gegevens van nu."))
            return redirect(request.path)
        controle = self.controle(upload)
        if not controle.geldig:  # the page offered no confirm button: nothing to do
            return self.render_to_response(self.get_context_data(resultaat=controle))
        try:
            resultaat = self.importeren(upload)
        except ImportMislukt as mislukt:
            messages.error(request, _("De import is niet uitgevoerd: er is niets veranderd."))
            return self.render_to_response(self.get_context_data(resultaat=mislukt.resultaat))
        upload.delete()
        messages.success(
            request,
            _(
                "Import klaar: %(nieuw)s toegevoegd, %(gewijzigd)s gewijzigd, "
                "%(zelfde)s ongewijzigd."
            )
            % {
                "nieuw": len(resultaat.nieuw),
                "gewijzigd": len(resultaat.gewijzigd),
                "zelfde": resultaat.ongewijzigd,
            },
        )
        return redirect(self.klaar_url())
