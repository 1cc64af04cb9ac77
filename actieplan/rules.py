import rules

from organisaties.rules import is_coordinator, is_lid

rules.add_perm("actieplan.view_actieplan", is_lid)
rules.add_perm("actieplan.add_actieplan", is_coordinator)
rules.add_perm("actieplan.change_actieplan", is_coordinator)
