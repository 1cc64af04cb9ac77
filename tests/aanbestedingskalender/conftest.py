import pytest

from aanbestedingskalender import services
from aanbestedingskalender.models import Aanbesteding
from tests.factories import LidmaatschapFactory
from themes.models import Productgroep, Thema


@pytest.fixture
def themas(db):
    return {thema.slug: thema for thema in Thema.objects.all()}


@pytest.fixture
def adviseur(organisatie):
    return LidmaatschapFactory(
        organisatie=organisatie, rollen=["inkoopadviseur"], user__email="ilse@gemeente.nl"
    ).user


@pytest.fixture
def maak_aanbesteding(actieplan, adviseur, themas):
    """Create a tender through the service: maak_aanbesteding("A-1", toepassingen={...})."""

    def maak(kenmerk="A-1", toepassingen=None, **velden):
        standaard = {
            "kenmerk": kenmerk,
            "naam": f"Aanbesteding {kenmerk}",
            "procedure": Aanbesteding.Procedure.EUROPEES_OPENBAAR,
            "soort": Aanbesteding.Soort.DIENSTEN,
            "startjaar": 2025,
            "startkwartaal": 2,
            "eigenaar": adviseur,
            "productgroep": Productgroep.objects.get(naam="ICT"),
        }
        return services.aanbesteding_opslaan(
            actieplan=actieplan,
            velden=standaard | velden,
            toepassingen={themas[slug]: g for slug, g in (toepassingen or {}).items()},
        )

    return maak
