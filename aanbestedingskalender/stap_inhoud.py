from actieplan.models import Actieplan

from . import selectors


def aanbestedingskalender(request, actieplan: Actieplan) -> dict:
    """Step 4's page: the progress per plan year, computed from the calendar."""
    return {
        "voortgang_per_jaar": selectors.voortgang_per_jaar(
            actieplan=actieplan, jaren=actieplan.jaren
        ),
        "aantal_aanbestedingen": selectors.aanbesteding_list(actieplan=actieplan).count(),
    }
