"""Steps 1–3 of the demo plan, with the reference plan's levels, choices, rationales and
goals (gemeente Alkmaar, Actieplan MVOI 2024–2027), told as Gemeente Voorbeeld's."""

NULMETING = {
    # theme slug: (agreed level, summary)
    "milieu": (
        4,
        "Elk project in de openbare ruimte wordt klimaatadaptief uitgevoerd. Structureel "
        "verankerd, vooral bij de uitvoeringsorganisatie voor de openbare ruimte.",
    ),
    "klimaat": (
        3,
        "55% CO₂-reductie in 2030 ten opzichte van 1990. Diesel- en benzineverbruik 18% "
        "CO₂-reductie; gasverbruik 10% CO₂-reductie; gemeentelijk vastgoed 55% CO₂-reductie.",
    ),
    "circulair": (3, "In 2050 is de gemeentelijke organisatie volledig circulair."),
    "ketenverantwoordelijkheid": (
        3,
        "Voldoen aan FairTrade-eisen. Voorkomen en aanpakken van mensenrechtenschendingen in "
        "de productieketen.",
    ),
    "diversiteit-inclusie": (
        2,
        "Inzetten op de aanpak van discriminatie en uitsluiting in de samenleving.",
    ),
    "social-return": (
        4,
        "We motiveren en steunen uitkeringsgerechtigden om aan het werk te gaan. Voorwaarden "
        "en/of eisen voor SROI worden in contracten opgenomen.",
    ),
}

THEMAKEUZE = {
    # theme slug: (focus, rationale, what continues)
    "klimaat": (
        True,
        "Op het thema Klimaat willen we inzetten op borging. Het thema is in lijn met de "
        "algemene doelstellingen van de gemeente, de certificering op de CO₂-prestatieladder "
        "en het CO₂-reductieplan. We hebben duidelijke, concrete doelstellingen om onze "
        "CO₂-uitstoot te reduceren; die reductie is goed te kwantificeren. Zo passen we dit "
        "thema toe in ons wagenpark en nemen we groene stroom af.",
        "",
    ),
    "milieu": (
        True,
        "Met het thema Milieu hebben we al veel ervaring. Onder dit thema vallen ook opgaven "
        "zoals klimaatadaptatie en biodiversiteit. Het thema is in de organisatie en bij onze "
        "uitvoeringsorganisatie goed geborgd. We onderzoeken wat nodig is om leiderschap te "
        "tonen op dit thema en willen borging breder uitdragen.",
        "",
    ),
    "circulair": (
        True,
        "In 2050 is de gemeentelijke organisatie volledig circulair, dus blijven we inzetten "
        "op dit thema. Er zijn al veel initiatieven, zoals de circulaire sloopdeal en het "
        "inkopen van gerecyclede bureaubladen. We willen dit doorzetten en verder borgen.",
        "",
    ),
    "diversiteit-inclusie": (
        True,
        "Diversiteit & inclusie is een belangrijk thema. Binnen de vakgroep Werving en "
        "Selectie wordt het al standaard meegenomen en er zijn twee adviseurs diversiteit en "
        "inclusie in dienst. De overige units onderzoeken de komende jaren hoe dit thema een "
        "plek krijgt in de organisatie.",
        "",
    ),
    "ketenverantwoordelijkheid": (
        False,
        "We willen schending van fundamentele arbeidsnormen en mensenrechten in de "
        "productieketen voorkomen, maar leggen niet de focus op dit thema.",
        "We blijven een FairTrade-gemeente, voldoen aan de FairTrade-eisen en zetten de "
        "bestaande initiatieven voort.",
    ),
    "social-return": (
        False,
        "Social return wordt waar mogelijk toegepast en is geborgd in de organisatie.",
        "We werken met ons werkbedrijf samen om SROI uit te voeren en gaan door met wat we al "
        "doen.",
    ),
}

AMBITIES = {
    # theme slug: (ambition level, caveat)
    "klimaat": (4, ""),
    "milieu": (
        4,
        "Het ambitieniveau borging is onder voorbehoud: we zijn in overleg met de "
        "uitvoeringsorganisatie over de stappen die nodig zijn om leiderschap op het thema "
        "Milieu uit te dragen, en of dat binnen de huidige afspraken haalbaar is.",
    ),
    "circulair": (4, ""),
    "diversiteit-inclusie": (3, ""),
    "ketenverantwoordelijkheid": (3, ""),
    "social-return": (4, ""),
}

# kind of goal (Doelsoort code), year, target, threshold (euros) where the kind has one
MEETBARE_DOELEN = [
    ("kansrijke-aanbestedingen-met-thema", 2025, 75, None),
    ("kansrijke-aanbestedingen-met-thema", 2026, 80, None),
    ("kansrijke-aanbestedingen-met-thema", 2027, 85, None),
    ("kansrijke-aanbestedingen-met-thema", 2030, 100, None),
    ("social-return-vanaf-drempel", 2025, 25, 250_000),
    ("social-return-vanaf-drempel", 2026, 50, 250_000),
    ("social-return-vanaf-drempel", 2027, 75, 250_000),
    ("aanbestedingen-met-circulaire-criteria", 2026, 3, None),
    ("circulaire-pilots", 2025, 2, None),
    ("circulaire-pilots", 2026, 3, None),
    ("co2-reductie", 2026, 250, None),
]

TEKSTDOELEN = [
    (
        None,
        "In 2027 hebben we de thema's Klimaat, Circulair en Milieu geborgd in onze "
        "inkoopfunctie en zetten we in op verbreding bij het thema Diversiteit & inclusie.",
    ),
    ("klimaat", "In 2027 is Klimaat geborgd in onze inkoopfunctie."),
    ("circulair", "In 2027 is Circulair geborgd in onze inkoopfunctie."),
    ("milieu", "In 2027 is Milieu geborgd in onze inkoopfunctie."),
    ("diversiteit-inclusie", "In 2027 passen we Diversiteit & inclusie breder toe."),
]

# The demo advisor's own answers (a draft for the last theme, to show progress).
ADVISEUR_ANTWOORDEN = {
    "milieu": (4, "Klimaatadaptief werken is standaard in de openbare ruimte.", 4, 1),
    "klimaat": (3, "CO₂-prestatieladder niveau 3; reductiedoelen per bron.", 4, 1),
    "circulair": (3, "Circulaire sloopdeal getekend; gerecyclede bureaubladen.", 3, 1),
    "ketenverantwoordelijkheid": (3, "FairTrade-gemeente; ISV in ICT en kleding.", 2, 1),
    "diversiteit-inclusie": (2, "Alleen bij Werving en Selectie standaard.", 2, 1),
    "social-return": (None, "", 0, 0),
}


# The other two demo advisors answer a level higher, the same or lower than the first, per
# theme in ADVISEUR_ANTWOORDEN's order, so the comparison page shows a spread.
ANDERE_ADVISEURS_VERSCHIL = {
    0: (0, 0, 0, 0, 0, 0),
    1: (0, 1, 0, -1, 1, 0),
    2: (-1, 0, 1, 0, 0, -1),
}
ANDERE_ADVISEURS_ONDERBOUWING = {
    1: {
        -1: "In mijn aanbestedingen komt dit thema nog weinig terug.",
        0: "Herken ik uit de trajecten van mijn team.",
        1: "In mijn aanbestedingen vragen we dit al standaard uit.",
    },
    2: {
        -1: "Bij projecten in de openbare ruimte zie ik dit nog niet structureel.",
        0: "Komt overeen met wat ik bij projecten zie.",
        1: "Bij de projecten die ik begeleid is dit al vaste praktijk.",
    },
}
