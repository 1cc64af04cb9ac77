import rules

from organisaties.rules import is_coordinator, is_inkoopadviseur, is_lid, is_mvoi_teamlid

rules.add_perm("evaluatie.view_tenderevaluatie", is_lid)
# The MVOI team and the coördinator evaluate any tender; an advisor the tenders they own
# (checked per tender by `mag_tender_evalueren`).
rules.add_perm("evaluatie.evalueer_alle_aanbestedingen", is_mvoi_teamlid | is_coordinator)
rules.add_perm("evaluatie.evalueer_eigen_aanbestedingen", is_inkoopadviseur)
# Step 7, the yearly evaluation: the MVOI team and the coördinator.
rules.add_perm("evaluatie.bewerk_jaarevaluatie", is_mvoi_teamlid | is_coordinator)
# A decision of the evaluation changes step 2b or 3 only when the coördinator applies it.
rules.add_perm("evaluatie.besluit_toepassen", is_coordinator)
# Preparing the next year changes the calendar and the planning at once: the coördinator.
rules.add_perm("evaluatie.volgend_jaar_voorbereiden", is_coordinator)


def mag_tender_evalueren(user, organisatie, aanbesteding) -> bool:
    if user.has_perm("evaluatie.evalueer_alle_aanbestedingen", organisatie):
        return True
    return aanbesteding.eigenaar_id == user.pk and user.has_perm(
        "evaluatie.evalueer_eigen_aanbestedingen", organisatie
    )
