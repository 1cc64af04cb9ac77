"""Browser tests: pytest-playwright driving Debian's Chromium, with an axe-core check.

Playwright cannot download its own browsers here, so the tests use the system Chromium
(MVOI_CHROMIUM, default /usr/bin/chromium). A missing browser is a failure, never a skip.
"""

import os
import re
from base64 import b32encode
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.organisaties.test_tweestaps import code_voor

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MVOI_CHROMIUM", "/usr/bin/chromium")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium ontbreekt op {CHROMIUM}: installeer het Debian-pakket 'chromium'.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}


_axe = Axe()


def assert_geen_axe_overtredingen(page) -> None:
    """Run axe-core on the page for WCAG 2.1 A and AA; fail with the report when violated."""
    resultaat = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert resultaat.violations_count == 0, (
        f"{page.url}: {resultaat.violations_count} axe-overtredingen\n{resultaat.generate_report()}"
    )


@pytest.fixture
def axe_check():
    return assert_geen_axe_overtredingen


@pytest.fixture
def demo_data(referentiegegevens_transactioneel):
    call_command("demo_data", force=True, verbosity=0)


def inloggen_op(
    page, url: str, gebruikersnaam: str, wachtwoord="mvoi-demo-2026", *, tweede_stap=True
):
    """Log in through the login form, as a person would, and then give the second step
    where it is asked: the code of the user's app (computed here from its secret), or the
    app's setup for who must use it and has none (the secret read from the page).
    `tweede_stap=False` stops after the password."""
    page.goto(f"{url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if tweede_stap and "/inloggen/code/" in page.url:
        page.get_by_label("Code").fill(code_van_app(gebruikersnaam))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    elif tweede_stap and "/account/tweestapsverificatie/" in page.url:
        page.get_by_label("Code").fill(code_voor(page.locator("code.mvoi-geheim").inner_text()))
        page.get_by_role("button", name="Aanzetten").click()
        page.get_by_role("link", name=re.compile("Ik heb ze bewaard")).click()
        page.wait_for_load_state()
    return page


@pytest.fixture
def inloggen(page, live_server):
    """inloggen("coordinator"): `inloggen_op` with the test's page and live server."""

    def login(gebruikersnaam: str, wachtwoord: str = "mvoi-demo-2026", *, tweede_stap=True):
        return inloggen_op(
            page, live_server.url, gebruikersnaam, wachtwoord, tweede_stap=tweede_stap
        )

    return login


def code_van_app(gebruikersnaam: str) -> str:
    """The code the user's app shows now. A code is accepted once per 30 seconds, and
    tests log in again quicker than that: as if the user waited for the next one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    apps = TOTPDevice.objects.filter(user__username=gebruikersnaam, confirmed=True)
    apps.update(last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None)
    return code_voor(b32encode(apps.get().bin_key).decode())


@pytest.fixture
def screenshot():
    """Save a screenshot for the README when MVOI_SCREENSHOTS is set."""

    def maak(page, naam: str, *, hele_pagina: bool = True) -> None:
        if os.environ.get("MVOI_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{naam}.png", full_page=hele_pagina)

    return maak
