from .selectors import rol_codes


def organisatie(request) -> dict:
    lidmaatschap = getattr(request, "lidmaatschap", None)
    return {
        "organisatie": getattr(request, "organisatie", None),
        "lidmaatschappen": getattr(request, "lidmaatschappen", []),
        "mijn_rollen": rol_codes(lidmaatschap) if lidmaatschap else frozenset(),
    }
