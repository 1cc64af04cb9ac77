"""Every URL with an object in it × every role × GET and POST, in the member's own
organisation: a role without the view's permission is refused (403) on the server, and no
combination – an empty POST included – is a server error.

The permission a view asks is read from the view itself (`permission_required`, and
`permission_required_post` for POST), so a new view is covered without a list here; the
objects come from the same builders as the tenant-scoping test."""

import pytest
from django.urls import resolve, reverse

from organisaties.models import Rol
from tests.test_tenant_scoping import FOREIGN_OBJECTS

ROLLEN = [code for code, _label in Rol.Code.choices]


def _vereist(view_class, methode: str) -> str | None:
    if methode == "post" and getattr(view_class, "permission_required_post", None):
        return view_class.permission_required_post
    return getattr(view_class, "permission_required", None)


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_url_by_every_role_is_refused_or_answered_never_a_server_error(
    client, lid, organisatie, rol
):
    user = lid(rol)
    client.force_login(user)
    client.raise_request_exception = False  # a server error is counted, not raised
    geprobeerd = geweigerd = 0
    fouten = []
    for naam, bouwer in sorted(FOREIGN_OBJECTS.items()):
        kwargs = bouwer(organisatie)
        url = reverse(naam, kwargs=kwargs)
        view_class = resolve(url).func.view_class
        for methode in ("get", "post"):
            antwoord = getattr(client, methode)(url)
            geprobeerd += 1
            if antwoord.status_code >= 500:
                fouten.append(f"{methode.upper()} {naam}: {antwoord.status_code}")
            vereist = _vereist(view_class, methode)
            if vereist and not user.has_perm(vereist, organisatie):
                if antwoord.status_code != 403:
                    fouten.append(
                        f"{methode.upper()} {naam} als {rol}: {antwoord.status_code}, "
                        f"verwacht 403 (vereist {vereist})"
                    )
                geweigerd += 1
    assert not fouten, "\n".join(fouten)
    assert geprobeerd == 2 * len(FOREIGN_OBJECTS)
    assert geweigerd > 0 or rol == "management"


# Who may open (GET) and who may change (POST) each page, written out by hand from the
# roles table in the README – not read from the views, so a view that asks the wrong
# permission, or checks its own rule inside (an advisor evaluates only their own tender),
# fails here. I inkoopadviseur, T MVOI-teamlid, C coördinator, M management, B beheerder.
TOEGANG = {
    "aanbestedingskalender:aanbesteding_nieuw": ("IT", "IT"),
    "aanbestedingskalender:aanbesteding_uitstellen": ("IT", "IT"),
    "aanbestedingskalender:aanbesteding_verwijderen": ("IT", "IT"),
    "aanbestedingskalender:aanbesteding_wijzigen": ("IT", "IT"),
    "aanbestedingskalender:aanbesteding": ("ITCMB", "ITCMB"),
    "aanbestedingskalender:export": ("ITCMB", "ITCMB"),
    "aanbestedingskalender:import": ("IT", "IT"),
    "aanbestedingskalender:import_voorbeeld": ("IT", "IT"),
    "aanbestedingskalender:kalender": ("ITCMB", "ITCMB"),
    "aanbestedingskalender:kwartaal": ("ITCMB", "T"),
    "aanbestedingskalender:kwartaal_nu": ("ITCMB", "ITCMB"),
    "aanbestedingskalender:sjabloon": ("ITCMB", "ITCMB"),
    "aanbestedingskalender:zoeken": ("ITCMB", "ITCMB"),
    "actieplan:ambities": ("TC", "TC"),
    "actieplan:detail": ("ITCMB", "ITCMB"),
    "plandocument:document": ("ITCMB", "ITCMB"),
    "plandocument:document_opdracht": ("ITCMB", "ITCMB"),
    "plandocument:document_opdracht_pdf": ("ITCMB", "ITCMB"),
    "plandocument:document_opdracht_status": ("ITCMB", "ITCMB"),
    "plandocument:document_pdf": ("ITCMB", "ITCMB"),
    "plandocument:toelichtingen": ("C", "C"),
    "actieplan:geschiedenis": ("TCM", "TCM"),
    "actieplan:herziening_afronden": ("C", "C"),
    "actieplan:nulmeting_vragen": ("C", "C"),
    "plandocument:indienen": ("C", "C"),
    "actieplan:meetbare_doelen": ("TC", "TC"),
    "actieplan:nulmeting_antwoord": ("I", "I"),
    "actieplan:nulmeting_mijn": ("I", "I"),
    "actieplan:nulmeting_thema": ("TCM", "TC"),
    "actieplan:stap": ("ITCMB", "ITCMB"),
    "actieplan:tekstdoelen": ("TC", "TC"),
    "actieplan:themakeuze": ("TC", "TC"),
    "actieplan:update": ("C", "C"),
    "plandocument:versie": ("ITCMB", "M"),
    "plandocument:versie_intrekken": ("C", "C"),
    "plandocument:versie_opnieuw": ("CM", "CM"),
    "plandocument:versie_pdf": ("ITCMB", "ITCMB"),
    "plandocument:versie_document": ("ITCMB", "ITCMB"),
    "plandocument:versie_status": ("ITCMB", "ITCMB"),
    "plandocument:versie_terugdraaien": ("M", "M"),
    "plandocument:versies": ("ITCMB", "ITCMB"),
    "plandocument:sinds_vastgesteld": ("ITCMB", "ITCMB"),
    "evaluatie:aanbestedingen": ("ITCMB", "ITCMB"),
    "evaluatie:besluit": ("TC", "TC"),
    "evaluatie:besluit_toepassen": ("C", "C"),
    "evaluatie:jaar": ("TC", "TC"),
    "evaluatie:tender": ("ITCMB", "TC"),
    "evaluatie:volgend_jaar": ("C", "C"),
    "jaarplanning:actie_nieuw": ("TC", "TC"),
    "jaarplanning:actie_verwijderen": ("TC", "TC"),
    "jaarplanning:actie_wijzigen": ("TC", "TC"),
    "jaarplanning:acties": ("ITCMB", "ITCMB"),
    "jaarplanning:actorgroepen": ("TC", "TC"),
    "jaarplanning:borging": ("TC", "TC"),
    "jaarplanning:export": ("ITCMB", "ITCMB"),
    "jaarplanning:import": ("TC", "TC"),
    "jaarplanning:import_voorbeeld": ("TC", "TC"),
    "organisaties:lid_verwijderen": ("B", "B"),
    "organisaties:lid_wijzigen": ("B", "B"),
    "organisaties:uitnodiging_intrekken": ("B", "B"),
}
AFKORTING = {
    "inkoopadviseur": "I",
    "mvoi_teamlid": "T",
    "coordinator": "C",
    "management": "M",
    "beheerder": "B",
}


def test_the_hand_table_names_every_url_with_an_object():
    assert set(TOEGANG) == set(FOREIGN_OBJECTS)


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_role_is_let_in_or_refused_exactly_as_the_hand_table_says(
    client, lid, organisatie, rol
):
    client.force_login(lid(rol))
    afwijkingen = []
    for naam, bouwer in sorted(FOREIGN_OBJECTS.items()):
        url = reverse(naam, kwargs=bouwer(organisatie))
        for methode, rollen in zip(("get", "post"), TOEGANG[naam], strict=True):
            status = getattr(client, methode)(url).status_code
            verwacht = "toegelaten" if AFKORTING[rol] in rollen else "geweigerd"
            werkelijk = "geweigerd" if status == 403 else "toegelaten"
            if verwacht != werkelijk:
                afwijkingen.append(f"{methode.upper()} {naam}: {status}, verwacht {verwacht}")
    assert not afwijkingen, "\n".join(afwijkingen)
