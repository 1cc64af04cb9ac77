"""Management approval of a plan, and its frozen versions.

The coördinator submits the plan: a new `Planversie` with a snapshot of the plan's data
(the register's per-step snapshots) and the document's body as it is then, and the plan's
strategy waits (ADR 0005). Management approves or rejects it with a comment; the
coördinator may withdraw it. Approval freezes the version in a background task
(`tasks.versie_vastleggen`; the work is in `renderen.py`): both variants of the PDF, the
approval block on the cover before the kept body, and their SHA-256. So the PDF shows
exactly what was submitted, whatever the team did since. Every download checks the hash
again.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Actieplan
from organisaties.models import User

from . import berichten, document, ondertekening, selectors, tasks, vergelijken
from .document import canoniek, sha256
from .models import Planversie

logger = logging.getLogger(__name__)


def _plan_vergrendelen(actieplan: Actieplan) -> Actieplan:
    """The plan's row, locked until the transaction ends: two submissions (or a submission
    and an approval) take turns."""
    return Actieplan.objects.select_for_update().get(pk=actieplan.pk)


def _versie_vergrendelen(versie: Planversie) -> Planversie:
    """The plan's row, then the version's, locked (always in this order)."""
    return selectors.versie_voor_wijziging(versie_id=versie.pk)


@transaction.atomic
def indienen(
    *, actieplan: Actieplan, door: User, toelichting: str = "", jaar: int | None = None
) -> Planversie:
    """The coördinator puts the plan to management: a new version, under review, about the
    plan year chosen (default: the current one); the version records it, and its document
    shows that year's goals, calendar, planning and evaluation."""
    plan = _plan_vergrendelen(actieplan)
    if plan.vergrendeld:
        raise ValidationError(_("Dit plan ligt al ter goedkeuring."))
    jaar = jaar or plan.lopend_jaar
    if jaar not in plan.jaren:
        raise ValidationError(
            _("Kies een planjaar van dit plan (%(periode)s).") % {"periode": plan.periode}
        )
    gegevens = document.momentopname(actieplan=plan)
    # The document as management will read it, from the same data as the snapshot (the
    # plan's row is locked): the approved PDF prints this, whatever the team does after.
    romp = document.rompen(actieplan=plan, jaar=jaar)
    nummer = (plan.versies.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + 1
    vorige = selectors.laatste_vastgestelde(actieplan=plan)
    laatst = selectors.laatste_versie(actieplan=plan)
    versie = Planversie.objects.create(
        actieplan=plan,
        nummer=nummer,
        jaar=jaar,
        ingediend_door=door,
        toelichting=toelichting.strip(),
        momentopname=gegevens,
        momentopname_sha256=sha256(canoniek(gegevens)),
        romp=romp,
        romp_sha256=sha256(canoniek(romp)),
    )
    # What changed since the adopted version and since the version management saw last,
    # kept now while the snapshot is in memory: the version's page only reads it.
    for oud in {v for v in (vorige, laatst) if v is not None}:
        vergelijken.bewaren(oud=oud, nieuw=versie, momentopname=gegevens)
    plan.status = Actieplan.Status.TER_GOEDKEURING
    plan.save(update_fields=["status", "updated_at"])
    actieplan.status = plan.status
    berichten.ingediend(versie, door=door)
    return versie


def _status_na_besluit(actieplan_id: int) -> str:
    """The plan's status once it is editable again: approved when an approved version is
    frozen (the plan page and the document then say which one is adopted), else concept."""
    if Planversie.objects.filter(actieplan_id=actieplan_id).vastgelegd().exists():
        return Actieplan.Status.GOEDGEKEURD
    return Actieplan.Status.CONCEPT


def _ter_goedkeuring(versie: Planversie) -> Planversie:
    versie = _versie_vergrendelen(versie)
    if versie.status != Planversie.Status.TER_GOEDKEURING:
        raise ValidationError(
            _("Versie %(nummer)s ligt niet meer ter goedkeuring: zij is %(status)s.")
            % {"nummer": versie.nummer, "status": versie.get_status_display().lower()}
        )
    return versie


def _afsluiten(versie: Planversie, status: str, *, door: User) -> Planversie:
    """Close a version under review (rejected or withdrawn): who and when, and the plan
    editable again. The row never changes afterwards."""
    versie.status = status
    versie.beoordeeld_door, versie.beoordeeld_op = door, timezone.now()
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=_status_na_besluit(versie.actieplan_id), updated_at=timezone.now()
    )
    return versie


@transaction.atomic
def intrekken(*, versie: Planversie, door: User) -> Planversie:
    """The coördinator takes the plan back before management decided: editable again."""
    return _afsluiten(_ter_goedkeuring(versie), Planversie.Status.INGETROKKEN, door=door)


@transaction.atomic
def afwijzen(*, versie: Planversie, door: User, opmerking: str) -> Planversie:
    """Management sends the plan back, saying why; it is a concept again."""
    if not opmerking.strip():
        raise ValidationError(
            {
                "opmerking": _(
                    "Schrijf waarom u het plan afwijst: het MVOI-team gaat ermee aan de slag."
                )
            }
        )
    versie = _ter_goedkeuring(versie)
    versie.opmerking = opmerking.strip()
    versie = _afsluiten(versie, Planversie.Status.AFGEWEZEN, door=door)
    berichten.besloten(versie, door=door)
    return versie


@transaction.atomic
def goedkeuren(*, versie: Planversie, door: User, opmerking: str = "") -> Planversie:
    """Management approves: the version is frozen in the background (the strategy waits
    until its PDF is stored). The task is enqueued in the same transaction: an approval
    without its task, or a task without its approval, cannot happen."""
    versie = _ter_goedkeuring(versie)
    if versie.ingediend_door_id == door.pk:
        # Four eyes: one person may hold both roles, but not approve their own submission.
        raise ValidationError(
            _(
                "U heeft deze versie zelf ingediend. Een ander lid van het management keurt "
                "haar goed."
            )
        )
    versie.status = Planversie.Status.GOEDGEKEURD
    versie.beoordeeld_door, versie.beoordeeld_op = door, timezone.now()
    versie.opmerking = opmerking.strip()
    versie.pdf_status = Planversie.Pdf.WACHT
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=Actieplan.Status.VASTLEGGEN, updated_at=timezone.now()
    )
    tasks.versie_vastleggen.enqueue(versie_id=versie.pk)
    berichten.besloten(versie, door=door)
    return versie


# An attempt still waiting for a worker after this long is taken to be lost (no worker
# runs): it may be retried. A large plan renders in well under a minute.
VERLOREN_NA = datetime.timedelta(minutes=15)
# A rendering whose heartbeat (renderen.hartslag, every 5 s) is older than this was
# killed with its worker: it may be retried at once.
STIL_NA = datetime.timedelta(seconds=20)


def poging_verloren(versie: Planversie) -> bool:
    """The attempt's worker is gone: it was rendering and its heartbeat stopped, or it was
    never picked up."""
    nu = timezone.now()
    if versie.pdf_status == Planversie.Pdf.BEZIG and versie.pdf_hartslag is not None:
        return nu - versie.pdf_hartslag > STIL_NA
    gestart = versie.pdf_gestart_op or versie.beoordeeld_op
    return gestart is not None and nu - gestart > VERLOREN_NA


def mag_opnieuw(versie: Planversie) -> bool:
    """Whether freezing may be tried again: after a failure, or when the attempt is lost.
    Not while one is still running: two would render side by side for nothing."""
    if versie.status != Planversie.Status.GOEDGEKEURD or versie.vastgelegd:
        return False
    if versie.pdf_status == Planversie.Pdf.MISLUKT:
        return True
    return poging_verloren(versie)


@transaction.atomic
def opnieuw_vastleggen(*, versie: Planversie) -> Planversie:
    """After a failed or lost attempt: try again."""
    versie = _versie_vergrendelen(versie)
    if not mag_opnieuw(versie):
        raise ValidationError(_("Deze versie wordt al vastgelegd of hoeft niet opnieuw."))
    versie.pdf_status, versie.pdf_fout = Planversie.Pdf.WACHT, ""
    versie.pdf_gestart_op, versie.pdf_hartslag = timezone.now(), None
    versie.save()
    _verloren_taken_afsluiten(versie)
    tasks.versie_vastleggen.enqueue(versie_id=versie.pk)
    return versie


def _verloren_taken_afsluiten(versie: Planversie) -> int:
    """The task rows of this version's lost attempts, "running" for ever since their worker
    died, are closed as failed, so the queue's state tells the truth."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="plandocument.tasks.versie_vastleggen",
        status__in=["READY", "RUNNING"],
        args_kwargs__kwargs__versie_id=versie.pk,
    ).update(status="FAILED", finished_at=timezone.now())


@transaction.atomic
def goedkeuring_terugdraaien(*, versie: Planversie, door: User) -> Planversie:
    """When freezing keeps failing, management takes the approval back: the version is
    withdrawn (with the reason) and the plan editable again, so the team can repair what
    breaks the document and submit it anew. Never for a frozen version."""
    versie = _versie_vergrendelen(versie)
    if not mag_opnieuw(versie):
        raise ValidationError(_("Deze goedkeuring kan niet (meer) worden teruggedraaid."))
    versie.status = Planversie.Status.INGETROKKEN
    versie.pdf_status = Planversie.Pdf.NIET
    versie.opmerking = _(
        "Goedkeuring teruggedraaid door %(naam)s: het vastleggen van de PDF lukte niet."
    ) % {"naam": door.get_full_name() or door.email} + (
        f"\n\n{versie.opmerking}" if versie.opmerking else ""
    )
    versie.save()
    Actieplan.objects.filter(pk=versie.actieplan_id).update(
        status=_status_na_besluit(versie.actieplan_id), updated_at=timezone.now()
    )
    return versie


class VersieBeschadigd(Exception):
    """The stored bytes of a frozen version no longer match their hash."""


def vastgelegde_pdf(*, versie: Planversie, variant: str) -> bytes:
    """The stored PDF of a frozen version, after checking its hash (and the snapshot's)
    again. A mismatch is logged and refused: nobody receives a document that differs from
    what management approved."""
    inhoud = bytes(getattr(versie, f"pdf_{variant}") or b"")
    verwacht = getattr(versie, f"pdf_{variant}_sha256")
    if (
        sha256(inhoud) != verwacht
        or sha256(canoniek(versie.momentopname)) != versie.momentopname_sha256
        or not ondertekening.klopt(versie)  # a row forged in the database (issue 24)
    ):
        logger.error(
            "Vingerafdruk of handtekening klopt niet: versie %s (id %s) van plan %s, variant "
            "%s; download geweigerd",
            versie.nummer,
            versie.pk,
            versie.actieplan_id,
            variant,
        )
        raise VersieBeschadigd
    return inhoud
