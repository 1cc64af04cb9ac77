"""What changed between two versions of a plan, computed once and kept
(`Versievergelijking`): the version page shows it on every visit, and decoding two
snapshots of a large plan (megabytes each) for it cost most of that page's time."""

from actieplan.stappen import STAPPEN_OP_SLUG, Stap

from . import document
from .models import Planversie, Versievergelijking

Wijzigingen = list[tuple[Stap | None, list[str]]]


def _bewaarbaar(wijzigingen: Wijzigingen) -> list:
    return [[stap.slug if stap else None, zinnen] for stap, zinnen in wijzigingen]


def _gelezen(bewaard: list) -> Wijzigingen:
    # A step no longer registered (renamed since) is shown under the plan as a whole.
    return [(STAPPEN_OP_SLUG.get(slug) if slug else None, zinnen) for slug, zinnen in bewaard]


def _momentopnamen(*versies: Planversie) -> dict[int, dict]:
    """The snapshots of these versions, in one query, without the PDFs."""
    return dict(
        Planversie.objects.filter(pk__in=[v.pk for v in versies]).values_list("pk", "momentopname")
    )


def bewaren(*, oud: Planversie, nieuw: Planversie, momentopname: dict | None = None) -> Wijzigingen:
    """Compare and keep (`momentopname`: the new version's snapshot, when the caller has it
    in memory, as at the submission)."""
    gelezen = _momentopnamen(oud) if momentopname is not None else _momentopnamen(oud, nieuw)
    wijzigingen = document.wijzigingen(
        gelezen[oud.pk], momentopname if momentopname is not None else gelezen[nieuw.pk]
    )
    # Two visitors at once write the same row; a row that no longer matches the snapshots
    # (never, while snapshots do not change) is replaced.
    Versievergelijking.objects.bulk_create(
        [
            Versievergelijking(
                oud=oud,
                nieuw=nieuw,
                oud_sha256=oud.momentopname_sha256,
                nieuw_sha256=nieuw.momentopname_sha256,
                zinnen=_bewaarbaar(wijzigingen),
            )
        ],
        update_conflicts=True,
        unique_fields=["oud", "nieuw"],
        update_fields=["oud_sha256", "nieuw_sha256", "zinnen"],
    )
    return wijzigingen


def tussen(*, oud: Planversie, nieuw: Planversie) -> Wijzigingen:
    """What changed from `oud` to `nieuw` (two versions of one plan): the kept comparison,
    or computed now and kept. One query when kept."""
    bewaard = (
        Versievergelijking.objects.filter(
            oud=oud,
            nieuw=nieuw,
            oud_sha256=oud.momentopname_sha256,
            nieuw_sha256=nieuw.momentopname_sha256,
        )
        .values_list("zinnen", flat=True)
        .first()
    )
    if bewaard is not None:
        return _gelezen(bewaard)
    return bewaren(oud=oud, nieuw=nieuw)
