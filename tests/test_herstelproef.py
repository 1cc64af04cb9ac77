"""The restore drill proves content, not counts (issue 24): a copy restored by
ops/herstelproef.py is damaged in each way an operator must hear about – a tender's name,
a password hash, a theme's rationale (each the same number of rows), the frozen versions'
trigger dropped, a frozen PDF replaced with its hash made to agree (the signature then
fails) – and the drill's comparison names each; an undamaged copy has no difference.

Runs on PostgreSQL (CI): the drill is pg_dump and pg_restore."""

import importlib.util
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from actieplan.models import Actieplan
from organisaties.models import User
from plandocument import goedkeuring

pytestmark = [
    pytest.mark.usefixtures("referentiegegevens_transactioneel"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the drill is PostgreSQL's"),
]

_spec = importlib.util.spec_from_file_location(
    "herstelproef", Path(settings.BASE_DIR) / "ops" / "herstelproef.py"
)
herstelproef = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(herstelproef)

BESCHADIGINGEN = {
    "naam van een aanbesteding": (
        "UPDATE aanbestedingskalender_aanbesteding SET naam = naam || ' (beschadigd)' "
        "WHERE id = (SELECT min(id) FROM aanbestedingskalender_aanbesteding)",
        "aanbestedingskalender_aanbesteding: dezelfde",
    ),
    "wachtwoord": (
        "UPDATE organisaties_user SET password = 'pbkdf2_sha256$1$x$y' "
        "WHERE username = 'management'",
        "organisaties_user: dezelfde",
    ),
    "onderbouwing van een thema": (
        "UPDATE actieplan_actieplanthema SET onderbouwing = 'Iets anders' "
        "WHERE id = (SELECT min(id) FROM actieplan_actieplanthema WHERE focus)",
        "actieplan_actieplanthema: dezelfde",
    ),
    "de trigger": (
        "DROP TRIGGER planversie_onveranderlijk ON plandocument_planversie",
        "trigger plandocument_planversie.planversie_onveranderlijk ontbreekt",
    ),
    "een vastgelegde PDF met een kloppende SHA-256": (
        "ALTER TABLE plandocument_planversie DISABLE TRIGGER planversie_onveranderlijk; "
        "UPDATE plandocument_planversie SET pdf_intern = 'vals'::bytea, "
        "pdf_intern_sha256 = encode(sha256('vals'::bytea), 'hex'); "
        "ALTER TABLE plandocument_planversie ENABLE TRIGGER planversie_onveranderlijk",
        "handtekening klopt niet",
    ),
}


@pytest.fixture
def bron(taken_uitvoeren):
    call_command("demo_data", force=True, verbosity=0)
    plan = Actieplan.objects.get(organisatie__naam="Gemeente Voorbeeld")
    versie = goedkeuring.indienen(actieplan=plan, door=User.objects.get(username="coordinator"))
    goedkeuring.goedkeuren(versie=versie, door=User.objects.get(username="management"))
    taken_uitvoeren()
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_the_drill_names_every_kind_of_damage(bron):
    kopie = f"{connection.settings_dict['NAME']}_herstelproef_test"
    origineel = herstelproef.meten(bron, instellingen="mvoi.settings.test")
    assert origineel["versies"] == 1 and origineel["niet_ondertekend"] == []
    gevonden = {}
    try:
        for soort, (sql, melding) in [("niets", ("SELECT 1", None)), *BESCHADIGINGEN.items()]:
            doel, _grootte = herstelproef.herstellen(bron, kopie)
            with psycopg2.connect(doel) as verbinding, verbinding.cursor() as cursor:
                cursor.execute(sql)
            verbinding.close()
            hersteld = herstelproef.meten(doel, instellingen="mvoi.settings.test")
            gevonden[soort] = herstelproef.verschillen(origineel, hersteld)
            if melding is None:
                assert gevonden[soort] == [], gevonden[soort]
            else:
                assert any(melding in regel for regel in gevonden[soort]), (soort, gevonden[soort])
    finally:
        herstelproef.weggooien(bron, kopie)
    assert len(gevonden) == 1 + len(BESCHADIGINGEN)
