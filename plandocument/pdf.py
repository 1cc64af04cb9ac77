"""The plan document as a PDF (WeasyPrint), from the same HTML as the browser preview.

WeasyPrint fetches only the project's own static files, through `EigenBestanden`: never
`file://`, never the network, whatever a user typed into the plan (their text is escaped
by the templates anyway; this is the second lock). Every URL asked for is recorded, so a
test can see that nothing else was tried. Imported lazily: only the PDF needs WeasyPrint's
native libraries.

The static files are read the way the settings serve them: through the static-files
storage first (in production the collected files under their hashed names, which
`{% static %}` writes into the HTML), then the finders (development and tests, nothing
collected). A file of our own that cannot be found stops the PDF with an error: WeasyPrint
would otherwise print the plan without its stylesheet, and a frozen version stays as it
was printed (issue 23).
"""

import base64
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

from . import toegankelijk

# The document's base URL: the project's static files are addressed under this origin
# (STATIC_URL); nothing outside it is served.
EIGEN_ORIGIN = "https://actieplan.invalid"


class OpmaakOntbreekt(RuntimeError):
    """A stylesheet, font or image of the document itself could not be read."""


def _eigen_pad(url: str) -> str | None:
    """The static file's name if `url` is one of ours (under STATIC_URL on our origin)."""
    delen = urlparse(url)
    if f"{delen.scheme}://{delen.netloc}" != EIGEN_ORIGIN:
        return None
    pad = delen.path.lstrip("/")
    static = settings.STATIC_URL.lstrip("/")
    if not pad.startswith(static) or delen.query:
        return None
    relatief = pad[len(static) :]
    if not relatief or ".." in PurePosixPath(relatief).parts:
        return None
    return relatief


# The organisation's logo travels inside the document as a PNG data URL (document.py); the
# application re-encoded it at upload (organisaties/huisstijl.py). No other data URL.
LOGO_DATA = "data:image/png;base64,"
PNG = b"\x89PNG\r\n\x1a\n"


def eigen_bestand(url: str) -> bytes | None:
    """The bytes of one of the project's static files at `url`, or of the logo's data URL,
    or None."""
    if url.startswith(LOGO_DATA):
        try:
            inhoud = base64.b64decode(url[len(LOGO_DATA) :], validate=True)
        except ValueError:
            return None
        return inhoud if inhoud.startswith(PNG) else None  # a PNG, nothing else
    relatief = _eigen_pad(url)
    if relatief is None:
        return None
    try:
        if staticfiles_storage.exists(relatief):
            with staticfiles_storage.open(relatief) as bestand:
                return bestand.read()
    except (SuspiciousFileOperation, ValueError, NotImplementedError, OSError):
        pass
    pad = finders.find(relatief)
    return Path(pad).read_bytes() if pad else None


def _fetcher(opgevraagd: list[str] | None, ontbrekend: list[str]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: native libraries

    class EigenBestanden(URLFetcher):
        def fetch(self, url, headers=None):
            if opgevraagd is not None:
                opgevraagd.append(url)
            inhoud = eigen_bestand(url)
            if inhoud is None:
                if _eigen_pad(url) is not None:
                    ontbrekend.append(url)  # ours, and not there: the PDF must not go out
                raise ValueError(f"Geweigerd: {url}")
            if url.startswith(LOGO_DATA):
                soort = "image/png"
            elif url.endswith(".css"):
                soort = "text/css"
            else:
                soort = "application/octet-stream"
            return URLFetcherResponse(url, inhoud, {"Content-Type": soort})

    return EigenBestanden(allowed_protocols=("https",))


def render_to_pdf(html: str, *, opgevraagd: list[str] | None = None) -> bytes:
    """PDF/UA-1 (tagged, with the document's language and bookmarks; running headers as
    artifacts and table headers with their scope, toegankelijk.py), its styles and
    images only from the project's static files. `opgevraagd` collects every URL asked."""
    from weasyprint import HTML  # lazy: native libraries

    ontbrekend: list[str] = []
    inhoud = HTML(
        string=html, base_url=EIGEN_ORIGIN + "/", url_fetcher=_fetcher(opgevraagd, ontbrekend)
    ).write_pdf(pdf_variant="pdf/ua-1", finisher=toegankelijk.afwerken)
    if ontbrekend:
        raise OpmaakOntbreekt(
            "De opmaak van het document is niet gevonden: "
            + ", ".join(ontbrekend)
            + ". Is `manage.py collectstatic` gedraaid voor deze release?"
        )
    return inhoud
