"""The beheerder's organisation settings (issue 22, part 5): the name as printed, the date
the Manifest was signed, the house colour (readable under white text) and the logo (a
real PNG or JPEG, stored re-encoded; anything else refused with nothing stored)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisaties.models import Organisatie


def png(breedte=40, hoogte=20, formaat="PNG") -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (breedte, hoogte), (29, 92, 140)).save(uit, format=formaat)
    return uit.getvalue()


def test_the_beheerder_sets_how_the_organisation_shows_in_its_plan(client, lid, organisatie):
    client.force_login(lid("beheerder"))
    url = reverse("organisaties:huisstijl")
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {
            "naam_in_document": "gemeente Voorbeeldstad",
            "manifest_ondertekend_op": "2022-11-24",
            "huiskleur": "#1D5C8C",
            "logo": SimpleUploadedFile("logo.jpg", png(formaat="JPEG"), "image/jpeg"),
        },
        follow=True,
    )
    assert "De instellingen van de organisatie zijn opgeslagen." in antwoord.text
    organisatie.refresh_from_db()
    assert organisatie.gedrukte_naam == "gemeente Voorbeeldstad"
    assert organisatie.manifest_ondertekend_op == datetime.date(2022, 11, 24)
    assert organisatie.huiskleur == "#1d5c8c"
    # Stored as a PNG the application made, served to members of the organisation.
    assert bytes(organisatie.logo).startswith(b"\x89PNG")
    logo = client.get(reverse("organisaties:logo"))
    assert logo["Content-Type"] == "image/png" and logo.content == bytes(organisatie.logo)
    assert 'alt="Logo van' in client.get(url).text
    # Removing it.
    client.post(url, {"huiskleur": "#1d5c8c", "logo_verwijderen": "on"})
    organisatie.refresh_from_db()
    assert organisatie.logo is None
    assert client.get(reverse("organisaties:logo")).status_code == 404


def test_what_cannot_be_used_is_refused_and_nothing_is_stored(client, lid, organisatie):
    client.force_login(lid("beheerder"))
    url = reverse("organisaties:huisstijl")
    gevallen = [
        (
            {"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")},
            "Dit bestand is geen afbeelding die we kunnen lezen.",
        ),
        (
            {"logo": SimpleUploadedFile("logo.gif", png(formaat="GIF"), "image/gif")},
            "Kies een logo als PNG of JPEG",
        ),
        (
            {"logo": SimpleUploadedFile("groot.png", png(3200, 10), "image/png")},
            "groter dan 3000 pixels",
        ),
        (
            {"logo": SimpleUploadedFile("zwaar.png", b"\x89PNG" + b"0" * 600_000, "image/png")},
            "groter dan 512 kB",
        ),
        ({"huiskleur": "#ffd700"}, "Witte tekst is op #ffd700 niet goed leesbaar"),
        ({"huiskleur": "blauw"}, "Geef de kleur als # met zes tekens"),
    ]
    for gegevens, melding in gevallen:
        antwoord = client.post(url, {"naam_in_document": "Mag niet blijven"} | gegevens)
        assert antwoord.status_code == 200, melding
        assert melding in antwoord.text, melding
        organisatie.refresh_from_db()
        assert organisatie.naam_in_document == "" and organisatie.logo is None, melding


def test_only_the_beheerder_changes_it_and_every_member_sees_only_their_own_logo(
    client, lid, organisatie, andere_organisatie
):
    Organisatie.objects.filter(pk=andere_organisatie.pk).update(logo=png())
    for rol in ("coordinator", "management", "mvoi_teamlid", "inkoopadviseur"):
        client.force_login(lid(rol))
        assert client.get(reverse("organisaties:huisstijl")).status_code == 403
        assert (
            client.post(reverse("organisaties:huisstijl"), {"huiskleur": "#000000"}).status_code
            == 403
        )
        # Their organisation has no logo; the other one's is never served to them.
        assert client.get(reverse("organisaties:logo")).status_code == 404


def test_the_platform_admin_obeys_the_house_colour_rule_too(admin_client, organisatie):
    """The rule is the model's: the admin's form refuses an unreadable colour as well."""
    url = reverse("admin:organisaties_organisatie_change", args=[organisatie.pk])
    formulier = admin_client.get(url)
    assert formulier.status_code == 200
    antwoord = admin_client.post(
        url,
        {
            "naam": organisatie.naam,
            "type": organisatie.type,
            "huiskleur": "#ffd700",
            "naam_in_document": "",
            "lidmaatschappen-TOTAL_FORMS": "0",
            "lidmaatschappen-INITIAL_FORMS": "0",
        },
    )
    assert "niet goed leesbaar" in antwoord.text
    organisatie.refresh_from_db()
    assert organisatie.huiskleur == ""
