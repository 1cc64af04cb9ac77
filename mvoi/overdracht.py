"""One organisation's data as one JSON file, and its restore into an installation that does
not hold it (a new, empty one; or this one after the organisation was removed).

What goes in: every row of every model of the application's apps that belongs to the
organisation, their history (django-simple-history's records, also of deleted tenders and
plans), the frozen versions' PDFs, and the people who appear in any of it (members, past
members named in the history) with their password hash and two-step verification, so
they log in as before. What stays out: the reference data every installation has from its
migrations (themes, levels, product groups, goal kinds, SDGs, roles; the file carries a
copy, and the restore refuses an installation whose copy differs), and work in progress
that expires anyway (an import waiting for confirmation, a concept PDF being made).

The organisation's own rows keep their primary keys, so every link between them stays as
it was; the restore refuses when one of those keys is taken. People get new keys (an
empty installation already has its platform administrator), and someone whose user name
already exists is linked to that account, which is left as it is. Platform rights
(`is_staff`, `is_superuser`, groups) never travel.

The file is as sensitive as a database backup: it holds password hashes and the secrets of
the authenticator apps. `manage.py organisatie_exporteren` and `organisatie_importeren`
are for the platform administrator on the server.
"""

import copy
import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Lower
from django.utils import timezone

FORMAAT = "actieplan-mvoi-organisatie"
VERSIE = 1

# The application's apps: each of their models is exported, reference data, or left out
# (below); a test fails when a new model is none of the three.
APPS = [
    "organisaties",
    "meldingen",
    "themes",
    "actieplan",
    "aanbestedingskalender",
    "jaarplanning",
    "evaluatie",
    "plandocument",
]
REFERENTIE = [
    "organisaties.rol",
    "themes.sdg",
    "themes.thema",
    "themes.ambitieniveau",
    "themes.productgroep",
    "themes.doelsoort",
]
NIET_MEE = {
    "aanbestedingskalender.importbestand": "een import die op bevestiging wacht (verloopt)",
    "plandocument.documentopdracht": "een concept-PDF die wordt gemaakt (wordt opnieuw gemaakt)",
    "meldingen.bericht": "e-mail die is of wordt verstuurd (de taken zelf volgen uit de gegevens)",
    "meldingen.uitgezet": "persoonlijke keuze voor e-mail (na het terugzetten staat alles aan)",
    # Through tables of users' platform rights: never travel.
    "organisaties.user_groups": "rechten op het platform",
    "organisaties.user_user_permissions": "rechten op het platform",
}
# The people and their two-step verification: new keys in the target.
TWEESTAPS = ["otp_totp.totpdevice", "otp_static.staticdevice", "otp_static.statictoken"]
GEEN_PLATFORMRECHTEN = {"is_staff": False, "is_superuser": False}
PERSOONLIJK = ("organisaties.user", "organisaties.historicaluser", *TWEESTAPS)


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but times to the microsecond: it cuts them to milliseconds (the
    ECMAScript format), and a restore must give back what was there."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Overdrachtsfout(Exception):
    """The file cannot be restored here; the message says why, in Dutch."""


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _eigen_modellen() -> list[type[models.Model]]:
    """Every model of the application's apps with its own table, join tables excluded
    (the serializer carries many-to-many fields with their model)."""
    return [
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.auto_created
    ]


def indeling() -> dict[str, list[str]]:
    """Which model goes where: organisation data, reference data, or left out (with why)."""
    uit: dict[str, list[str]] = {"organisatie": [], "referentie": [], "niet_mee": []}
    for model in _eigen_modellen():
        label = model._meta.label_lower
        if label in REFERENTIE:
            uit["referentie"].append(label)
        elif label in NIET_MEE:
            uit["niet_mee"].append(label)
        elif label not in ("organisaties.user", "organisaties.historicaluser"):
            uit["organisatie"].append(label)
    return uit


# Which rows belong to the organisation ------------------------------------------------


def _pad_naar_organisatie(model: type[models.Model]) -> str | None:
    """The shortest chain of foreign keys from the model to Organisatie ("actieplan__
    organisatie"), or None when there is none."""
    organisatie = _model("organisaties.organisatie")
    if model is organisatie:
        return "pk"
    rij = [(model, "")]
    gezien = {model}
    while rij:
        huidig, pad = rij.pop(0)
        for veld in huidig._meta.concrete_fields:
            if not (veld.many_to_one or veld.one_to_one):
                continue
            doel = veld.related_model
            nieuw = f"{pad}__{veld.name}" if pad else veld.name
            if doel is organisatie:
                return nieuw
            if doel not in gezien and doel._meta.app_label in APPS:
                gezien.add(doel)
                rij.append((doel, nieuw))
    return None


def _rijen(organisatie) -> dict[str, models.QuerySet]:
    """label → the organisation's rows of that model, history included."""
    from actieplan.geschiedenis import plan_filter

    actieplan = _model("actieplan.actieplan")
    plannen = set(
        actieplan.history.filter(organisatie_id=organisatie.pk).values_list("id", flat=True)
    )
    plannen |= set(actieplan.objects.filter(organisatie=organisatie).values_list("pk", flat=True))

    uit: dict[str, models.QuerySet] = {}
    later = []
    for label in indeling()["organisatie"]:
        model = _model(label)
        instantie = getattr(model, "instance_type", None)  # a history model
        if _historie_ouder(model) is not None:
            later.append(label)  # the history of a many-to-many field: after its parent
        elif instantie is None:
            pad = _pad_naar_organisatie(model)
            if pad is None:
                raise Overdrachtsfout(f"{label}: geen weg naar de organisatie")
            uit[label] = model._default_manager.filter(**{pad: organisatie.pk})
        elif instantie is _model("organisaties.organisatie"):
            uit[label] = model._default_manager.filter(id=organisatie.pk)
        elif any(v.name == "organisatie" for v in instantie._meta.fields):
            uit[label] = model._default_manager.filter(organisatie_id=organisatie.pk)
        else:
            # Through the plans' history, so a deleted tender's rows are found too.
            filter_ = models.Q(pk__in=[])
            for plan in plannen:
                filter_ |= plan_filter(instantie, plan)
            uit[label] = model._default_manager.filter(filter_)
    for label in later:
        model = _model(label)
        ouder = _historie_ouder(model).related_model._meta.label_lower
        uit[label] = model._default_manager.filter(history__in=uit[ouder].values("pk"))
    return uit


def _historie_ouder(model) -> models.Field | None:
    """The `history` foreign key of a many-to-many field's history (a membership's roles
    at the time of a historical membership record), else None."""
    return next(
        (v for v in model._meta.concrete_fields if v.name == "history" and v.many_to_one), None
    )


def _naar_gebruiker(model) -> list[models.Field]:
    user = _model("organisaties.user")
    return [v for v in model._meta.concrete_fields if v.many_to_one and v.related_model is user]


# Export -------------------------------------------------------------------------------


def _serialiseren(qs: models.QuerySet) -> list[dict]:
    return serializers.serialize("python", qs.order_by("pk"))


def _migraties() -> dict[str, str]:
    """The newest applied migration of each app: the restore needs the same schema."""
    laatste: dict[str, str] = {}
    for app, naam in MigrationRecorder(connection).applied_migrations():
        if app in APPS and naam > laatste.get(app, ""):
            laatste[app] = naam
    return laatste


def exporteren(organisatie, *, voortgang: Callable[[str, int], None] | None = None) -> dict:
    """Everything of the organisation, as a dict ready for json.dump (see `schrijven`).
    Read in one transaction; on PostgreSQL as one snapshot (REPEATABLE READ), so a row
    saved during the export never points at a row the export does not hold."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _exporteren(organisatie, voortgang)


def _exporteren(organisatie, voortgang) -> dict:
    rijen = _rijen(organisatie)
    gegevens: dict[str, list[dict]] = {}
    leden: set[int] = set(
        _model("organisaties.lidmaatschap")
        .objects.filter(organisatie=organisatie)
        .values_list("user_id", flat=True)
    )
    genoemd = set(leden)  # and everyone the organisation's rows name
    for label, qs in rijen.items():
        gegevens[label] = _serialiseren(qs)
        for veld in _naar_gebruiker(qs.model):
            genoemd |= {r["fields"][veld.name] for r in gegevens[label] if r["fields"][veld.name]}
        if voortgang:
            voortgang(label, len(gegevens[label]))

    user = _model("organisaties.user")
    historie = _serialiseren(user.history.filter(id__in=genoemd))
    genoemd |= {r["fields"]["history_user"] for r in historie if r["fields"]["history_user"]}
    personen = _serialiseren(user.objects.filter(pk__in=genoemd))
    for persoon in personen:
        persoon["fields"].update(GEEN_PLATFORMRECHTEN, groups=[], user_permissions=[])
        if persoon["pk"] not in leden:
            # Named in the history only (a former member, a platform administrator): the
            # name travels, the key to log in does not.
            persoon["fields"].update(password=make_password(None), is_active=False)
    gegevens["organisaties.user"] = personen
    gegevens["organisaties.historicaluser"] = [
        r | {"fields": r["fields"] | GEEN_PLATFORMRECHTEN}
        for r in historie
        if r["fields"]["id"] in {p["pk"] for p in personen}
    ]
    totp, static, token = (_model(label) for label in TWEESTAPS)
    gegevens[TWEESTAPS[0]] = _serialiseren(totp.objects.filter(user_id__in=leden))
    gegevens[TWEESTAPS[1]] = _serialiseren(static.objects.filter(user_id__in=leden))
    gegevens[TWEESTAPS[2]] = _serialiseren(token.objects.filter(device__user_id__in=leden))

    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "organisatie": organisatie.naam,
        "gemaakt_op": timezone.now().isoformat(),
        "migraties": _migraties(),
        "referentie": {
            label: _serialiseren(_model(label)._default_manager.all()) for label in REFERENTIE
        },
        "gegevens": gegevens,
    }


def schrijven(export: dict, bestand) -> None:
    json.dump(export, bestand, cls=Encoder, ensure_ascii=False, indent=1)


# Restore ------------------------------------------------------------------------------


def _controleren(export: dict) -> None:
    if export.get("formaat") != FORMAAT or export.get("versie") != VERSIE:
        raise Overdrachtsfout("Dit is geen export van een organisatie uit Actieplan MVOI.")
    hier = _migraties()  # one read, not two per app
    verschil = {
        app: (naam, hier.get(app))
        for app, naam in export["migraties"].items()
        if hier.get(app) != naam
    }
    if verschil:
        raise Overdrachtsfout(
            "De export komt uit een andere versie van de applicatie (migraties: "
            + ", ".join(f"{app} {hier} ↔ {daar}" for app, (daar, hier) in verschil.items())
            + "). Zet hem terug in een installatie met dezelfde versie."
        )
    for label, rijen in export["referentie"].items():
        hier = _serialiseren(_model(label)._default_manager.all())
        if _zonder_volgorde(hier) != _zonder_volgorde(rijen):
            raise Overdrachtsfout(
                f"De referentiegegevens ({_model(label)._meta.verbose_name_plural}) van deze "
                "installatie verschillen van die in de export."
            )
    organisatie = _model("organisaties.organisatie")
    if organisatie.objects.filter(naam=export["organisatie"]).exists():
        raise Overdrachtsfout(f"Er is hier al een organisatie {export['organisatie']}.")
    for label, rijen in export["gegevens"].items():
        if label in PERSOONLIJK:
            continue
        model = _model(label)
        sleutels = [r["pk"] for r in rijen]
        bezet = model._default_manager.filter(pk__in=sleutels).count() if sleutels else 0
        if bezet:
            raise Overdrachtsfout(
                f"{bezet} {model._meta.verbose_name_plural} in de export hebben een sleutel "
                "die hier al bestaat. Zet de export terug in een lege installatie."
            )


def _zonder_volgorde(rijen: list[dict]) -> list[str]:
    """Rows as comparable text, whatever the order of the rows and of many-to-many keys."""
    return sorted(
        json.dumps(
            {
                **r,
                "fields": {
                    k: sorted(v) if isinstance(v, list) else v for k, v in r["fields"].items()
                },
            },
            cls=Encoder,
            sort_keys=True,
        )
        for r in rijen
    )


def _objecten(label: str, rijen: Iterable[dict]) -> list:
    return list(serializers.deserialize("python", [{"model": label, **r} for r in rijen]))


def _invoegen(objecten: list, *, nieuwe_sleutels: bool) -> None:
    """Insert as `loaddata` does: a raw save keeps every value as exported (timestamps
    included) and records no history of its own. The many-to-many rows go straight into
    their join table: `.set()` would add history records for them on top of the restored
    ones. One INSERT per row."""
    for o in objecten:
        if nieuwe_sleutels:
            o.object.pk = None
        models.Model.save_base(o.object, raw=True, force_insert=True)
        for naam, doelen in (o.m2m_data or {}).items():
            veld = o.object._meta.get_field(naam)
            door = veld.remote_field.through
            door._default_manager.bulk_create(
                door(
                    **{
                        f"{veld.m2m_field_name()}_id": o.object.pk,
                        f"{veld.m2m_reverse_field_name()}_id": doel,
                    }
                )
                for doel in doelen
            )


@transaction.atomic
def importeren(export: dict, *, voortgang: Callable[[str, int], None] | None = None):
    """Restore an export: all of it, or nothing (one transaction). Returns the organisation."""
    _controleren(export)
    gegevens = copy.deepcopy(export["gegevens"])
    personen, nieuw = _personen_herstellen(gegevens)

    def met_personen(rijen: list[dict], velden: Iterable[str]) -> list[dict]:
        for rij in rijen:
            for naam in velden:
                if rij["fields"].get(naam) is not None:
                    # None: an account deleted before the export, named in the history.
                    rij["fields"][naam] = personen.get(rij["fields"][naam])
        return rijen

    # The new people's history and two-step verification; an existing account keeps its own.
    historie = [
        r for r in gegevens["organisaties.historicaluser"] if personen[r["fields"]["id"]] in nieuw
    ]
    _invoegen(
        _objecten("organisaties.historicaluser", met_personen(historie, ["id", "history_user"])),
        nieuwe_sleutels=True,
    )
    totp, static, token = TWEESTAPS
    apps_ = [r for r in gegevens[totp] if personen[r["fields"]["user"]] in nieuw]
    _invoegen(_objecten(totp, met_personen(apps_, ["user"])), nieuwe_sleutels=True)
    codes = [r for r in gegevens[static] if personen[r["fields"]["user"]] in nieuw]
    objecten = _objecten(static, met_personen(codes, ["user"]))
    _invoegen(objecten, nieuwe_sleutels=True)
    apparaten = {r["pk"]: o.object.pk for r, o in zip(codes, objecten, strict=True)}
    tokens = [r for r in gegevens[token] if r["fields"]["device"] in apparaten]
    for r in tokens:
        r["fields"]["device"] = apparaten[r["fields"]["device"]]
    _invoegen(_objecten(token, tokens), nieuwe_sleutels=True)

    # The organisation's own rows, with their keys. Foreign keys are checked at the end of
    # the transaction (Django makes them deferrable), so the order does not matter.
    hersteld = []
    for label, rijen in gegevens.items():
        if label in PERSOONLIJK:
            continue
        model = _model(label)
        velden = [v.name for v in _naar_gebruiker(model)]
        _invoegen(_objecten(label, met_personen(rijen, velden)), nieuwe_sleutels=False)
        hersteld.append(model)
        if voortgang:
            voortgang(label, len(rijen))
    _reeksen_bijwerken(hersteld)
    return _model("organisaties.organisatie").objects.get(naam=export["organisatie"])


def _personen_herstellen(gegevens: dict) -> tuple[dict[int, int], set[int]]:
    """The people. One whose user name and e-mail address (in any case) both belong to one
    account here is linked to that account, which stays as it is; one whose name and
    address are both unknown here is created with a new key. Anything in between is
    refused: linking would hand someone else's account the organisation's rights.
    Returns old key → key here, and the new keys."""
    user = _model("organisaties.user")
    rijen = gegevens["organisaties.user"]
    namen = [r["fields"]["username"] for r in rijen]
    adressen = [r["fields"]["email"].lower() for r in rijen]
    op_naam = dict(user.objects.filter(username__in=namen).values_list("username", "pk"))
    op_adres = {
        email.lower(): pk
        for email, pk in user.objects.annotate(klein=Lower("email"))
        .filter(klein__in=adressen)
        .values_list("email", "pk")
    }
    personen, nieuw_rijen = {}, []
    for rij in rijen:
        naam, adres = rij["fields"]["username"], rij["fields"]["email"].lower()
        hier_naam, hier_adres = op_naam.get(naam), op_adres.get(adres)
        if hier_naam is None and hier_adres is None:
            nieuw_rijen.append(rij)
        elif hier_naam == hier_adres:
            personen[rij["pk"]] = hier_naam
        else:
            raise Overdrachtsfout(
                f"De gebruikersnaam {naam} of het e-mailadres {rij['fields']['email']} hoort "
                "hier bij een ander account. Los dat eerst op."
            )
    objecten = _objecten("organisaties.user", nieuw_rijen)
    _invoegen(objecten, nieuwe_sleutels=True)
    nieuw = {r["pk"]: o.object.pk for r, o in zip(nieuw_rijen, objecten, strict=True)}
    return personen | nieuw, set(nieuw.values())


def _reeksen_bijwerken(modellen: list[type[models.Model]]) -> None:
    """PostgreSQL's sequences past the restored keys, so the next new row gets a free one."""
    met_tussentabellen = list(modellen)
    for model in modellen:
        met_tussentabellen += [v.remote_field.through for v in model._meta.many_to_many]
    sql = connection.ops.sequence_reset_sql(no_style(), met_tussentabellen)
    if sql:
        with connection.cursor() as cursor:
            for regel in sql:
                cursor.execute(regel)


def tellingen(export: dict) -> dict[str, int]:
    aantallen: dict[str, int] = defaultdict(int)
    for label, rijen in export["gegevens"].items():
        aantallen[label] += len(rijen)
    return dict(aantallen)
