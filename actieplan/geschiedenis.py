"""The plan's history: who changed what, when, from what to what, over every model of
every step (the register says which models belong to which step) and the plan itself,
from django-simple-history's records.

Two queries per model whatever the amount of history (the newest records, then the
records before them for the objects shown) and one per kind of linked object whose name
is shown (a theme, a level, a member …).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from basis.getallen import getal_tonen

from .models import Actieplan
from .stappen import Stap, register

# What a person would not call a change.
NIET_TONEN = {"id", "versie", "updated_at", "created_at", "actieplan"}
PER_PAGINA = 50
MAX_PAGINA = 100  # 5,000 changes back; further back, narrow by step, person or period


@dataclass
class Wijziging:
    wanneer: datetime
    wie: object  # a User or None (a command, a migration)
    stap: Stap | None
    soort: str  # "+", "~", "-": created, changed, deleted
    onderwerp: str  # the kind of thing and which one
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # label, old, new


def plan_filter(model: type[models.Model], actieplan_id: int) -> models.Q:
    """Which of a model's history records belong to the plan: its `actieplan` field, or
    what the model's own `geschiedenis_van_plan(actieplan_id)` says (a tender's theme row
    is found through the tender's history, so it stays found after the tender is
    deleted)."""
    if model is Actieplan:
        return models.Q(id=actieplan_id)
    if hasattr(model, "geschiedenis_van_plan"):
        return model.geschiedenis_van_plan(actieplan_id)
    return models.Q(actieplan_id=actieplan_id)


def modellen(stap_slug: str | None = None) -> list[tuple[Stap | None, type[models.Model]]]:
    """(step, model) for every model with history, the plan itself first (step None)."""
    uitkomst: list[tuple[Stap | None, type[models.Model]]] = []
    if not stap_slug:
        uitkomst.append((None, Actieplan))
    gezien = {Actieplan}
    for stap, inhoud in register:
        if stap_slug and stap.slug != stap_slug:
            continue
        for model in inhoud.geschiedenis_modellen():
            if model not in gezien and hasattr(model, "history"):
                gezien.add(model)
                uitkomst.append((stap, model))
    return uitkomst


def _velden(model) -> list[models.Field]:
    return [
        veld
        for veld in model._meta.concrete_fields
        if veld.name not in NIET_TONEN and not veld.name.endswith("_ptr")
    ]


def _waarde(record, veld, namen: dict) -> str:
    waarde = getattr(record, veld.attname)
    if waarde is None or waarde == "":
        return "–"
    if veld.is_relation:
        return namen.get((veld.related_model, waarde), str(waarde))
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, datetime):
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, date):
        return date_format(waarde, "j F Y")
    if isinstance(waarde, Decimal):
        return getal_tonen(waarde)
    return str(waarde)


# The fields that name a thing, in the order they are tried.
NAAMVELDEN = ("titel", "naam", "kenmerk")
# Linked objects that say which thing a row is about (a theme's row, an advisor's answer).
OVER = ("aanbesteding", "thema", "soort", "user")


def _onderwerp(model, record, namen: dict) -> str:
    """Which thing a record is about, without a query per record."""
    for naam in NAAMVELDEN:
        waarde = getattr(record, naam, None)
        if isinstance(waarde, str) and waarde:
            return waarde
    delen = []
    for veld in _velden(model):
        if veld.is_relation and veld.name in OVER and getattr(record, veld.attname):
            delen.append(namen.get((veld.related_model, getattr(record, veld.attname)), ""))
    if getattr(record, "jaar", None):
        delen.append(str(record.jaar))
    if not delen and isinstance(getattr(record, "tekst", None), str):
        delen.append(record.tekst[:60])
    return ", ".join(d for d in delen if d) or str(record.id)


def wijzigingen(
    *,
    actieplan: Actieplan,
    stap_slug: str | None = None,
    user_id: int | None = None,
    van: date | None = None,
    tot: date | None = None,
    pagina: int = 1,
) -> tuple[list[Wijziging], bool]:
    """One page of changes (PER_PAGINA records), newest first, and whether older ones
    follow. `van`/`tot`: the days (inclusive) the changes were made on. Page n reads the
    newest n × PER_PAGINA records of each model and merges them (1 ≤ n ≤ MAX_PAGINA: the
    view bounds it)."""
    tot_en_met = pagina * PER_PAGINA
    per_model = []
    for stap, model in modellen(stap_slug):
        historisch = model.history.model
        records = historisch.objects.filter(plan_filter(model, actieplan.pk)).select_related(
            "history_user"
        )
        if user_id:
            records = records.filter(history_user_id=user_id)
        if van:
            records = records.filter(history_date__date__gte=van)
        if tot:
            records = records.filter(history_date__date__lte=tot)
        per_model.append((stap, model, list(records.order_by("-history_date")[: tot_en_met + 1])))

    samen = sorted(
        ((r.history_date, stap, model, r) for stap, model, rs in per_model for r in rs),
        key=lambda t: t[0],
        reverse=True,
    )
    heeft_meer = len(samen) > tot_en_met
    alle = samen[tot_en_met - PER_PAGINA : tot_en_met]

    # The record before each shown change, per model in one query.
    vorige: dict[tuple[type, int], list] = {}
    for model in {model for _d, _s, model, r in alle if r.history_type == "~"}:
        ids = {r.id for _d, _s, m, r in alle if m is model and r.history_type == "~"}
        for record in model.history.model.objects.filter(id__in=ids).order_by("history_date"):
            vorige.setdefault((model, record.id), []).append(record)

    # The names of linked objects (a theme, a level, a member), one query per kind.
    gevraagd: dict[type, set] = {}
    for _d, _s, model, record in alle:
        for veld in _velden(model):
            if veld.is_relation and getattr(record, veld.attname) is not None:
                gevraagd.setdefault(veld.related_model, set()).add(getattr(record, veld.attname))
    # A model whose name reads linked rows says which (`naam_via`): loaded in the same query.
    namen = {}
    for gerelateerd, pks in gevraagd.items():
        rijen = gerelateerd._default_manager.all()
        if naam_via := getattr(gerelateerd, "naam_via", ()):
            rijen = rijen.select_related(*naam_via)
        namen |= {(gerelateerd, pk): str(obj) for pk, obj in rijen.in_bulk(pks).items()}

    uitkomst = []
    for datum, stap, model, record in alle:
        velden = []
        if record.history_type == "~":
            eerder = [
                r
                for r in vorige.get((model, record.id), [])
                if r.history_date < record.history_date
            ]
            if eerder:
                oud = eerder[-1]
                for veld in _velden(model):
                    a, b = _waarde(oud, veld, namen), _waarde(record, veld, namen)
                    if a != b:
                        velden.append((str(veld.verbose_name), a, b))
            if not velden:
                continue  # saved without a visible change
        elif record.history_type == "+":
            velden = [
                (str(veld.verbose_name), "", _waarde(record, veld, namen))
                for veld in _velden(model)
                if _waarde(record, veld, namen) != "–"
            ]
        onderwerp = f"{model._meta.verbose_name}: {_onderwerp(model, record, namen)}"
        uitkomst.append(
            Wijziging(
                wanneer=datum,
                wie=record.history_user,
                stap=stap,
                soort=record.history_type,
                onderwerp=onderwerp,
                velden=velden,
            )
        )
    return uitkomst, heeft_meer
