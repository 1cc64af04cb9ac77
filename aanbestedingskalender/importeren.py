"""Import of a calendar in two calls: check (a dry run that changes nothing) and carry out
(all rows or none). The user sees every error with its row and column."""

import datetime
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from import_export.results import RowResult

from actieplan.models import Actieplan
from basis.getallen import getal_tonen

from . import bestanden
from .models import Importbestand, ThemaToepassing
from .resources import AanbestedingResource

logger = logging.getLogger(__name__)

VERPLICHTE_KOLOMMEN = (
    "Kenmerk",
    "Naam",
    "Procedure",
    "Soort",
    "Startjaar",
    "Startkwartaal",
    "Status",
)


@dataclass(frozen=True)
class Fout:
    rij: int | None  # the row in the file, counting the header row as 1
    kolom: str | None
    melding: str


@dataclass
class ImportResultaat:
    nieuw: list[dict] = field(default_factory=list)
    gewijzigd: list[dict] = field(default_factory=list)
    ongewijzigd: int = 0
    fouten: list[Fout] = field(default_factory=list)
    # Per row of the file that names an existing row (its key: a tender's kenmerk, an
    # action's number): [the version the preview saw (None: not there yet), file row].
    # The confirmation refuses when any of them changed since (`verouderde_rijen`).
    versies: dict[str, list] = field(default_factory=dict)
    # The confirmation was refused because colleagues changed rows since the preview.
    verouderd: bool = False

    @property
    def geldig(self) -> bool:
        return not self.fouten

    def als_json(self) -> dict:
        """For keeping the preview with its upload (a JSON field), so it is computed once."""
        return asdict(self)

    @classmethod
    def uit_json(cls, gegevens: dict) -> "ImportResultaat":
        return cls(
            nieuw=gegevens["nieuw"],
            gewijzigd=gegevens["gewijzigd"],
            ongewijzigd=gegevens["ongewijzigd"],
            fouten=[Fout(**fout) for fout in gegevens["fouten"]],
            versies=gegevens.get("versies", {}),  # a preview kept before this existed: {}
        )


def verouderde_rijen(*, model, actieplan, sleutel: str, verwacht: dict[str, list]) -> list[Fout]:
    """The rows a colleague changed, added or deleted after the preview: the plan's rows
    of `model` by their key field `sleutel`, against `verwacht`, the preview's versions.
    Locks the rows it reads (the import's transaction keeps them), so nothing changes
    between this check and the save. Each is named with who changed it and when (its last
    history record). Two queries."""
    if not verwacht:
        return []
    waarden = [model._meta.get_field(sleutel).to_python(k) for k in verwacht]
    nu = {
        str(k): versie
        for k, versie in model.objects.order_by()
        .select_for_update(of=("self",))
        .filter(actieplan=actieplan, **{f"{sleutel}__in": waarden})
        .values_list(sleutel, "versie")
    }
    anders = {k: rij for k, (versie, rij) in verwacht.items() if nu.get(k) != versie}
    if not anders:
        return []
    laatste = {}
    for record in (
        model.history.filter(
            actieplan_id=actieplan.pk,
            **{f"{sleutel}__in": [model._meta.get_field(sleutel).to_python(k) for k in anders]},
        )
        .select_related("history_user")
        .order_by("-history_date")
    ):
        laatste.setdefault(str(getattr(record, sleutel)), record)
    fouten = []
    for k, rij in sorted(anders.items(), key=lambda item: item[1] or 0):
        record = laatste.get(k)
        if record is not None and record.history_user is not None:
            wie = record.history_user.get_full_name() or record.history_user.username
        else:
            wie = _("iemand")
        wanneer = (
            date_format(timezone.localtime(record.history_date), "j F Y, H:i")
            if record is not None
            else "?"
        )
        if k not in nu:
            wat = _("verwijderd")
        elif verwacht[k][0] is None:
            wat = _("toegevoegd")
        else:
            wat = _("gewijzigd")
        fouten.append(
            Fout(
                rij,
                None,
                _("%(sleutel)s is na uw controle %(wat)s door %(wie)s (%(wanneer)s).")
                % {"sleutel": k, "wat": wat, "wie": wie, "wanneer": wanneer},
            )
        )
    return fouten


class ImportMislukt(Exception):
    def __init__(self, resultaat: ImportResultaat):
        super().__init__(_("De import is niet uitgevoerd."))
        self.resultaat = resultaat


def importbestand_opslaan(
    *, actieplan: Actieplan, door, bestandsnaam: str, inhoud: bytes
) -> Importbestand:
    """Keep an upload between preview and confirmation, with its preview computed once
    here: the preview page only shows it (a page view never checks the file again). The
    rows read are kept with it, so the confirm does not read the file again either."""
    upload = Importbestand(
        actieplan=actieplan,
        door=door,
        bestandsnaam=bestandsnaam[:255],
        formaat=bestanden.formaat_van(bestandsnaam),
        inhoud=inhoud,
    )
    try:
        gelezen = bestanden.lezen(inhoud, upload.formaat)
    except bestanden.BestandFout:
        gelezen = None  # the check below reads it again and says what is wrong
    else:
        upload.gelezen = bestanden.gelezen_als_json(gelezen)  # before the check uses it
        if upload.gelezen is not None:
            # The preview checks the values the confirm will import: the kept ones.
            gelezen = bestanden.gelezen_uit_json(upload.gelezen)
    upload.controle = kalender_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam=bestandsnaam, door=door, gelezen=gelezen
    ).als_json()
    upload.full_clean()
    upload.save()
    return upload


def importbestand_controle(*, upload: Importbestand) -> ImportResultaat:
    """The upload's kept preview (checked once now for an upload kept without one)."""
    if upload.controle is None:
        upload.controle = kalender_controleren(
            actieplan=upload.actieplan,
            inhoud=bytes(upload.inhoud),
            bestandsnaam=upload.bestandsnaam,
            door=upload.door,
        ).als_json()
        upload.save(update_fields=["controle"])
    return ImportResultaat.uit_json(upload.controle)


def importbestanden_opruimen(*, ouder_dan: datetime.timedelta) -> int:
    """Delete uploads whose import was never confirmed, older than `ouder_dan`. Returns
    how many. (A confirmed import deletes its upload at once.)"""
    grens = timezone.now() - ouder_dan
    aantal, _per_model = Importbestand.objects.filter(created_at__lt=grens).delete()
    return aantal


def gelezen_van(upload: Importbestand) -> tablib.Dataset | None:
    """The rows the preview read from the upload, or None (then the file is read)."""
    return None if upload.gelezen is None else bestanden.gelezen_uit_json(upload.gelezen)


def kalender_controleren(
    *,
    actieplan: Actieplan,
    inhoud: bytes,
    bestandsnaam: str,
    door=None,
    gelezen: tablib.Dataset | None = None,
) -> ImportResultaat:
    """What the import would add and change, and every error. Changes nothing. `gelezen`:
    the file's rows as already read (`bestanden.lezen`)."""
    return _importeren(
        actieplan=actieplan,
        inhoud=inhoud,
        bestandsnaam=bestandsnaam,
        door=door,
        dry_run=True,
        gelezen=gelezen,
    )[0]


@transaction.atomic
def kalender_importeren(
    *,
    actieplan: Actieplan,
    inhoud: bytes,
    bestandsnaam: str,
    door=None,
    verwacht: dict[str, list] | None = None,
    gelezen: tablib.Dataset | None = None,
) -> ImportResultaat:
    """Import all rows, or, on any error, none (ImportMislukt). A tender moved to a later
    quarter gets its move recorded, by `door`. `verwacht`: the versions the preview saw
    (`ImportResultaat.versies`); a row a colleague changed since refuses the import,
    naming it, so the import never silently undoes their work. `gelezen`: the rows the
    preview read (`gelezen_van`), checked again here but not read from the file again."""
    from .models import Aanbesteding

    verouderd = verouderde_rijen(
        model=Aanbesteding, actieplan=actieplan, sleutel="kenmerk", verwacht=verwacht or {}
    )
    if verouderd:
        raise ImportMislukt(ImportResultaat(fouten=verouderd, verouderd=True))
    resultaat, resource = _importeren(
        actieplan=actieplan,
        inhoud=inhoud,
        bestandsnaam=bestandsnaam,
        door=door,
        dry_run=False,
        gelezen=gelezen,
    )
    if not resultaat.geldig:
        transaction.set_rollback(True)
        raise ImportMislukt(resultaat)
    try:
        resource.bewaren()
    except Exception as fout:  # the database gone, a bug: nothing stays, the user is told
        transaction.set_rollback(True)
        resultaat.fouten.append(Fout(None, None, rijfout_melding(fout, hele_import=True)))
        raise ImportMislukt(resultaat) from fout
    return resultaat


def _importeren(
    *, actieplan, inhoud, bestandsnaam, door, dry_run, gelezen=None
) -> tuple[ImportResultaat, AanbestedingResource]:
    """Read (unless `gelezen`) and check every row; the resource holds the checked rows for
    `bewaren`."""
    resultaat = ImportResultaat()
    resource = AanbestedingResource(actieplan=actieplan, door=door, bestandsnaam=bestandsnaam)
    if gelezen is not None:
        dataset = gelezen
    else:
        try:
            dataset = bestanden.lezen(inhoud, bestanden.formaat_van(bestandsnaam))
        except bestanden.BestandFout as fout:
            resultaat.fouten.append(Fout(fout.rij, fout.kolom, str(fout)))
            return resultaat, resource

    resultaat.fouten.extend(
        kolommen_controleren(dataset.headers, resource.kolommen(), koprij=dataset.koprij)
    )
    resultaat.fouten.extend(_controleer_dubbele_kenmerken(dataset))
    if resultaat.fouten:
        return resultaat, resource

    oud = resource.bestaand(vergrendelen=not dry_run)
    oude_waarden = {k: _waarden(resource, a, dataset.headers) for k, a in oud.items()}
    for index, kenmerk in enumerate(dataset["Kenmerk"]):
        kenmerk = str(kenmerk or "").strip()
        if kenmerk:
            bestaand = oud.get(kenmerk)
            resultaat.versies[kenmerk] = [
                bestaand.versie if bestaand else None,
                dataset.rijnummers[index],
            ]
    # Every row is read and checked; nothing is written per row (the resource collects
    # the rows, `bewaren` below writes them at once), so no transaction or savepoint here.
    uitkomst = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=False,
        retain_instance_in_row_result=True,
    )
    for fout in uitkomst.base_errors:
        resultaat.fouten.append(Fout(None, None, rijfout_melding(fout.error)))
    kenmerken = dataset["Kenmerk"]  # the column once: tablib builds it on every access
    for index, rij in enumerate(uitkomst.rows):
        bestandsrij = dataset.rijnummers[index]
        if rij.import_type == RowResult.IMPORT_TYPE_INVALID:
            for attribuut, meldingen in rij.validation_error.message_dict.items():
                kolom = None if attribuut == "__all__" else resource.kolom_van_attribuut(attribuut)
                for melding in meldingen:
                    resultaat.fouten.append(Fout(bestandsrij, kolom, melding))
        elif rij.import_type == RowResult.IMPORT_TYPE_ERROR:
            for fout in rij.errors:
                resultaat.fouten.append(Fout(bestandsrij, None, rijfout_melding(fout.error)))
        elif rij.import_type == RowResult.IMPORT_TYPE_NEW:
            resultaat.nieuw.append(_samenvatting(dataset, index, bestandsrij))
        else:
            kenmerk = str(kenmerken[index]).strip()
            nieuw_waarden = _waarden_uit_rij(resource, rij.instance, dataset.headers)
            verschil = [
                {"kolom": kolom, "oud": oude_waarden[kenmerk][kolom], "nieuw": nieuw_waarden[kolom]}
                for kolom in dataset.headers
                if oude_waarden[kenmerk][kolom] != nieuw_waarden[kolom]
            ]
            if verschil:
                resultaat.gewijzigd.append(
                    {**_samenvatting(dataset, index, bestandsrij), "verschil": verschil}
                )
            else:
                resultaat.ongewijzigd += 1
    return resultaat, resource


def rijfout_melding(fout: BaseException, *, hele_import: bool = False) -> str:
    """What the user reads about a row that failed while being saved. Our own refusals
    (ValueError, ValidationError) say what is wrong in Dutch and are shown as they are;
    anything else (the database gone, a bug) is our fault: logged in full, and told
    without its technical text, which means nothing to the user and may reveal too much."""
    if isinstance(fout, ValueError | ValidationError):
        return str(fout.args[0]) if fout.args else str(fout)
    logger.error("Import: kon niet worden opgeslagen", exc_info=fout)
    onderwerp = _("De import") if hele_import else _("Deze rij")
    return _(
        "%(onderwerp)s kon niet worden opgeslagen door een fout aan onze kant. Er is niets "
        "veranderd; probeer het later opnieuw, en meld het bij uw beheerder als het blijft "
        "gebeuren."
    ) % {"onderwerp": onderwerp}


def kolommen_controleren(
    koppen: list[str], bekend: list[str], *, koprij: int, verplicht=VERPLICHTE_KOLOMMEN
) -> list[Fout]:
    """Missing required columns, unknown and doubled columns, told at the header row."""
    fouten = []
    ontbrekend = [k for k in verplicht if k not in koppen]
    if ontbrekend:
        fouten.append(
            Fout(
                koprij,
                None,
                _("Deze kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(ontbrekend)},
            )
        )
    for kop in koppen:
        if kop and kop not in bekend:
            melding = (
                _("Onbekend thema in kolom '%(kolom)s'.")
                if kop.startswith("Thema ")
                else _("Onbekende kolom '%(kolom)s'.")
            ) % {"kolom": kop}
            fouten.append(
                Fout(koprij, kop, melding + " " + _("Gebruik de kolommen van het sjabloon."))
            )
    dubbel = {k for k, aantal in Counter(koppen).items() if k and aantal > 1}
    for kop in sorted(dubbel):
        fouten.append(
            Fout(koprij, kop, _("De kolom '%(kolom)s' staat er meer dan eens in.") % {"kolom": kop})
        )
    return fouten


def _controleer_dubbele_kenmerken(dataset) -> list[Fout]:
    if "Kenmerk" not in dataset.headers:
        return []
    gezien: dict[str, int] = {}
    fouten = []
    for rij, kenmerk in zip(dataset.rijnummers, dataset["Kenmerk"], strict=True):
        sleutel = str(kenmerk or "").strip()
        if not sleutel:
            fouten.append(Fout(rij, "Kenmerk", _("Vul een kenmerk in.")))
        elif sleutel in gezien:
            fouten.append(
                Fout(
                    rij,
                    "Kenmerk",
                    _("Kenmerk '%(kenmerk)s' staat ook in rij %(rij)s.")
                    % {"kenmerk": sleutel, "rij": gezien[sleutel]},
                )
            )
        else:
            gezien[sleutel] = rij
    return fouten


def _samenvatting(dataset, index: int, bestandsrij: int) -> dict:
    """What the preview shows of a row, as text (kept as JSON with the upload: a cell may
    hold a date or a number where text belongs)."""
    rij = {
        kop: "" if waarde is None else str(waarde)
        for kop, waarde in zip(dataset.headers, dataset[index], strict=False)
    }
    return {
        "rij": bestandsrij,
        "kenmerk": rij.get("Kenmerk", ""),
        "naam": rij.get("Naam", ""),
        "start": "K{} {}".format(
            rij.get("Startkwartaal", "").upper().lstrip("KQ"), rij.get("Startjaar", "")
        ),
    }


def _tekst(waarde) -> str:
    """An exported value as the preview shows it: numbers the Dutch way (125.000,5), so
    125000.50 from the database and 125000.5 from a file are the same."""
    if isinstance(waarde, Decimal | float | int) and not isinstance(waarde, bool):
        return getal_tonen(waarde)
    return str(waarde or "")


def _waarden(resource, aanbesteding, koppen) -> dict[str, str]:
    per_kolom = {veld.column_name: veld for veld in resource.fields.values()}
    return {kop: _tekst(per_kolom[kop].export(aanbesteding)) for kop in koppen if kop in per_kolom}


def _waarden_uit_rij(resource, instance, koppen) -> dict[str, str]:
    """The values after import, in export form: plain fields from the instance, themes from
    what the row said (the instance's prefetched themes are those before the import)."""
    per_kolom = {veld.column_name: veld for veld in resource.fields.values()}
    waarden = {}
    for kop in koppen:
        veld = per_kolom.get(kop)
        if veld is None:
            continue
        if hasattr(veld, "thema"):
            gegevens = getattr(instance, veld.attribute, None)
            waarden[kop] = veld.widget.render(_toepassing(gegevens, veld.thema)) if gegevens else ""
        else:
            waarden[kop] = _tekst(veld.export(instance))
    return waarden


def _toepassing(gegevens: dict, thema):

    return ThemaToepassing(
        thema=thema, **{"vorm": "", "criteria_niveau": "", "uitleg": "", **gegevens}
    )
