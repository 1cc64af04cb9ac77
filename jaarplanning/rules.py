import rules

from organisaties.rules import is_coordinator, is_lid, is_mvoi_teamlid

rules.add_perm("jaarplanning.view_actie", is_lid)
# Steps 5 and 6 are the MVOI team's and the coördinator's; everyone else reads along.
rules.add_perm("jaarplanning.bewerk_planning", is_mvoi_teamlid | is_coordinator)
