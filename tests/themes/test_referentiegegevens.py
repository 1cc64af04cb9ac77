"""The data migration loads the Manifest's reference data with the reference plan's texts."""

from django.urls import reverse

from themes.models import Ambitieniveau, Productgroep, Thema
from themes.selectors import ambitieniveau_list, thema_list


def test_six_themes_with_description_pianoo_page_and_sdgs(db):
    themas = list(thema_list())
    assert [t.korte_naam for t in themas] == [
        "Milieu",
        "Klimaat",
        "Circulair",
        "Ketenverantwoordelijkheid",
        "Diversiteit & inclusie",
        "Social return",
    ]
    klimaat = Thema.objects.get(slug="klimaat")
    assert klimaat.omschrijving.startswith("Uitstoot van CO₂")
    assert klimaat.pianoo_url.startswith("https://www.pianoo.nl/")
    assert [s.nummer for s in klimaat.sdgs.all()] == [13]
    assert klimaat.overige_koppelingen == "CO₂-prestatieladder"
    milieu = Thema.objects.get(slug="milieu")
    assert [s.nummer for s in milieu.sdgs.all()] == [6, 12, 14, 15]
    assert Thema.objects.get(slug="social-return").omschrijving.endswith(
        "(doorgaans 2–5% van de opdrachtwaarde)."
    )


def test_five_ambition_levels(db):
    assert [(n.nummer, n.naam) for n in ambitieniveau_list()] == [
        (1, "Afweging"),
        (2, "Pilots"),
        (3, "Verbreding"),
        (4, "Borging"),
        (5, "Leiderschap"),
    ]
    assert "beleid en interne systemen" in Ambitieniveau.objects.get(nummer=4).betekenis


def test_product_groups_with_their_promising_themes(db):
    assert Productgroep.objects.count() == 10
    energie = Productgroep.objects.get(naam="Energie")
    assert "klimaat" in {t.slug for t in energie.kansrijke_themas.all()}


def test_a_platform_administrator_edits_a_theme_in_the_admin(admin_client, db):
    thema = Thema.objects.get(slug="klimaat")
    url = reverse("admin:themes_thema_change", args=[thema.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "slug": "klimaat",
            "naam": "Klimaat",
            "korte_naam": "Klimaat",
            "omschrijving": "Aangepaste tekst.",
            "pianoo_url": thema.pianoo_url,
            "sdgs": ["13"],
            "overige_koppelingen": "CO₂-prestatieladder",
            "volgorde": "2",
        },
    )
    assert response.status_code == 302
    thema.refresh_from_db()
    assert thema.omschrijving == "Aangepaste tekst."
