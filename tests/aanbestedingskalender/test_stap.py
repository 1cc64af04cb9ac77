"""Step 4 in the register: complete for a plan year when that year's calendar has kansrijke
tenders and no published or awarded tender leaves an applicable theme unexplained."""

from django.urls import reverse
from django.utils import timezone

from aanbestedingskalender.models import Aanbesteding, ThemaToepassing
from actieplan.stappen import STAPPEN_OP_SLUG, register

STAP_4 = register.inhoud(STAPPEN_OP_SLUG["aanbestedingskalender"])


def test_an_empty_calendar_is_not_complete(actieplan):
    assert not STAP_4.compleet(actieplan, jaar=2025)


def test_complete_for_the_year_with_kansrijke_tenders(actieplan, maak_aanbesteding):
    maak_aanbesteding("A-1", startjaar=2025)
    assert STAP_4.compleet(actieplan, jaar=2025)
    assert not STAP_4.compleet(actieplan, jaar=2026)


def test_vervallen_or_not_kansrijk_tenders_do_not_count(actieplan, maak_aanbesteding):
    maak_aanbesteding("A-1", startjaar=2025, status=Aanbesteding.Status.VERVALLEN)
    maak_aanbesteding("A-2", startjaar=2025, kansrijk=False)
    assert not STAP_4.compleet(actieplan, jaar=2025)


def test_a_published_tender_with_an_unexplained_theme_keeps_it_open(
    actieplan, maak_aanbesteding, themas
):
    maak_aanbesteding("A-1", startjaar=2025)
    # Written before the comply-or-explain rule (the service refuses this today).
    oud = Aanbesteding.objects.create(
        actieplan=actieplan,
        kenmerk="OUD-1",
        naam="Oud",
        procedure=Aanbesteding.Procedure.EUROPEES_OPENBAAR,
        soort=Aanbesteding.Soort.DIENSTEN,
        startjaar=2025,
        startkwartaal=1,
        status=Aanbesteding.Status.GEPUBLICEERD,
    )
    toepassing = ThemaToepassing.objects.create(
        aanbesteding=oud, thema=themas["klimaat"], toegepast=False, uitleg=""
    )
    assert not STAP_4.compleet(actieplan, jaar=2025)
    toepassing.uitleg = "Geen geschikte criteria voor deze opdracht."
    toepassing.save()
    assert STAP_4.compleet(actieplan, jaar=2025)


def test_the_step_indicator_shows_step_4_complete(client_als, actieplan, maak_aanbesteding):
    maak_aanbesteding("A-1", startjaar=actieplan.lopend_jaar)
    response = client_als("management").get(reverse("actieplan:detail", args=[actieplan.pk]))
    assert (
        'Stap 4: </span>Aanbestedingskalender<span class="mvoi-visueel-verborgen"> (compleet)'
        in (response.text)
    )
    assert actieplan.lopend_jaar == min(max(timezone.localdate().year, 2024), 2027)
