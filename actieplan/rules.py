import rules

from organisaties.rules import (
    is_coordinator,
    is_inkoopadviseur,
    is_lid,
    is_management,
    is_mvoi_teamlid,
)

rules.add_perm("actieplan.view_actieplan", is_lid)
rules.add_perm("actieplan.add_actieplan", is_coordinator)
rules.add_perm("actieplan.change_actieplan", is_coordinator)
# Step 1: advisors fill in their own answers; the team compares them and records the
# agreed level; management reads along.
rules.add_perm("actieplan.vul_nulmeting_in", is_inkoopadviseur)
rules.add_perm(
    "actieplan.bekijk_nulmeting_antwoorden", is_mvoi_teamlid | is_coordinator | is_management
)
# Steps 1 (agreed levels), 2 and 3: the MVOI team and the coördinator.
rules.add_perm("actieplan.bewerk_inhoud", is_mvoi_teamlid | is_coordinator)
# Approval: the coördinator submits (and may withdraw); only management approves or
# rejects.
rules.add_perm("actieplan.dien_in", is_coordinator)
rules.add_perm("actieplan.keur_goed", is_management)
# After a failed attempt to freeze an approved version, either may try again.
rules.add_perm("actieplan.leg_vast", is_coordinator | is_management)
# The history shows every advisor's answers: those who may read them side by side.
rules.add_perm("actieplan.bekijk_geschiedenis", is_mvoi_teamlid | is_coordinator | is_management)
