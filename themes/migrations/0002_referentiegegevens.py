"""The reference data of the Manifest MVOI, with the texts of the reference plan
(appendix 1: themes, appendix 2: ambition levels). Administrators may edit them later;
this migration only creates or updates the rows it knows.
"""

from django.db import migrations

PIANOO = "https://www.pianoo.nl/nl/themas/maatschappelijk-verantwoord-inkopen"

SDGS = {
    1: "Geen armoede",
    2: "Geen honger",
    3: "Goede gezondheid en welzijn",
    4: "Kwaliteitsonderwijs",
    5: "Gendergelijkheid",
    6: "Schoon water en sanitair",
    7: "Betaalbare en duurzame energie",
    8: "Eerlijk werk en economische groei",
    9: "Industrie, innovatie en infrastructuur",
    10: "Ongelijkheid verminderen",
    11: "Duurzame steden en gemeenschappen",
    12: "Verantwoorde consumptie en productie",
    13: "Klimaatactie",
    14: "Leven in het water",
    15: "Leven op het land",
    16: "Vrede, justitie en sterke publieke diensten",
    17: "Partnerschap om doelstellingen te bereiken",
}

THEMAS = [
    {
        "slug": "milieu",
        "naam": "Milieu & biodiversiteit",
        "korte_naam": "Milieu",
        "omschrijving": (
            "Negatieve impact op het milieu voorkomen of minimaliseren, en het beschermen "
            "van de leefomgeving en biodiversiteit."
        ),
        "pianoo_url": "https://www.pianoo.nl/nl/themas/maatschappelijk-verantwoord-inkopen-mvi-duurzaam-inkopen/mvi-thema-s/milieuvriendelijk-inkopen",
        "sdgs": [6, 12, 14, 15],
        "overige_koppelingen": "",
    },
    {
        "slug": "klimaat",
        "naam": "Klimaat",
        "korte_naam": "Klimaat",
        "omschrijving": (
            "Uitstoot van CO₂ of andere broeikasgassen reduceren om klimaatverandering "
            "tegen te gaan."
        ),
        "pianoo_url": f"{PIANOO}/klimaat",
        "sdgs": [13],
        "overige_koppelingen": "CO₂-prestatieladder",
    },
    {
        "slug": "circulair",
        "naam": "Circulair (incl. biobased)",
        "korte_naam": "Circulair",
        "omschrijving": (
            "Inzetten op levensduurverlenging en zorgen dat producten na hun gebruik opnieuw "
            "worden ingezet. Landelijk doel: 50% minder primaire grondstoffen in 2030, "
            "volledig circulair in 2050."
        ),
        "pianoo_url": f"{PIANOO}/circulariteit-inclusief-biobased",
        "sdgs": [12],
        "overige_koppelingen": "",
    },
    {
        "slug": "ketenverantwoordelijkheid",
        "naam": "Ketenverantwoordelijkheid (Internationale Sociale Voorwaarden)",
        "korte_naam": "Ketenverantwoordelijkheid",
        "omschrijving": (
            "Bedrijven stimuleren verantwoordelijkheid te nemen voor de goede praktijken "
            "eerder in de keten bij productielanden (dwang- en kinderarbeid, discriminatie, "
            "leefbaar loon)."
        ),
        "pianoo_url": f"{PIANOO}/ketenverantwoordelijkheid-internationale-sociale",
        "sdgs": [8, 12],
        "overige_koppelingen": "FairTrade",
    },
    {
        "slug": "diversiteit-inclusie",
        "naam": "Diversiteit & inclusie",
        "korte_naam": "Diversiteit & inclusie",
        "omschrijving": (
            "Bij aankoop diversiteit uitvragen met als doel dat in een diverse en inclusieve "
            "samenleving iedereen gelijk wordt behandeld."
        ),
        "pianoo_url": f"{PIANOO}/diversiteit-en-inclusie",
        "sdgs": [5, 10],
        "overige_koppelingen": "",
    },
    {
        "slug": "social-return",
        "naam": "Social return (SROI)",
        "korte_naam": "Social return",
        "omschrijving": (
            "Arbeidsparticipatie stimuleren en meer werkgelegenheid creëren voor mensen met "
            "een afstand tot de arbeidsmarkt (doorgaans 2–5% van de opdrachtwaarde)."
        ),
        "pianoo_url": f"{PIANOO}/social-return",
        "sdgs": [8],
        "overige_koppelingen": "",
    },
]

AMBITIENIVEAUS = [
    (1, "Afweging", "Kennis nemen van de mogelijkheden om de MVOI-thema's toe te passen."),
    (2, "Pilots", "Toepassen van MVOI in een beperkt aantal gevallen."),
    (3, "Verbreding", "Vergroten van toepassing MVOI (nulmeting, monitoring, bewustwording)."),
    (4, "Borging", "Verankeren van toepassing MVOI in eigen beleid en interne systemen."),
    (
        5,
        "Leiderschap",
        "Standaard toepassing MVOI, voorbeeldrol voor marktpartijen en andere inkopers.",
    ),
]

# Product groups where a theme is most promising (reference plan, appendix 1).
PRODUCTGROEPEN = {
    "Energie": ["klimaat", "ketenverantwoordelijkheid"],
    "Vervoer": ["klimaat", "milieu", "social-return", "diversiteit-inclusie"],
    "ICT": ["klimaat", "circulair", "ketenverantwoordelijkheid", "diversiteit-inclusie"],
    "GWW": ["klimaat", "milieu", "social-return", "diversiteit-inclusie"],
    "Klimaatinstallaties": ["klimaat"],
    "Bedrijfskleding": ["circulair", "ketenverantwoordelijkheid", "diversiteit-inclusie"],
    "Meubilair": ["circulair", "ketenverantwoordelijkheid"],
    "Gebouwde omgeving": ["circulair"],
    "Catering": ["milieu", "social-return", "ketenverantwoordelijkheid", "diversiteit-inclusie"],
    "Schoonmaak": ["milieu", "social-return"],
}


def laden(apps, schema_editor):
    Sdg = apps.get_model("themes", "Sdg")
    Thema = apps.get_model("themes", "Thema")
    Ambitieniveau = apps.get_model("themes", "Ambitieniveau")
    Productgroep = apps.get_model("themes", "Productgroep")

    for nummer, naam in SDGS.items():
        Sdg.objects.update_or_create(nummer=nummer, defaults={"naam": naam})
    themas = {}
    for volgorde, gegevens in enumerate(THEMAS, start=1):
        gegevens = dict(gegevens)
        sdgs = gegevens.pop("sdgs")
        thema, _ = Thema.objects.update_or_create(
            slug=gegevens.pop("slug"), defaults={**gegevens, "volgorde": volgorde}
        )
        thema.sdgs.set(sdgs)
        themas[thema.slug] = thema
    for nummer, naam, betekenis in AMBITIENIVEAUS:
        Ambitieniveau.objects.update_or_create(
            nummer=nummer, defaults={"naam": naam, "betekenis": betekenis}
        )
    for naam, slugs in PRODUCTGROEPEN.items():
        groep, _ = Productgroep.objects.get_or_create(naam=naam)
        groep.kansrijke_themas.set([themas[slug] for slug in slugs])


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
