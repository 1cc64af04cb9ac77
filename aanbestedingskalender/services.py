"""Writes of the tender calendar. Every write validates (full_clean) and saves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actieplan.models import Actieplan
from basis import bulk
from basis.kwartalen import Kwartaal
from basis.versies import versie_controleren
from organisaties.models import Lidmaatschap, User
from themes.models import Thema

from .models import KALENDERVELDEN, Aanbesteding, Kwartaaloverleg, ThemaToepassing, Verplaatsing


def toepassingen_valideren(*, status: str, toepassingen: dict[Thema, dict]) -> None:
    """Pas toe of leg uit: once a tender is published or awarded, each applicable theme
    that is not applied needs an explanation. Before that, a missing explanation is an open
    point for the quarterly meeting, not an error."""
    if status not in Aanbesteding.BESLIST:
        return
    zonder_uitleg = [
        thema.korte_naam
        for thema, toepassing in toepassingen.items()
        if not toepassing["toegepast"] and not toepassing.get("uitleg", "").strip()
    ]
    if zonder_uitleg:
        raise ValidationError(
            _(
                "Pas toe of leg uit: leg uit waarom %(themas)s niet is toegepast. Dat is "
                "verplicht zodra de aanbesteding gepubliceerd of gegund is."
            )
            % {"themas": ", ".join(zonder_uitleg)},
            code="pas_toe_of_leg_uit",
        )


def _controleer_eigenaar(*, actieplan: Actieplan, eigenaar: User | None) -> None:
    if (
        eigenaar
        and not Lidmaatschap.objects.filter(
            user=eigenaar, organisatie_id=actieplan.organisatie_id
        ).exists()
    ):
        raise ValidationError({"eigenaar": _("De eigenaar moet lid zijn van de organisatie.")})


_LEZEN = object()


def startkwartaal_valideren(
    *, aanbesteding: Aanbesteding, opgeslagen: Kwartaal | object | None = _LEZEN
) -> Kwartaal | None:
    """The quarter rule: a tender's start quarter only moves later, and every move is
    recorded. Compares the tender's start with the stored one: raises when it is earlier,
    returns the stored start when it is later (a move to record), None when unchanged or
    new. Every path in (form, import, postponing, demo) goes through here. The import
    passes the stored start it read for all rows at once (`opgeslagen`)."""
    if aanbesteding.pk is None or not (aanbesteding.startjaar and aanbesteding.startkwartaal):
        return None
    if opgeslagen is _LEZEN:
        gelezen = (
            Aanbesteding.objects.filter(pk=aanbesteding.pk)
            .values_list("startjaar", "startkwartaal")
            .first()
        )
        opgeslagen = Kwartaal(*gelezen) if gelezen else None
    if opgeslagen is None:
        return None
    van = opgeslagen
    if aanbesteding.start < van:
        raise ValidationError(
            {
                "startkwartaal": _(
                    "Een aanbesteding kan niet naar een eerder kwartaal: van %(van)s naar "
                    "%(naar)s. Het startkwartaal schuift alleen op naar later (uitstellen)."
                )
                % {"van": van, "naar": aanbesteding.start}
            },
            code="eerder_kwartaal",
        )
    return van if aanbesteding.start > van else None


@transaction.atomic
def aanbesteding_opslaan(
    *,
    actieplan: Actieplan,
    aanbesteding: Aanbesteding | None = None,
    velden: dict,
    toepassingen: dict[Thema, dict],
    door: User | None = None,
    reden_verplaatsing: str = "",
    versie: str | None = None,
) -> Aanbesteding:
    """Create or change a tender with its applicable themes. `toepassingen` holds only the
    applicable themes: {thema: {toegepast, vorm, criteria_niveau, uitleg}}; a theme left out
    is not applicable (its row is removed).

    The start quarter follows the quarter rule (`startkwartaal_valideren`): earlier is
    refused; later is recorded as a move by `door` with `reden_verplaatsing`."""
    aanbesteding = aanbesteding or Aanbesteding(actieplan=actieplan)
    if aanbesteding.pk:
        versie_controleren(rijen=Aanbesteding.objects.filter(pk=aanbesteding.pk), verwacht=versie)
    for veld, waarde in velden.items():
        setattr(aanbesteding, veld, waarde)
    van = startkwartaal_valideren(aanbesteding=aanbesteding)
    _controleer_eigenaar(actieplan=actieplan, eigenaar=aanbesteding.eigenaar)
    toepassingen_valideren(status=aanbesteding.status, toepassingen=toepassingen)
    aanbesteding.full_clean()
    aanbesteding.save()
    if van is not None:
        _verplaatsing_vastleggen(
            aanbesteding=aanbesteding,
            van=van,
            reden=reden_verplaatsing or _("Startkwartaal gewijzigd."),
            door=door,
        )
    bestaand = {t.thema_id: t for t in aanbesteding.toepassingen.all()}
    for thema, gegevens in toepassingen.items():
        toepassing = bestaand.pop(thema.pk, None) or ThemaToepassing(
            aanbesteding=aanbesteding, thema=thema
        )
        toepassing.toegepast = gegevens["toegepast"]
        toepassing.vorm = gegevens.get("vorm", "") if gegevens["toegepast"] else ""
        toepassing.criteria_niveau = (
            gegevens.get("criteria_niveau", "") if gegevens["toegepast"] else ""
        )
        toepassing.uitleg = "" if gegevens["toegepast"] else gegevens.get("uitleg", "")
        toepassing.full_clean()
        toepassing.save()
    ThemaToepassing.objects.filter(pk__in=[t.pk for t in bestaand.values()]).delete()
    return aanbesteding


def kalender_bulk_opslaan(
    *,
    actieplan: Actieplan,
    rijen: list[tuple[Aanbesteding, bool, dict[Thema, dict]]],
    verplaatst: dict[str, Kwartaal],
    door: User | None,
    reden_verplaatsing: str,
) -> None:
    """Write an import's checked rows at once: the same result as `aanbesteding_opslaan`
    per row (tenders, their theme rows, moves, history records by `door`), in a number of
    queries that does not grow with the rows. `rijen`: (tender, is new, applicable themes);
    the existing tenders come with their theme rows prefetched and locked by the caller.
    Unchanged tenders and theme rows are not written (and get no history record)."""
    nu = timezone.now()
    nieuw = [a for a, is_nieuw, _t in rijen if is_nieuw]
    for aanbesteding in nieuw:
        aanbesteding.actieplan = actieplan
        aanbesteding.versie = 1
    bulk_create_with_history(nieuw, Aanbesteding, batch_size=500, default_user=door)
    # Changed tenders grouped by the fields that changed: Django's bulk_update writes a
    # CASE per field and row, so a name changed in 5,000 rows updates the name only.
    per_velden: dict[tuple[str, ...], list[Aanbesteding]] = {}
    for aanbesteding, is_nieuw, _t in rijen:
        velden = () if is_nieuw else _gewijzigde_velden(aanbesteding)
        if velden:
            aanbesteding.versie += 1
            aanbesteding.updated_at = nu
            per_velden.setdefault(velden, []).append(aanbesteding)
    for velden, groep in per_velden.items():
        bulk.bijwerken(groep, [*velden, "versie", "updated_at"])
        # The history records of the rows just written (no fields: history only).
        bulk_update_with_history(groep, Aanbesteding, fields=[], batch_size=500, default_user=door)
    Verplaatsing.objects.bulk_create(
        Verplaatsing(
            aanbesteding=aanbesteding,
            van_jaar=verplaatst[aanbesteding.kenmerk].jaar,
            van_kwartaal=verplaatst[aanbesteding.kenmerk].kwartaal,
            naar_jaar=aanbesteding.startjaar,
            naar_kwartaal=aanbesteding.startkwartaal,
            reden=reden_verplaatsing,
            door=door,
        )
        for aanbesteding, is_nieuw, _t in rijen
        if not is_nieuw and aanbesteding.kenmerk in verplaatst
    )

    toevoegen, bijwerken, weg = [], [], []
    for aanbesteding, is_nieuw, toepassingen in rijen:
        bestaand = {} if is_nieuw else {t.thema_id: t for t in aanbesteding.toepassingen.all()}
        for thema, gegevens in toepassingen.items():
            toepassing = bestaand.pop(thema.pk, None)
            waarden = _toepassing_waarden(gegevens)
            if toepassing is None:
                toevoegen.append(ThemaToepassing(aanbesteding=aanbesteding, thema=thema, **waarden))
            elif any(getattr(toepassing, k) != v for k, v in waarden.items()):
                for veld, waarde in waarden.items():
                    setattr(toepassing, veld, waarde)
                bijwerken.append(toepassing)
        weg += bestaand.values()
    bulk_create_with_history(toevoegen, ThemaToepassing, batch_size=1000, default_user=door)
    bulk.bijwerken(bijwerken, list(_TOEPASSING_VELDEN))
    bulk_update_with_history(
        bijwerken, ThemaToepassing, fields=[], batch_size=1000, default_user=door
    )
    if weg:
        # The history's "deleted" records, then one DELETE: Django's delete() would send a
        # signal, and simple-history write a record, per row.
        ThemaToepassing.history.model.objects.bulk_create(
            ThemaToepassing.history.model(
                history_date=nu,
                history_user=door,
                history_type="-",
                **{
                    v.attname: getattr(t, v.attname)
                    for v in ThemaToepassing.history.model.tracked_fields
                },
            )
            for t in weg
        )
        rijen_weg = ThemaToepassing.objects.filter(pk__in=[t.pk for t in weg])
        rijen_weg._raw_delete(rijen_weg.db)


_TOEPASSING_VELDEN = ("toegepast", "vorm", "criteria_niveau", "uitleg")


def _toepassing_waarden(gegevens: dict) -> dict:
    """As `aanbesteding_opslaan` stores a theme row: form and level only when applied, an
    explanation only when not."""
    toegepast = gegevens["toegepast"]
    return {
        "toegepast": toegepast,
        "vorm": gegevens.get("vorm", "") if toegepast else "",
        "criteria_niveau": gegevens.get("criteria_niveau", "") if toegepast else "",
        "uitleg": "" if toegepast else gegevens.get("uitleg", ""),
    }


def _gewijzigde_velden(aanbesteding: Aanbesteding) -> tuple[str, ...]:
    """The fields of the calendar an import changed on a stored tender, compared with the
    values as read (`_kalender_origineel`, set by the import's resource)."""
    origineel = getattr(aanbesteding, "_kalender_origineel", None)
    if origineel is None:
        return tuple(KALENDERVELDEN)
    return tuple(
        veld
        for veld in KALENDERVELDEN
        if getattr(aanbesteding, Aanbesteding._meta.get_field(veld).attname)
        != origineel[Aanbesteding._meta.get_field(veld).attname]
    )


def _verplaatsing_vastleggen(
    *, aanbesteding: Aanbesteding, van: Kwartaal, reden: str, door: User | None
) -> Verplaatsing:
    naar = aanbesteding.start
    verplaatsing = Verplaatsing(
        aanbesteding=aanbesteding,
        van_jaar=van.jaar,
        van_kwartaal=van.kwartaal,
        naar_jaar=naar.jaar,
        naar_kwartaal=naar.kwartaal,
        reden=reden,
        door=door,
    )
    verplaatsing.full_clean()
    verplaatsing.save()
    return verplaatsing


@transaction.atomic
def aanbesteding_verplaatsen(
    *, aanbesteding: Aanbesteding, naar: Kwartaal, reden: str, door: User, versie: str | None = None
) -> Verplaatsing:
    """Postpone a tender to a later quarter; the move is kept in its history."""
    versie_controleren(rijen=Aanbesteding.objects.filter(pk=aanbesteding.pk), verwacht=versie)
    van = aanbesteding.start
    if naar <= van:
        raise ValidationError(
            {"naar": _("Uitstellen kan alleen naar een later kwartaal dan %(van)s.") % {"van": van}}
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van het uitstel.")})
    aanbesteding.startjaar, aanbesteding.startkwartaal = naar.jaar, naar.kwartaal
    aanbesteding.status = Aanbesteding.Status.UITGESTELD
    van = startkwartaal_valideren(aanbesteding=aanbesteding) or van
    aanbesteding.full_clean()
    aanbesteding.save()
    return _verplaatsing_vastleggen(aanbesteding=aanbesteding, van=van, reden=reden, door=door)


@transaction.atomic
def status_wijzigen(
    *, aanbesteding: Aanbesteding, status: str, reden_vervallen: str = ""
) -> Aanbesteding:
    """Set a tender's status (preparing the next year marks one as started, awarded or
    dropped): pas toe of leg uit applies as in the form; dropping needs its reason."""
    if status == Aanbesteding.Status.VERVALLEN and not reden_vervallen.strip():
        raise ValidationError(
            _("Geef de reden waarom %(naam)s vervalt.") % {"naam": aanbesteding.naam}
        )
    toepassingen_valideren(
        status=status,
        toepassingen={
            t.thema: {"toegepast": t.toegepast, "uitleg": t.uitleg}
            for t in aanbesteding.toepassingen.select_related("thema")
        },
    )
    aanbesteding.status = status
    aanbesteding.reden_vervallen = reden_vervallen.strip()
    aanbesteding.full_clean()
    aanbesteding.save()
    return aanbesteding


@transaction.atomic
def aanbesteding_verwijderen(*, aanbesteding: Aanbesteding) -> None:
    aanbesteding.delete()


@transaction.atomic
def kwartaaloverleg_opslaan(
    *, actieplan: Actieplan, kwartaal: Kwartaal, versie: str | None = None, **velden
) -> Kwartaaloverleg:
    versie_controleren(
        rijen=Kwartaaloverleg.objects.filter(
            actieplan=actieplan, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
        ),
        verwacht=versie,
        ouder=actieplan,
    )
    overleg, _ = Kwartaaloverleg.objects.get_or_create(
        actieplan=actieplan, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    )
    for veld, waarde in velden.items():
        setattr(overleg, veld, waarde)
    overleg.full_clean()
    overleg.save()
    return overleg
