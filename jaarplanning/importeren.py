"""Import of a year planning, the calendar's way: an upload is checked once (a dry run
that changes nothing, kept with the upload as the preview), then confirmed: all rows or
none, every error told by row and column. Shares the calendar's file reading, limits and
result types (aanbestedingskalender/bestanden.py, importeren.py)."""

from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from aanbestedingskalender import bestanden
from aanbestedingskalender.importeren import (
    Fout,
    ImportMislukt,
    ImportResultaat,
    kolommen_controleren,
    rijfout_melding,
    verouderde_rijen,
)
from aanbestedingskalender.importeren import _tekst as getal_of_tekst
from aanbestedingskalender.models import Importbestand
from actieplan.models import Actieplan

from .models import Actie
from .resources import ActieResource

VERPLICHTE_KOLOMMEN = (
    "Nummer",
    "Jaarplanning",
    "Actie",
    "Actorgroep",
    "Vanaf kwartaal",
    "Tot en met kwartaal",
    "Status",
)


def planningsbestand_opslaan(
    *, actieplan: Actieplan, door, bestandsnaam: str, inhoud: bytes
) -> Importbestand:
    """Keep an upload between preview and confirmation, its preview computed once here."""
    upload = Importbestand(
        actieplan=actieplan,
        door=door,
        soort=Importbestand.Soort.JAARPLANNING,
        bestandsnaam=bestandsnaam[:255],
        formaat=bestanden.formaat_van(bestandsnaam),
        inhoud=inhoud,
    )
    upload.controle = planning_controleren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam=bestandsnaam
    ).als_json()
    upload.full_clean()
    upload.save()
    return upload


def planning_controleren(*, actieplan: Actieplan, inhoud: bytes, bestandsnaam: str):
    """What the import would add and change, and every error. Changes nothing."""
    return _importeren(actieplan=actieplan, inhoud=inhoud, bestandsnaam=bestandsnaam, dry_run=True)


@transaction.atomic
def planning_importeren(
    *,
    actieplan: Actieplan,
    inhoud: bytes,
    bestandsnaam: str,
    verwacht: dict[str, list] | None = None,
):
    """Import all rows, or, on any error, none (ImportMislukt). `verwacht`: the versions
    the preview saw; an action a colleague changed since refuses the import, naming it."""
    verouderd = verouderde_rijen(
        model=Actie, actieplan=actieplan, sleutel="id", verwacht=verwacht or {}
    )
    if verouderd:
        raise ImportMislukt(ImportResultaat(fouten=verouderd, verouderd=True))
    resultaat = _importeren(
        actieplan=actieplan, inhoud=inhoud, bestandsnaam=bestandsnaam, dry_run=False
    )
    if not resultaat.geldig:
        transaction.set_rollback(True)
        raise ImportMislukt(resultaat)
    return resultaat


def _importeren(*, actieplan, inhoud, bestandsnaam, dry_run) -> ImportResultaat:
    resultaat = ImportResultaat()
    try:
        dataset = bestanden.lezen(inhoud, bestanden.formaat_van(bestandsnaam))
    except bestanden.BestandFout as fout:
        resultaat.fouten.append(Fout(fout.rij, fout.kolom, str(fout)))
        return resultaat
    resource = ActieResource(actieplan=actieplan)
    resultaat.fouten.extend(
        kolommen_controleren(
            dataset.headers,
            resource.kolommen(),
            koprij=dataset.koprij,
            verplicht=VERPLICHTE_KOLOMMEN,
        )
    )
    resultaat.fouten.extend(_dubbele_nummers(dataset))
    if resultaat.fouten:
        return resultaat

    per_kolom = {veld.column_name: veld for veld in resource.fields.values()}
    koppen = [kop for kop in dataset.headers if kop in per_kolom]  # a blank header: none
    bestaand = list(resource.get_queryset())
    oud = {
        actie.pk: {kop: _tekst(per_kolom[kop].export(actie)) for kop in koppen}
        for actie in bestaand
    }
    versies = {str(actie.pk): actie.versie for actie in bestaand}
    if "Nummer" in dataset.headers:
        for index, waarde in enumerate(dataset["Nummer"]):
            try:
                nummer = str(int(float(str(waarde).strip())))
            except (TypeError, ValueError):
                continue  # no number (a new action) or a wrong one (the check says so)
            resultaat.versies[nummer] = [versies.get(nummer), dataset.rijnummers[index]]
    uitkomst = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        retain_instance_in_row_result=True,
    )
    for fout in uitkomst.base_errors:
        resultaat.fouten.append(Fout(None, None, rijfout_melding(fout.error)))
    # Each column once: tablib builds a column on every access.
    nummers = dataset["Nummer"] if "Nummer" in dataset.headers else [""] * len(dataset)
    acties, starts = dataset["Actie"], dataset["Vanaf kwartaal"]
    for index, rij in enumerate(uitkomst.rows):
        bestandsrij = dataset.rijnummers[index]
        samenvatting = {
            "rij": bestandsrij,
            "kenmerk": _tekst(nummers[index]),
            "naam": _tekst(acties[index]),
            "start": _tekst(starts[index]),
        }
        if rij.import_type == RowResult.IMPORT_TYPE_INVALID:
            for attribuut, meldingen in rij.validation_error.message_dict.items():
                kolom = None if attribuut == "__all__" else resource.kolom_van_attribuut(attribuut)
                for melding in meldingen:
                    resultaat.fouten.append(Fout(bestandsrij, kolom, melding))
        elif rij.import_type == RowResult.IMPORT_TYPE_ERROR:
            for fout in rij.errors:
                resultaat.fouten.append(Fout(bestandsrij, None, rijfout_melding(fout.error)))
        elif rij.import_type == RowResult.IMPORT_TYPE_NEW:
            resultaat.nieuw.append(samenvatting)
        else:
            voor = oud.get(rij.instance.pk, {})
            na = {kop: _tekst(per_kolom[kop].export(rij.instance)) for kop in koppen}
            verschil = [
                {"kolom": kop, "oud": voor.get(kop, ""), "nieuw": na[kop]}
                for kop in koppen
                if voor.get(kop, "") != na[kop]
            ]
            if verschil:
                resultaat.gewijzigd.append(samenvatting | {"verschil": verschil})
            else:
                resultaat.ongewijzigd += 1
    return resultaat


def _dubbele_nummers(dataset) -> list[Fout]:
    if "Nummer" not in dataset.headers:
        return []
    gezien: dict[str, int] = {}
    fouten = []
    for rij, nummer in zip(dataset.rijnummers, dataset["Nummer"], strict=True):
        sleutel = _tekst(nummer)
        if sleutel and sleutel in gezien:
            fouten.append(
                Fout(
                    rij,
                    "Nummer",
                    _("Nummer %(nummer)s staat ook in rij %(rij)s.")
                    % {"nummer": sleutel, "rij": gezien[sleutel]},
                )
            )
        elif sleutel:
            gezien[sleutel] = rij
    return fouten


def _tekst(waarde) -> str:
    """As the calendar's preview shows a value (Dutch numbers); a whole number from a
    spreadsheet's number cell (12.0) as 12."""
    if isinstance(waarde, float) and waarde == int(waarde):
        waarde = int(waarde)
    return getal_of_tekst(waarde)
