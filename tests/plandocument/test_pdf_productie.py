"""The PDF is printed with its stylesheet under the production static-file set-up too
(issue 23, first part): after `collectstatic` with the production settings' storage
(hashed names, whitenoise's manifest), `{% static %}` names the hashed file and the PDF
finds it; a stylesheet that is not there stops the PDF instead of printing it unstyled."""

import importlib.util
import io
import sys

import pypdf
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

from actieplan.models import Actieplan
from plandocument import document, pdf


def _productie_opslag() -> dict:
    """The static-file storage of the production settings module, read afresh: the test
    settings change the shared dict they import from it."""
    spec = importlib.util.spec_from_file_location(
        "mvoi.settings._productie", sys.modules["mvoi.settings"].__path__[0] + "/base.py"
    )
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "mvoi.settings"
    spec.loader.exec_module(module)
    return module.STORAGES["staticfiles"]


PRODUCTIE_OPSLAG = _productie_opslag()


@pytest.fixture(scope="module")
def verzameld(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture
def productie_static(settings, verzameld):
    """The production settings' static-file storage, with the files collected."""
    settings.STATIC_ROOT = verzameld
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTIE_OPSLAG}
    if not (verzameld / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return verzameld


@pytest.fixture
def demo_plan(db):
    call_command("demo_data", force=True, verbosity=0)
    return Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")


def lezen(inhoud: bytes) -> tuple[int, set[str]]:
    """Page count, and the fonts the PDF embeds."""
    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    fonts = set()
    for pagina in lezer.pages:
        for font in (pagina.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    return len(lezer.pages), fonts


def test_the_production_settings_collect_hashed_files():
    assert PRODUCTIE_OPSLAG["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_pdf_is_styled_under_the_production_static_files_as_in_the_tests(
    demo_plan, settings, verzameld
):
    html_test = document.document_html(actieplan=demo_plan, jaar=2026)
    pagina_s_test, fonts_test = lezen(pdf.render_to_pdf(html_test))

    settings.STATIC_ROOT = verzameld
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTIE_OPSLAG}
    if not (verzameld / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    html = document.document_html(actieplan=demo_plan, jaar=2026)
    gehasht = staticfiles_storage.url("css/document.css")
    assert gehasht != "/static/css/document.css" and gehasht in html  # the hashed name
    opgevraagd: list[str] = []
    pagina_s, fonts = lezen(pdf.render_to_pdf(html, opgevraagd=opgevraagd))
    assert opgevraagd == [f"{pdf.EIGEN_ORIGIN}{gehasht}"]
    # Styled: the same pages and the stylesheet's two typefaces (body sans, headings serif).
    assert pagina_s == pagina_s_test
    assert {"DejaVu-Sans", "DejaVu-Serif"} <= fonts
    assert fonts == fonts_test


def test_a_stylesheet_that_is_not_there_stops_the_pdf(demo_plan, productie_static):
    html = document.document_html(actieplan=demo_plan, jaar=2026)
    gehasht = staticfiles_storage.path(staticfiles_storage.stored_name("css/document.css"))
    bewaard = open(gehasht, "rb").read()  # noqa: SIM115
    try:
        import os

        os.remove(gehasht)
        with pytest.raises(pdf.OpmaakOntbreekt, match="collectstatic"):
            pdf.render_to_pdf(html)
    finally:
        with open(gehasht, "wb") as bestand:
            bestand.write(bewaard)
