"""The pages people live in (issue 25), measured in Chromium at a laptop's 1280 × 800 and
a phone's 390 × 844, with axe on each."""

import re

import pytest
from playwright.sync_api import expect

from aanbestedingskalender.models import ThemaToepassing
from actieplan.models import Actieplan
from tests.factories import veel_aanbestedingen
from themes.models import Thema

LAPTOP = {"width": 1280, "height": 800}
TELEFOON = {"width": 390, "height": 844}


@pytest.fixture
def volle_kalender(demo_data):
    """The demo plan's current year with a page full of tenders (50 rows), each with two
    themes and an owner-length name, as a real calendar has."""
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    themas = list(Thema.objects.order_by("volgorde")[:3])
    nieuw = veel_aanbestedingen(
        plan,
        60,
        kenmerk="VOL-{i:03d}",
        naam="Onderhoud openbare ruimte perceel {i}",
        geraamde_waarde=lambda i: 125_000 + i,
    )
    ThemaToepassing.objects.bulk_create(
        ThemaToepassing(aanbesteding=a, thema=t, toegepast=(i + j) % 2 == 0)
        for i, a in enumerate(nieuw)
        for j, t in enumerate(themas[:2])
    )
    return plan


ZICHTBARE_RIJEN = """() => {
  const kop = document.querySelector('.mvoi-kalender thead th').getBoundingClientRect();
  return Array.from(document.querySelectorAll('.mvoi-kalender tbody tr')).filter(r => {
    const b = r.getBoundingClientRect();
    return b.top >= kop.bottom - 1 && b.bottom <= window.innerHeight;
  }).length;
}"""

SCROLLERS = """() => {
  const uit = [];
  for (let e = document.querySelector('.mvoi-kalender table'); e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX) && e !== document.documentElement
        && e !== document.body) uit.push(e.className);
  }
  return uit;
}"""

GEKNIPT = """() => {
  const rechts = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('.mvoi-kalender th, .mvoi-kalender td'))
    .filter(c => c.getBoundingClientRect().right > rechts + 0.5).length;
}"""


def test_the_calendar_is_an_overview_on_a_laptop(
    page, live_server, volle_kalender, inloggen, axe_check, screenshot
):
    page.set_viewport_size(LAPTOP)
    inloggen("coordinator")
    page.goto(f"{live_server.url}/plannen/{volle_kalender.pk}/kalender/")
    tabel = page.locator(".mvoi-kalender table")
    expect(tabel).to_be_visible()
    expect(page.locator(".mvoi-kalender-kaarten")).to_be_hidden()
    # The page scrolls, not a box inside it; nothing is clipped or scrolls sideways.
    assert page.evaluate(SCROLLERS) == []
    assert page.evaluate(GEKNIPT) == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    # Scrolled to the table: at least 12 rows show at once under the header row …
    page.evaluate(
        "window.scrollTo(0, document.querySelector('.mvoi-kalender table')"
        ".getBoundingClientRect().top + window.scrollY)"
    )
    assert page.evaluate(ZICHTBARE_RIJEN) >= 12
    screenshot(page, "kalender", hele_pagina=False)
    # … and further down the header row stays at the top of the window.
    kop_boven = page.evaluate(
        "() => { window.scrollBy(0, 900);"
        " return document.querySelector('.mvoi-kalender thead th').getBoundingClientRect().top; }"
    )
    assert abs(kop_boven) < 1
    assert page.evaluate(ZICHTBARE_RIJEN) >= 12
    # Each row's start as a compact marker that says its quarter.
    eerste = page.locator(".mvoi-kalender tbody tr").first
    expect(eerste.locator("td.mvoi-start")).to_have_text("K1")
    axe_check(page)

    # The whole plan period keeps value and themes, and the same compact start.
    page.get_by_label("Jaar").select_option(label="Hele planperiode")
    page.get_by_role("button", name="Filteren").click()
    koppen = page.locator(".mvoi-kalender thead th")
    expect(koppen).to_have_count(6)
    expect(koppen.nth(3)).to_contain_text("Geraamde waarde")
    expect(koppen.nth(4)).to_contain_text("Toepasbare thema's")
    assert page.evaluate(GEKNIPT) == 0
    axe_check(page)


def test_the_calendar_is_a_list_of_cards_on_a_phone(
    page, live_server, volle_kalender, inloggen, axe_check, screenshot
):
    page.set_viewport_size(TELEFOON)
    inloggen("coordinator")
    page.goto(f"{live_server.url}/plannen/{volle_kalender.pk}/kalender/")
    expect(page.locator(".mvoi-kalender")).to_be_hidden()
    kaarten = page.locator(".mvoi-kalender-kaarten")
    expect(kaarten.get_by_role("heading", level=2)).to_contain_text(
        f"aanbestedingen met start in {volle_kalender.lopend_jaar}"
    )
    kaart = kaarten.get_by_role("listitem").filter(has_text="VOL-000")
    expect(kaart.get_by_role("heading", level=3)).to_have_text(
        "Onderhoud openbare ruimte perceel 0"
    )
    for gegeven in ("Start", "Status", "Geraamde waarde", "Toepasbare thema's"):
        expect(kaart.locator("dt", has_text=gegeven)).to_be_visible()
    expect(kaart.locator("dd").first).to_have_text("K1")
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    kaarten.get_by_role("heading", level=2).scroll_into_view_if_needed()
    screenshot(page, "kalender-telefoon", hele_pagina=False)
    axe_check(page)
    # A card opens its tender.
    kaart.get_by_role("link", name="Onderhoud openbare ruimte perceel 0").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("perceel 0")


UITGELIJND = """() => Array.from(document.querySelectorAll('.mvoi-stapeltabel tbody tr')).map(r => {
  const links = Array.from(r.children).map(c => Math.round(c.getBoundingClientRect().left));
  const rechts = Math.max(...Array.from(r.children).map(c => c.getBoundingClientRect().right));
  return [new Set(links).size, rechts];
})"""


def test_the_quarterly_meetings_deviations_fit_a_phone(
    page, live_server, demo_data, inloggen, axe_check
):
    """Each deviation a block: tender, then start, theme and explanation under it, each
    named, all within the screen (before: a misaligned first column, "Uitleg" off-screen)."""
    page.set_viewport_size(TELEFOON)
    inloggen("mvoiteam")
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    page.goto(f"{live_server.url}/plannen/{plan.pk}/kalender/kwartaal/2025/3/")
    tabel = page.get_by_role("table", name="Afwijkingen")
    expect(tabel).to_be_visible()
    rijen = page.evaluate(UITGELIJND)
    assert rijen, "the demo has deviations in K3 2025"
    for uitgelijnd, rechts in rijen:
        assert uitgelijnd == 1 and rechts <= TELEFOON["width"]
    uitleg = tabel.get_by_role("row").nth(1).get_by_role("cell").last
    uitleg.scroll_into_view_if_needed()
    expect(uitleg).to_be_in_viewport(ratio=1)
    assert "Uitleg" in uitleg.evaluate("c => getComputedStyle(c, '::before').content")
    # Still a table to a screen reader: its cells keep their column's name.
    expect(tabel.get_by_role("columnheader", name="Uitleg")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    axe_check(page)


def test_header_and_steps_are_compact_on_a_phone(page, live_server, demo_data, inloggen, axe_check):
    """They took about 40 % of the first screen (338 px); now at most a quarter (208 px
    measured: header 162, steps 46), and the steps stay seven named links."""
    page.set_viewport_size(TELEFOON)
    inloggen("coordinator")  # two organisations: the switcher is in the header too
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    page.goto(f"{live_server.url}/plannen/{plan.pk}/stappen/aanbestedingskalender/")
    kop = page.locator("header.mvoi-header").bounding_box()["height"]
    stappen = page.get_by_role("navigation", name="Stappen van het actieplan")
    assert kop + stappen.bounding_box()["height"] <= TELEFOON["height"] / 4
    expect(stappen.get_by_role("link")).to_have_count(7)
    expect(stappen.get_by_role("link", name="Stap 5: Borging (compleet)")).to_be_visible()
    expect(
        stappen.get_by_role("link", name=re.compile("^Stap 4: Aanbestedingskalender"))
    ).to_contain_text("Aanbestedingskalender")
    expect(page.get_by_label("Organisatie")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    axe_check(page)


BREDE_ELEMENTEN = """() => Array.from(document.querySelectorAll('main *'))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5)"""


def test_an_approved_version_fits_a_phone(page, live_server, demo_data, inloggen, axe_check):
    """The approved version's page scrolled sideways at 390 px (397 px)."""
    from organisaties.models import User
    from plandocument import goedkeuring, renderen

    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
    goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))
    renderen.versie_vastleggen(versie_id=versie.pk)
    page.set_viewport_size(TELEFOON)
    inloggen("management")
    for pad in (f"/plannen/{plan.pk}/versies/{versie.nummer}/", f"/plannen/{plan.pk}/versies/"):
        page.goto(live_server.url + pad)
        if page.locator("details summary").count():
            page.locator("details summary").first.click()  # the fingerprints open
        assert page.evaluate(BREDE_ELEMENTEN) == [], pad
        assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"], pad
        axe_check(page)


@pytest.mark.parametrize("maat", [LAPTOP, TELEFOON], ids=["1280", "390"])
def test_the_pages_named_in_issue_25_at_both_sizes(
    page, live_server, demo_data, inloggen, axe_check, screenshot, maat
):
    """Each page the walk grumbled about, at a laptop's and a phone's width: nothing
    sticks out of the screen, axe finds nothing."""
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    p = plan.pk
    page.set_viewport_size(maat)
    inloggen("coordinator")
    naam = "" if maat is LAPTOP else "-telefoon"
    for pad, plaatje in (
        (f"/plannen/{p}/kalender/", None),
        (f"/plannen/{p}/kalender/?jaar=", None),
        (f"/plannen/{p}/kalender/kwartaal/2025/3/", None),
        (f"/plannen/{p}/geschiedenis/", "geschiedenis"),
        (f"/plannen/{p}/doelen/meetbaar/", "meetbare-doelen"),
        (f"/plannen/{p}/doelen/woorden/", None),
        (f"/plannen/{p}/stappen/ambities-doelen/", None),
        (f"/plannen/{p}/versies/", None),
    ):
        page.goto(live_server.url + pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= maat["width"], pad
        axe_check(page)
        if plaatje:
            screenshot(page, plaatje + naam, hele_pagina=False)
