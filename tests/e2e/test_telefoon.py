"""On a phone (390 × 844) no page of the demo plan scrolls sideways, except inside a
table's own scroll container; axe still finds nothing."""

from playwright.sync_api import expect

from aanbestedingskalender.models import Aanbesteding
from actieplan.models import Actieplan
from evaluatie.models import TenderEvaluatie
from jaarplanning.models import Actie


def paginas(plan: Actieplan) -> list[str]:
    p = plan.pk
    aanbesteding = Aanbesteding.objects.filter(actieplan=plan).order_by("pk").first()
    actie = Actie.objects.filter(actieplan=plan).order_by("pk").first()
    geevalueerd = TenderEvaluatie.objects.filter(aanbesteding__actieplan=plan).first().aanbesteding
    stappen = ["nulmeting", "themas", "ambities-doelen", "aanbestedingskalender"]
    stappen += ["borging", "jaarplanning", "evaluatie"]
    return [
        "/",
        f"/plannen/{p}/",
        f"/plannen/{p}/document/",
        f"/plannen/{p}/document/teksten/",
        f"/plannen/{p}/indienen/",
        f"/plannen/{p}/versies/",
        f"/plannen/{p}/geschiedenis/",
        "/toegankelijkheid/",
        "/account/tweestapsverificatie/",
        *(f"/plannen/{p}/stappen/{slug}/" for slug in stappen),
        f"/plannen/{p}/nulmeting/themas/klimaat/",
        f"/plannen/{p}/themas/kiezen/",
        f"/plannen/{p}/themas/ambities/",
        f"/plannen/{p}/doelen/meetbaar/",
        f"/plannen/{p}/doelen/woorden/",
        f"/plannen/{p}/kalender/?jaar=2025",
        f"/plannen/{p}/kalender/nieuw/",
        f"/plannen/{p}/kalender/{aanbesteding.pk}/",
        f"/plannen/{p}/kalender/{aanbesteding.pk}/uitstellen/",
        f"/plannen/{p}/kalender/kwartaal/2025/1/",
        f"/plannen/{p}/kalender/import/",
        f"/plannen/{p}/jaarplanning/acties/",
        f"/plannen/{p}/jaarplanning/import/",
        f"/plannen/{p}/jaarplanning/actorgroepen/",
        f"/plannen/{p}/jaarplanning/acties/nieuw/",
        f"/plannen/{p}/jaarplanning/acties/{actie.pk}/",
        f"/plannen/{p}/jaarplanning/acties/{actie.pk}/verwijderen/",
        f"/plannen/{p}/borging/bewerken/",
        f"/plannen/{p}/stappen/evaluatie/?jaar=2025",
        f"/plannen/{p}/evaluatie/2026/",
        f"/plannen/{p}/evaluatie/2026/volgend-jaar/",
        f"/plannen/{p}/evaluatie/2025/besluit/",
        f"/plannen/{p}/evaluatie/aanbestedingen/",
        f"/plannen/{p}/evaluatie/aanbestedingen/{geevalueerd.pk}/",
    ]


def test_no_page_scrolls_sideways_on_a_phone(page, live_server, demo_data, inloggen, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("coordinator")
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    breed = []
    for pad in paginas(plan):
        page.goto(live_server.url + pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        breedte = page.evaluate("document.documentElement.scrollWidth")
        if breedte > 390:
            breed.append((pad, breedte))
        axe_check(page)
    assert breed == []


def test_the_member_pages_fit_a_phone_too(page, live_server, demo_data, inloggen, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("beheerder")
    breed = []
    for pad in ("/organisatie/leden/", "/organisatie/leden/toevoegen/", "/wachtwoord/vergeten/"):
        page.goto(live_server.url + pad)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        breedte = page.evaluate("document.documentElement.scrollWidth")
        if breedte > 390:
            breed.append((pad, breedte))
        axe_check(page)
    assert breed == []


def test_the_compulsory_two_step_setup_fits_a_phone(
    page, live_server, demo_data, inloggen, axe_check
):
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("management", tweede_stap=False)  # compulsory: the setup page, nothing else
    expect(page.get_by_role("heading", name="Tweestapsverificatie aanzetten")).to_be_visible()
    expect(page.get_by_role("button", name="Nu niet: uitloggen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)


LABELGROOTTES = """() => Array.from(document.querySelectorAll('svg text'))
  .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
  .map(t => [t.textContent.trim(),
             parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a])"""


def test_chart_labels_stay_legible_on_a_phone(page, live_server, demo_data, inloggen, axe_check):
    """No label of a chart or figure under 12 px at 390 px wide (issue 23): the chart keeps
    its size and scrolls sideways in its own box, which the keyboard reaches."""
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen("coordinator")
    p = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld").pk
    gemeten, klein = 0, []
    for pad in (
        f"/plannen/{p}/stappen/nulmeting/",
        f"/plannen/{p}/stappen/themas/",
        f"/plannen/{p}/stappen/evaluatie/?jaar=2025",
        f"/plannen/{p}/document/",
    ):
        page.goto(live_server.url + pad)
        labels = page.evaluate(LABELGROOTTES)
        assert labels, pad
        gemeten += len(labels)
        klein += [(pad, tekst, round(grootte, 1)) for tekst, grootte in labels if grootte < 12]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, pad
        axe_check(page)
    assert gemeten > 50
    assert klein == []
