"""The plan document as a PDF (WeasyPrint), from the same HTML as the browser preview.

WeasyPrint fetches only the project's own static files, through `EigenBestanden`: never
`file://`, never the network, whatever a user typed into the plan (their text is escaped
by the templates anyway; this is the second lock). Every URL asked for is recorded, so a
test can see that nothing else was tried. Imported lazily: only the PDF needs WeasyPrint's
native libraries.
"""

from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders

# The document's base URL: the project's static files are addressed under this origin
# (STATIC_URL); nothing outside it is served.
EIGEN_ORIGIN = "https://actieplan.invalid"


def eigen_bestand(url: str) -> bytes | None:
    """The bytes of one of the project's static files at `url`, or None."""
    delen = urlparse(url)
    if f"{delen.scheme}://{delen.netloc}" != EIGEN_ORIGIN:
        return None
    if not delen.path.startswith(settings.STATIC_URL) or delen.query:
        return None
    relatief = delen.path[len(settings.STATIC_URL) :]
    if ".." in PurePosixPath(relatief).parts:
        return None
    pad = finders.find(relatief)
    return Path(pad).read_bytes() if pad else None


def _fetcher(opgevraagd: list[str] | None):
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: native libraries

    class EigenBestanden(URLFetcher):
        def fetch(self, url, headers=None):
            if opgevraagd is not None:
                opgevraagd.append(url)
            inhoud = eigen_bestand(url)
            if inhoud is None:
                raise ValueError(f"Geweigerd: {url}")
            soort = "text/css" if url.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, inhoud, {"Content-Type": soort})

    return EigenBestanden(allowed_protocols=("https",))


def render_to_pdf(html: str, *, opgevraagd: list[str] | None = None) -> bytes:
    """PDF/UA-1 (tagged, with the document's language and bookmarks), its styles and
    images only from the project's static files. `opgevraagd` collects every URL asked."""
    from weasyprint import HTML  # lazy: native libraries

    return HTML(
        string=html, base_url=EIGEN_ORIGIN + "/", url_fetcher=_fetcher(opgevraagd)
    ).write_pdf(pdf_variant="pdf/ua-1")
