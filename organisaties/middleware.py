from .selectors import cache_rollen, lidmaatschap_list

SESSION_KEY = "actieve_organisatie_id"


class ActieveOrganisatieMiddleware:
    """Sets `request.organisatie` and `request.lidmaatschap` for the logged-in user.

    The active organisation is kept in the session; a user with one membership always works
    in that organisation. Two queries per request, whatever the number of memberships.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.lidmaatschappen = []
        request.lidmaatschap = None
        request.organisatie = None
        if request.user.is_authenticated:
            lidmaatschappen = lidmaatschap_list(user=request.user)
            cache_rollen(user=request.user, lidmaatschappen=lidmaatschappen)
            gekozen = request.session.get(SESSION_KEY)
            actief = next((lid for lid in lidmaatschappen if lid.organisatie_id == gekozen), None)
            if actief is None and lidmaatschappen:
                actief = lidmaatschappen[0]
            request.lidmaatschappen = lidmaatschappen
            request.lidmaatschap = actief
            request.organisatie = actief.organisatie if actief else None
        return self.get_response(request)
