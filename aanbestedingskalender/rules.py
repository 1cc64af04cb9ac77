import rules

from organisaties.rules import is_inkoopadviseur, is_lid, is_mvoi_teamlid

rules.add_perm("aanbestedingskalender.view_aanbesteding", is_lid)
# Advisors and the MVOI team keep the calendar; the team records the quarterly meetings.
rules.add_perm("aanbestedingskalender.bewerk_aanbestedingen", is_inkoopadviseur | is_mvoi_teamlid)
rules.add_perm("aanbestedingskalender.bewerk_kwartaaloverleg", is_mvoi_teamlid)
