"""Browser tests: pytest-playwright driving Debian's Chromium, with an axe-core check.

Playwright cannot download its own browsers here, so the tests use the system Chromium
(MVOI_CHROMIUM, default /usr/bin/chromium). A missing browser is a failure, never a skip.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

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


@pytest.fixture
def inloggen(page, live_server):
    """Log in through the login form, as a person would."""

    def login(gebruikersnaam: str, wachtwoord: str = "mvoi-demo-2026"):
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
        page.get_by_label("Wachtwoord").fill(wachtwoord)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def screenshot():
    """Save a screenshot for the README when MVOI_SCREENSHOTS is set."""

    def maak(page, naam: str) -> None:
        if os.environ.get("MVOI_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{naam}.png", full_page=True)

    return maak
