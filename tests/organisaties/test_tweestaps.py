"""Two-step verification: a user turns it on with their app's first code and gets ten
recovery codes; from then on no page answers after the password alone – every URL goes to
the code page – until a code from the app, or an unused recovery code, is typed."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisaties.models import Lidmaatschap, Rol
from tests.factories import UserFactory
from tests.test_tenant_scoping import FOREIGN_OBJECTS

WACHTWOORD = "een-goed-wachtwoord-123"


def code_voor(geheim: str, *, stap: int = 0) -> str:
    sleutel = b32decode(geheim.replace(" ", "") + "=" * (-len(geheim.replace(" ", "")) % 8))
    totp = TOTP(sleutel)
    totp.time += stap * 30
    return f"{totp.token():06d}"


def aanzetten(client, user) -> tuple[str, list[str]]:
    client.force_login(user)
    pagina = client.get(reverse("tweestaps_instellen")).text
    assert "<svg" in pagina  # the QR code
    geheim = re.search(r'<code class="mvoi-geheim">([A-Z2-7 ]+)</code>', pagina).group(1)
    klaar = client.post(reverse("tweestaps_instellen"), {"code": code_voor(geheim)})
    codes = re.findall(r"<li><code>([^<]+)</code></li>", klaar.text)
    return geheim, codes


def wachten():
    """As if the user waited out the throttling after a wrong code."""
    TOTPDevice.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)


def test_a_wrong_first_code_does_not_turn_it_on(client, lid):
    user = lid("management")
    client.force_login(user)
    client.get(reverse("tweestaps_instellen"))
    fout = client.post(reverse("tweestaps_instellen"), {"code": "123456"})
    assert "Deze code klopt niet" in fout.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticToken.objects.exists()


def inloggen_met_wachtwoord(client, user):
    client.logout()
    antwoord = client.post(reverse("login"), {"username": user.username, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    return antwoord


def test_turning_it_on_gives_ten_recovery_codes(client, lid):
    user = lid("management")
    _geheim, codes = aanzetten(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_after_the_password_alone_no_url_answers(client, lid, organisatie):
    user = lid("inkoopadviseur", "mvoi_teamlid", "coordinator", "management", "beheerder")
    aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    controle = reverse("tweestaps_controle")
    urls = [reverse("actieplan:start"), reverse("organisaties:leden"), "/platformbeheer/"]
    urls += [reverse(naam, kwargs=bouwer(organisatie)) for naam, bouwer in FOREIGN_OBJECTS.items()]
    geweigerd = 0
    for url in urls:
        for methode in ("get", "post"):
            antwoord = getattr(client, methode)(url)
            assert antwoord.status_code == 302, (methode, url)
            assert antwoord.url.startswith(controle), (methode, url)
            geweigerd += 1
    assert geweigerd == 2 * len(urls)


def test_the_right_code_opens_and_a_wrong_one_does_not(client, lid):
    user = lid("management")
    geheim, _codes = aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    fout = client.post(reverse("tweestaps_controle"), {"code": "000000"})
    assert "Deze code klopt niet" in fout.text
    assert client.get(reverse("actieplan:start")).status_code == 302
    # A wrong code slows the next attempt down (django-otp's throttling): right away, even
    # the right code is refused.
    assert (
        "Deze code klopt niet"
        in client.post(reverse("tweestaps_controle"), {"code": code_voor(geheim, stap=1)}).text
    )
    wachten()
    # The next period's code: the one just used during setup is not accepted twice.
    goed = client.post(
        reverse("tweestaps_controle"),
        {"code": code_voor(geheim, stap=1), "next": reverse("organisaties:leden")},
    )
    assert goed.status_code == 302 and goed.url == reverse("organisaties:leden")
    assert client.get(reverse("actieplan:start")).status_code == 200


def test_a_recovery_code_works_once(client, lid):
    user = lid("management")
    _geheim, codes = aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    assert client.post(reverse("tweestaps_controle"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("actieplan:start")).status_code == 200
    inloggen_met_wachtwoord(client, user)
    opnieuw = client.post(reverse("tweestaps_controle"), {"code": codes[0]})
    assert "Deze code klopt niet of is al gebruikt" in opnieuw.text
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_next_never_leads_off_site(client, lid):
    user = lid("management")
    _geheim, codes = aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    antwoord = client.post(
        reverse("tweestaps_controle"), {"code": codes[1], "next": "https://kwaad.example/"}
    )
    assert antwoord.url == reverse("actieplan:start")


def test_without_two_step_verification_the_password_is_enough(client, lid):
    user = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, user)
    assert client.get(reverse("actieplan:start")).status_code == 200


def test_turning_it_on_ends_the_users_other_sessions(client, lid):
    user = lid("inkoopadviseur")  # not compulsory: the password alone opened the session
    elders = Client()
    inloggen_met_wachtwoord(elders, user)  # before it was on: the password was enough
    assert elders.get(reverse("actieplan:start")).status_code == 200
    aanzetten(client, user)
    assert elders.get(reverse("actieplan:start")).status_code == 302
    assert client.get(reverse("actieplan:start")).status_code == 200  # this one stays


def test_replacing_the_app_needs_a_code_of_the_current_one(client, lid):
    user = lid("management")
    _geheim, codes = aanzetten(client, user)
    pagina = client.get(reverse("tweestaps_instellen")).text
    nieuw = re.search(r'<code class="mvoi-geheim">([A-Z2-7 ]+)</code>', pagina).group(1)
    zonder = client.post(reverse("tweestaps_instellen"), {"code": code_voor(nieuw)})
    assert "Dit veld is verplicht" in zonder.text
    assert (
        TOTPDevice.objects.get(user=user, confirmed=True).key
        != TOTPDevice.objects.get(user=user, confirmed=False).key
    )
    met = client.post(
        reverse("tweestaps_instellen"),
        {"huidige_code": codes[0].upper(), "code": code_voor(nieuw)},
    )
    assert "Tweestapsverificatie staat aan" in met.text
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_the_session_id_changes_after_the_code(client, lid):
    from django.conf import settings

    user = lid("management")
    _geheim, codes = aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    voor = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("tweestaps_controle"), {"code": codes[2]})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != voor


def test_the_setup_page_is_closed_after_the_password_alone(client, lid):
    user = lid("management")
    aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    sleutel = TOTPDevice.objects.get(user=user).key
    for methode in ("get", "post"):
        antwoord = getattr(client, methode)(reverse("tweestaps_instellen"))
        assert antwoord.url.startswith(reverse("tweestaps_controle"))
    assert TOTPDevice.objects.get(user=user).key == sleutel


# Compulsory for management, beheerders, the platform administrator, and every member of an
# organisation that asks for it.


def alle_urls(organisatie) -> list[str]:
    urls = [reverse("actieplan:start"), reverse("organisaties:leden"), "/platformbeheer/"]
    return urls + [
        reverse(naam, kwargs=bouwer(organisatie)) for naam, bouwer in FOREIGN_OBJECTS.items()
    ]


def instellen_na_wachtwoord(client, user, *, next_url: str) -> list[str]:
    """Set up the app from the page the password leads to; returns the recovery codes."""
    pagina = client.get(reverse("tweestaps_instellen"), {"next": next_url})
    assert "is tweestapsverificatie verplicht" in pagina.text
    assert "Annuleren" not in pagina.text and "Nu niet: uitloggen" in pagina.text
    geheim = re.search(r'<code class="mvoi-geheim">([A-Z2-7 ]+)</code>', pagina.text).group(1)
    klaar = client.post(
        reverse("tweestaps_instellen"), {"code": code_voor(geheim), "next": next_url}
    )
    assert f'href="{next_url}"' in klaar.text  # "Ik heb ze bewaard: verder" goes on there
    return re.findall(r"<li><code>([^<]+)</code></li>", klaar.text)


@pytest.mark.parametrize("soort", ["management", "beheerder", "platformbeheerder"])
def test_who_must_use_it_gets_no_page_before_setting_it_up(client, lid, organisatie, soort):
    if soort == "platformbeheerder":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        user = lid(soort)
    inloggen_met_wachtwoord(client, user)
    instellen = reverse("tweestaps_instellen")
    urls = alle_urls(organisatie)
    for url in urls:
        for methode in ("get", "post"):
            antwoord = getattr(client, methode)(url)
            assert antwoord.status_code == 302, (soort, methode, url)
            assert antwoord.url.startswith(instellen + "?next="), (soort, methode, url)
    assert len(urls) > 50
    assert len(instellen_na_wachtwoord(client, user, next_url=urls[1])) == 10
    eerste = "/platformbeheer/" if soort == "platformbeheerder" else urls[0]
    assert client.get(eerste).status_code == 200
    # The next login asks for a code, no longer for the setup.
    inloggen_met_wachtwoord(client, user)
    assert client.get(urls[0]).url.startswith(reverse("tweestaps_controle"))


def test_the_code_page_does_not_open_for_who_still_must_set_it_up(client, lid):
    inloggen_met_wachtwoord(client, lid("management"))
    antwoord = client.get(reverse("tweestaps_controle"))
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("tweestaps_instellen"))


def test_the_beheerder_can_require_it_of_every_member(client, lid, organisatie):
    adviseur = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).status_code == 200  # not yet

    beheerder = Client()
    aanzetten(beheerder, lid("beheerder"))  # a beheerder has an app: compulsory
    leden = beheerder.get(reverse("organisaties:leden")).text
    assert "Tweestapsverificatie verplicht voor alle leden" in leden
    antwoord = beheerder.post(
        reverse("organisaties:tweestaps_verplicht"), {"tweestaps_verplicht": "on"}
    )
    assert antwoord.status_code == 302
    organisatie.refresh_from_db()
    assert organisatie.tweestaps_verplicht
    assert "is nu verplicht voor alle leden" in beheerder.get(reverse("organisaties:leden")).text

    inloggen_met_wachtwoord(client, adviseur)
    antwoord = client.get(reverse("actieplan:start"))
    assert antwoord.url.startswith(reverse("tweestaps_instellen"))

    beheerder.post(reverse("organisaties:tweestaps_verplicht"), {})
    organisatie.refresh_from_db()
    assert not organisatie.tweestaps_verplicht
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).status_code == 200


def test_another_organisations_setting_does_not_apply(client, lid, andere_organisatie):
    andere_organisatie.tweestaps_verplicht = True
    andere_organisatie.save()
    adviseur = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).status_code == 200


@pytest.mark.parametrize("rol", ["inkoopadviseur", "mvoi_teamlid", "coordinator", "management"])
def test_only_the_beheerder_sets_it(client_als, organisatie, rol):
    client = client_als(rol)
    antwoord = client.post(
        reverse("organisaties:tweestaps_verplicht"), {"tweestaps_verplicht": "on"}
    )
    assert antwoord.status_code == 403
    organisatie.refresh_from_db()
    assert not organisatie.tweestaps_verplicht


def test_the_members_page_shows_who_has_it_on(client, client_als, lid, organisatie):
    met = lid("inkoopadviseur")
    aanzetten(Client(), met)
    lid("mvoi_teamlid")
    pagina = client_als("beheerder").get(reverse("organisaties:leden")).text
    cellen = re.findall(r'<td class="utrecht-table__cell">(aan|uit)</td>', pagina)
    assert sorted(cellen) == ["aan", "uit", "uit"]


def test_an_app_removed_by_the_platform_administrator_leads_to_a_new_setup(client, lid):
    user = lid("management")
    aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("tweestaps_controle"))
    # Phone lost: the platform administrator removed the app (the recovery codes stay).
    TOTPDevice.objects.filter(user=user).delete()
    antwoord = client.get(reverse("tweestaps_controle"), {"next": "/"})
    assert antwoord.status_code == 302
    assert client.get(antwoord.url).url.startswith(reverse("tweestaps_instellen"))


def test_it_can_be_turned_off_for_a_local_look_and_check_deploy_warns(client, lid, settings):
    from django.core.checks import run_checks

    settings.TWEESTAPS_VERPLICHT = False
    inloggen_met_wachtwoord(client, lid("management"))
    assert client.get(reverse("actieplan:start")).status_code == 200
    assert "organisaties.W001" in [w.id for w in run_checks(include_deployment_checks=True)]
    settings.TWEESTAPS_VERPLICHT = True
    assert "organisaties.W001" not in [w.id for w in run_checks(include_deployment_checks=True)]


# Rights that grow during a session.


def test_accepting_an_invitation_as_beheerder_asks_for_the_setup_first(
    client, lid, organisatie, andere_organisatie
):
    from organisaties import services

    user = lid("inkoopadviseur", organisatie=andere_organisatie)
    uitnodiging = services.uitnodiging_versturen(
        organisatie=organisatie,
        door=None,
        base_url="http://testserver/",
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        rollen=[Rol.objects.get(code="beheerder")],
    )
    link = next(r for r in mail.outbox[-1].body.splitlines() if r.startswith("http"))
    inloggen_met_wachtwoord(client, user)  # an inkoopadviseur: the password was enough
    assert client.get(reverse("actieplan:start")).status_code == 200
    client.post(link.removeprefix("http://testserver"))
    assert Lidmaatschap.objects.filter(user=user, organisatie=uitnodiging.organisatie).exists()
    antwoord = client.get(reverse("organisaties:leden"))
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("tweestaps_instellen"))


def test_a_role_that_makes_it_compulsory_ends_the_members_password_only_sessions(
    client, lid, organisatie
):
    adviseur, met_app = lid("inkoopadviseur"), lid("inkoopadviseur")
    aanzetten(Client(), met_app)
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).status_code == 200
    beheer = Client()
    beheer.force_login(lid("beheerder"))
    for user in (adviseur, met_app):
        lidmaatschap = Lidmaatschap.objects.get(user=user, organisatie=organisatie)
        pagina = beheer.get(reverse("organisaties:lid_wijzigen", args=[lidmaatschap.pk]))
        versie = re.search(r'name="versie" value="([^"]*)"', pagina.text).group(1)
        antwoord = beheer.post(
            reverse("organisaties:lid_wijzigen", args=[lidmaatschap.pk]),
            {"rollen": ["inkoopadviseur", "management"], "versie": versie},
        )
        assert antwoord.status_code == 302
    # The member without an app is logged out; the next login starts with the setup.
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("login"))
    inloggen_met_wachtwoord(client, adviseur)
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("tweestaps_instellen"))


def test_requiring_it_of_every_member_logs_out_who_has_no_app(client, lid, organisatie):
    adviseur = lid("inkoopadviseur")
    inloggen_met_wachtwoord(client, adviseur)
    beheer = Client()
    aanzetten(beheer, lid("beheerder"))  # a beheerder has an app: compulsory
    beheer.post(reverse("organisaties:tweestaps_verplicht"), {"tweestaps_verplicht": "on"})
    assert client.get(reverse("actieplan:start")).url.startswith(reverse("login"))
    assert beheer.get(reverse("organisaties:leden")).status_code == 200  # the beheerder stays


def test_setting_up_an_app_is_told_to_the_account_by_e_mail(client, lid):
    user = lid("inkoopadviseur")
    mail.outbox.clear()
    aanzetten(client, user)
    assert [bericht.to for bericht in mail.outbox] == [[user.email]]
    assert "Tweestapsverificatie ingesteld" in mail.outbox[0].subject
    assert "Was u dat niet?" in mail.outbox[0].body
    assert "Neem meteen contact op met de beheerder" in mail.outbox[0].body


def test_a_mail_server_that_is_down_does_not_undo_the_setup(client, lid, monkeypatch):
    import smtplib

    def kapot(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.send_mail", kapot)
    user = lid("inkoopadviseur")
    _geheim, codes = aanzetten(client, user)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=user).confirmed


def test_a_wrong_code_is_reported_once_in_a_summary_and_once_at_the_field(client, lid):
    """Issue 25: the page said it four times (two summaries, an alert and the field)."""
    from bs4 import BeautifulSoup

    user = lid("management")
    aanzetten(client, user)
    inloggen_met_wachtwoord(client, user)
    pagina = BeautifulSoup(
        client.post(reverse("tweestaps_controle"), {"code": "000000"}).text, "html.parser"
    )
    hoofd = pagina.find("main")
    assert len(hoofd.select('[role="alert"]')) == 1
    assert hoofd.get_text().count("Deze code klopt niet") == 2
    samenvatting = hoofd.select_one('[role="alert"]')
    assert samenvatting.find("a", href="#id_code")  # the summary leads to the field
    assert (
        "Deze code klopt niet"
        in hoofd.select_one("#id_code").find_parent("div").find_parent("div").get_text()
    )
