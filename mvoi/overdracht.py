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

The organisation's own rows keep their primary keys where they are free here; a model
whose keys are taken moves them all past the highest key here, and every reference with
them (`_verschuivingen`), so a copy can be restored beside its original. People get new keys (an
empty installation already has its platform administrator); someone whose user name and
address already exist here is linked to that account (left as it is) only when the
operator names them (`--koppel`). Platform rights (`is_staff`, `is_superuser`, groups)
never travel.

The restore trusts nothing in the file (issue 24): it accepts only the application's own
models of organisation data, exactly one organisation, rows that point only at rows of the
same file (or at reference data), no platform rights, and frozen versions whose snapshot
and PDFs still match their fingerprints; a file over the size limit, malformed or cut
off ends in a Dutch message with nothing stored.

Both ways are streamed: the export writes each row as it is read (`exporteren`), the
restore reads the file twice as a stream (`_lezen`, with ijson): first to check what each
row can tell and collect the keys, then to insert 500 rows at a time. Memory holds the
keys and the people, never the file.

What the file carries of people: their password hash, except for someone who also belongs
to another organisation (their password is not this organisation's to hand over: after
the restore they set one through "wachtwoord vergeten"), and no hashes at all with
`--zonder-wachtwoorden`. The authenticator apps' secrets and recovery codes never travel:
whoever must use a second step sets up the app again at the first login. Still, keep the
file like a database backup. `manage.py organisatie_exporteren` and
`organisatie_importeren` are for the platform administrator on the server.
"""

import base64
import datetime
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import ijson
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Lower
from django.utils import timezone

from basis.transacties import lezen_als_een_geheel

FORMAAT = "actieplan-mvoi-organisatie"
VERSIE = 1

# The application's apps: each of their models is exported, reference data, or left out
# (below); a test fails when a new model is none of the three.
APPS = [
    "organisaties",
    "sso",
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
    "plandocument.versievergelijking": "afgeleid uit de momentopnamen (wordt opnieuw berekend)",
    "meldingen.bericht": "e-mail die is of wordt verstuurd (de taken zelf volgen uit de gegevens)",
    "meldingen.uitgezet": "persoonlijke keuze voor e-mail (na het terugzetten staat alles aan)",
    # Single sign-on is set up again in the target: the client secret is encrypted with this
    # installation's key, and a person's first login there links their account again.
    "sso.identiteitsprovider": "de eigen inlogdienst (opnieuw instellen: geheim versleuteld)",
    "sso.historicalidentiteitsprovider": "geschiedenis van de eigen inlogdienst",
    "sso.koppeling": "koppeling met een werkaccount (wordt bij het eerste inloggen opnieuw gelegd)",
    "sso.historicalkoppeling": "geschiedenis van de koppelingen met werkaccounts",
    "sso.providersessie": "een sessie via de eigen inlogdienst (eindigt met de sessie)",
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


def exporteren(
    organisatie,
    bestand,
    *,
    voortgang: Callable[[str, int], None] | None = None,
    zonder_wachtwoorden: bool = False,
) -> dict[str, int]:
    """Write everything of the organisation to the open text file `bestand`, row by row
    (streamed: memory stays flat however large the organisation). Returns the number of
    rows per model. Read in one transaction; on PostgreSQL as one snapshot (REPEATABLE
    READ), so a row saved during the export never points at a row the export does not hold."""
    with transaction.atomic():
        lezen_als_een_geheel()
        return _exporteren(organisatie, bestand, voortgang, zonder_wachtwoorden)


STUK = 500  # rows serialised, written and inserted at a time


def _in_stukken(qs: models.QuerySet) -> Iterator[list[dict]]:
    """The rows of `qs` by key, serialised STUK at a time."""
    stuk = []
    for obj in qs.order_by("pk").iterator(chunk_size=STUK):
        stuk.append(obj)
        if len(stuk) == STUK:
            yield serializers.serialize("python", stuk)
            stuk = []
    if stuk:
        yield serializers.serialize("python", stuk)


def _json(waarde) -> str:
    return json.dumps(waarde, cls=Encoder, ensure_ascii=False)


def _exporteren(organisatie, bestand, voortgang, zonder_wachtwoorden: bool) -> dict[str, int]:
    kop = {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "organisatie": organisatie.naam,
        "gemaakt_op": timezone.now().isoformat(),
        "migraties": _migraties(),
        "referentie": {
            label: _serialiseren(_model(label)._default_manager.all()) for label in REFERENTIE
        },
    }
    bestand.write("{\n")
    for sleutel, waarde in kop.items():
        bestand.write(f"{_json(sleutel)}: {_json(waarde)},\n")
    bestand.write('"gegevens": {\n')
    aantallen: dict[str, int] = {}

    def lijst(label: str, stukken: Iterable[list[dict]]) -> Iterator[dict]:
        """Write one model's rows as they come, handing each on."""
        if aantallen:
            bestand.write(",\n")
        bestand.write(f"{_json(label)}: [")
        aantallen[label] = 0
        for stuk in stukken:
            for rij in stuk:
                bestand.write(("\n" if aantallen[label] == 0 else ",\n") + _json(rij))
                aantallen[label] += 1
                yield rij
        bestand.write("\n]")
        if voortgang:
            voortgang(label, aantallen[label])

    leden: set[int] = set(
        _model("organisaties.lidmaatschap")
        .objects.filter(organisatie=organisatie)
        .values_list("user_id", flat=True)
    )
    genoemd = set(leden)  # and everyone the organisation's rows name
    for label, qs in _rijen(organisatie).items():
        velden = [v.name for v in _naar_gebruiker(qs.model)]
        for rij in lijst(label, _in_stukken(qs)):
            genoemd |= {rij["fields"][v] for v in velden if rij["fields"][v]}

    user = _model("organisaties.user")
    historie = _serialiseren(user.history.filter(id__in=genoemd))
    genoemd |= {r["fields"]["history_user"] for r in historie if r["fields"]["history_user"]}
    personen = _serialiseren(user.objects.filter(pk__in=genoemd))
    # Members who also belong to another organisation: their password is not this one's.
    elders = set(
        _model("organisaties.lidmaatschap")
        .objects.filter(user_id__in=leden)
        .exclude(organisatie=organisatie)
        .values_list("user_id", flat=True)
    )
    for persoon in personen:
        persoon["fields"].update(GEEN_PLATFORMRECHTEN, groups=[], user_permissions=[])
        if persoon["pk"] not in leden:
            # Named in the history only (a former member, a platform administrator): the
            # name travels, the key to log in does not.
            persoon["fields"].update(password=make_password(None), is_active=False)
        elif zonder_wachtwoorden or persoon["pk"] in elders:
            persoon["fields"].update(password=make_password(None))
    gekozen = {p["pk"] for p in personen}
    for _ in lijst("organisaties.user", [personen]):
        pass
    historie = [
        r | {"fields": r["fields"] | GEEN_PLATFORMRECHTEN}
        for r in historie
        if r["fields"]["id"] in gekozen
    ]
    for _ in lijst("organisaties.historicaluser", [historie]):
        pass
    # The authenticator apps and recovery codes stay here: their secrets never travel.
    for label in TWEESTAPS:
        for _ in lijst(label, []):
            pass
    bestand.write("\n}\n}\n")
    return aantallen


# Restore ------------------------------------------------------------------------------


MAX_MB = 100  # the largest file a restore reads (a national-scale organisation: ~40 MB)


def openen(pad, *, max_mb: int = MAX_MB):
    """The file at `pad`, open for reading (bytes: the restore parses it as a stream), or
    Overdrachtsfout in Dutch: not there, too large."""
    try:
        grootte = os.path.getsize(pad)
    except OSError as fout:
        raise Overdrachtsfout(f"{pad} is niet te lezen: {fout.strerror}.") from fout
    if grootte > max_mb * 1024 * 1024:
        raise Overdrachtsfout(
            f"Het bestand is {grootte / 1024 / 1024:.0f} MB; een terugzetting leest er ten "
            f"hoogste {max_mb} MB (--max-mb). Klopt het bestand, geef dan een hogere grens."
        )
    return open(pad, "rb")


# Reading a file as a stream: its header whole, its rows one at a time ----------------

AFGEBROKEN = "Het bestand houdt midden in de export op (afgebroken?)."


MAX_DIEPTE = 64  # nesting inside one value (a frozen version's snapshot needs about 10)


class _Gelezen:
    """The file as ijson reads it, its SHA-256 kept: the second reading must read the same
    bytes as the first."""

    def __init__(self, bestand):
        self.bestand, self.vingerafdruk = bestand, hashlib.sha256()

    def read(self, n=-1):
        stuk = self.bestand.read(n)
        self.vingerafdruk.update(stuk)
        return stuk


def _lezen(bestand, gelezen: _Gelezen | None = None) -> Iterator[tuple[str, str, object]]:
    """The export in `bestand` as it is read: ("kop", key, value) for each header entry,
    ("gegevens", "", None) where the rows begin, ("label", label, None) where a model's
    rows begin and ("rij", label, row) for each row. Never more than one row in memory;
    a file that is not JSON, cut off, nested too deep or of the wrong shape ends in
    Overdrachtsfout at the point where it goes wrong. ijson's basic events: its prefixes
    would cost memory growing with the square of a hostile file's nesting."""
    bestand.seek(0)
    gelezen = gelezen or _Gelezen(bestand)
    try:
        yield from _document(
            (None, soort, waarde) for soort, waarde in ijson.basic_parse(gelezen, use_float=True)
        )
    except ijson.JSONError as fout:
        raise Overdrachtsfout(
            f"Het bestand is niet te lezen als JSON (afgebroken of beschadigd?): {fout}."
        ) from fout


def _volgende(gebeurtenissen) -> tuple[str, str, object]:
    try:
        return next(gebeurtenissen)
    except StopIteration:
        raise Overdrachtsfout(AFGEBROKEN) from None


def _waarde(gebeurtenissen, eerste=None):
    """The next value in the stream, whole."""
    _, soort, waarde = eerste or _volgende(gebeurtenissen)
    if soort not in ("start_map", "start_array"):
        return waarde
    bouwer = ijson.ObjectBuilder()
    bouwer.event(soort, waarde)
    diepte = 1
    for _, soort, waarde in gebeurtenissen:
        bouwer.event(soort, waarde)
        if soort in ("start_map", "start_array"):
            diepte += 1
            if diepte > MAX_DIEPTE:
                raise Overdrachtsfout("Het bestand is dieper genest dan een export ooit is.")
        elif soort in ("end_map", "end_array"):
            diepte -= 1
            if diepte == 0:
                return bouwer.value
    raise Overdrachtsfout(AFGEBROKEN)


def _document(gebeurtenissen) -> Iterator[tuple[str, str, object]]:
    if _volgende(gebeurtenissen)[1] != "start_map":
        raise Overdrachtsfout("Dit is geen export van een organisatie uit Actieplan MVOI.")
    gezien = set()
    for _, soort, sleutel in gebeurtenissen:
        if soort == "end_map":
            break
        if sleutel in gezien:
            raise Overdrachtsfout(f"‘{sleutel}’ staat twee keer in de export.")
        gezien.add(sleutel)
        if sleutel == "gegevens":
            yield "gegevens", "", None
            yield from _gegevens(gebeurtenissen)
        else:
            yield "kop", sleutel, _waarde(gebeurtenissen)
    else:
        raise Overdrachtsfout(AFGEBROKEN)
    for _ in gebeurtenissen:  # the parser refuses anything after the end
        raise Overdrachtsfout("Na het einde van de export staat nog iets.")


def _gegevens(gebeurtenissen) -> Iterator[tuple[str, str, object]]:
    if _volgende(gebeurtenissen)[1] != "start_map":
        raise Overdrachtsfout("De export mist ‘gegevens’ of het heeft de verkeerde vorm.")
    labels = set()
    for _, soort, label in gebeurtenissen:
        if soort == "end_map":
            return
        if label in labels:
            raise Overdrachtsfout(f"{label} staat twee keer in de export.")
        labels.add(label)
        yield "label", label, None
        if _volgende(gebeurtenissen)[1] != "start_array":
            raise Overdrachtsfout(f"{label}: geen lijst van rijen.")
        while (eerste := _volgende(gebeurtenissen))[1] != "end_array":
            yield "rij", label, _waarde(gebeurtenissen, eerste)
    raise Overdrachtsfout(AFGEBROKEN)


# The first reading: everything checked that one row can tell, keys collected ---------


@dataclass
class Inhoud:
    """What the first reading of a file found: its header, its people and organisation,
    and per model the keys and the number of rows (the rows themselves are read again
    when they are restored)."""

    kop: dict = field(default_factory=dict)
    heeft_gegevens: bool = False
    aantallen: dict[str, int] = field(default_factory=dict)
    sleutels: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    historie_ids: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    organisaties: list[dict] = field(default_factory=list)
    personen: list[dict] = field(default_factory=list)
    persoonshistorie: list[dict] = field(default_factory=list)
    vingerafdruk: str = ""  # SHA-256 of the bytes the first reading read


def _toegestaan() -> set[str]:
    return set(indeling()["organisatie"]) | set(PERSOONLIJK)


def _verkennen(bestand) -> Inhoud:
    inhoud = Inhoud()
    toegestaan = _toegestaan()
    historie = {label for label in toegestaan - set(TWEESTAPS) if _is_historie(_model(label))}
    gelezen = _Gelezen(bestand)
    for soort, naam, waarde in _lezen(bestand, gelezen):
        if soort == "kop":
            inhoud.kop[naam] = waarde
            if naam in ("formaat", "versie"):
                _soort_controleren(inhoud.kop)  # a file of another kind: refused at once
        elif soort == "gegevens":
            inhoud.heeft_gegevens = True
        elif soort == "label":
            if naam not in toegestaan:
                raise Overdrachtsfout(
                    "De export bevat gegevens die een export van een organisatie nooit "
                    f"bevat: {naam}."
                )
            inhoud.aantallen[naam] = 0
        else:
            inhoud.aantallen[naam] += 1
            _rij_controleren(naam, inhoud.aantallen[naam], waarde)
            inhoud.sleutels[naam].add(waarde["pk"])
            if naam in historie:
                inhoud.historie_ids[naam].add(waarde["fields"].get("id"))
            if naam == "organisaties.organisatie":
                inhoud.organisaties.append(waarde)
            elif naam == "organisaties.user":
                inhoud.personen.append(waarde)
            elif naam == "organisaties.historicaluser":
                inhoud.persoonshistorie.append(waarde)
    inhoud.vingerafdruk = gelezen.vingerafdruk.hexdigest()
    return inhoud


def _soort_controleren(kop: dict) -> None:
    if kop.get("formaat") != FORMAAT:
        raise Overdrachtsfout("Dit is geen export van een organisatie uit Actieplan MVOI.")
    if "versie" in kop and kop["versie"] != VERSIE:
        raise Overdrachtsfout(
            f"Dit is een export in versie {kop.get('versie')!r} van het formaat; deze "
            f"installatie leest versie {VERSIE}."
        )


def _rij_controleren(label: str, nummer: int, rij) -> None:
    """What one row can tell: its shape, its key, no platform rights, a frozen version's
    fingerprints."""
    if not (
        isinstance(rij, dict)
        and isinstance(rij.get("fields"), dict)
        and isinstance(rij.get("pk"), int | str)
    ):
        raise Overdrachtsfout(f"{label}, rij {nummer}: geen sleutel of geen velden.")
    if set(rij) - {"pk", "fields", "model"} or rij.get("model", label) != label:
        # A row's model is the list it stands in: a "model" of its own would choose another.
        raise Overdrachtsfout(
            f"{label}, rij {nummer}: hoort niet in deze lijst "
            f"(sleutels {', '.join(sorted(map(str, rij)))}, model {rij.get('model', label)!r})."
        )
    if label not in PERSOONLIJK and (
        not isinstance(rij["pk"], int) or isinstance(rij["pk"], bool) or rij["pk"] < 1
    ):
        raise Overdrachtsfout(f"{label}: sleutel {rij['pk']!r} is geen geldige sleutel.")
    if label == "organisaties.user":
        _persoon_controleren(rij)
    elif label == "plandocument.planversie":
        _versie_controleren(rij)


def _controleren(inhoud: Inhoud) -> None:
    """What only the whole file can tell, before anything is stored."""
    kop = inhoud.kop
    _soort_controleren(kop)
    if "versie" not in kop:
        _soort_controleren(kop | {"versie": None})
    for sleutel, soort in (("organisatie", str), ("migraties", dict), ("referentie", dict)):
        if not isinstance(kop.get(sleutel), soort):
            raise Overdrachtsfout(f"De export mist ‘{sleutel}’ of het heeft de verkeerde vorm.")
    if not inhoud.heeft_gegevens:
        raise Overdrachtsfout("De export mist ‘gegevens’ of het heeft de verkeerde vorm.")
    buiten = sorted(set(kop["referentie"]) - set(REFERENTIE))
    if buiten:
        raise Overdrachtsfout("Onbekende referentiegegevens in de export: " + ", ".join(buiten))
    for label, rijen in kop["referentie"].items():
        if not isinstance(rijen, list):
            raise Overdrachtsfout(f"{label}: geen lijst van rijen.")
        for nummer, rij in enumerate(rijen, start=1):
            if not (
                isinstance(rij, dict)
                and isinstance(rij.get("fields"), dict)
                and isinstance(rij.get("pk"), int | str)
            ):
                raise Overdrachtsfout(f"{label}, rij {nummer}: geen sleutel of geen velden.")
    for label in ("organisaties.organisatie", "organisaties.user"):
        if label not in inhoud.aantallen:
            raise Overdrachtsfout(f"De export mist {label}.")
    if (
        len(inhoud.organisaties) != 1
        or inhoud.organisaties[0]["fields"].get("naam") != kop["organisatie"]
    ):
        raise Overdrachtsfout(
            "Een export bevat precies één organisatie, met de naam die hij noemt; deze "
            f"bevat er {len(inhoud.organisaties)}."
        )
    hier = _migraties()  # one read, not two per app
    verschil = {
        app: (naam, hier.get(app))
        for app, naam in kop["migraties"].items()
        if hier.get(app) != naam
    }
    if verschil:
        raise Overdrachtsfout(
            "De export komt uit een andere versie van de applicatie (migraties: "
            + ", ".join(f"{app} {hier} ↔ {daar}" for app, (daar, hier) in verschil.items())
            + "). Zet hem terug in een installatie met dezelfde versie."
        )
    for label, rijen in kop["referentie"].items():
        hier = _serialiseren(_model(label)._default_manager.all())
        if _zonder_volgorde(hier) != _zonder_volgorde(rijen):
            raise Overdrachtsfout(
                f"De referentiegegevens ({_model(label)._meta.verbose_name_plural}) van deze "
                "installatie verschillen van die in de export."
            )
    organisatie = _model("organisaties.organisatie")
    if organisatie.objects.filter(naam=kop["organisatie"]).exists():
        raise Overdrachtsfout(f"Er is hier al een organisatie {kop['organisatie']}.")


def _verschuivingen(inhoud: Inhoud) -> dict[str, int]:
    """Per model of the organisation's data: how far its keys move so none collides with
    a row here. Zero when none of the file's keys is taken (a restore into an empty
    installation, or beside the organisations it was exported with, keeps every key);
    else past the highest key here. For a model with history, the ids its history names
    (also of rows deleted since) count as taken too, so a restored row never shares its
    history with someone else's deleted one."""
    from django.db.models import Max

    organisatiedata = set(indeling()["organisatie"])
    uit: dict[str, int] = {}
    for label in organisatiedata:
        model = _model(label)
        if _is_historie(model):
            continue  # with its instance model below, or on its own key (history_id)
        hier = set()
        hoogste = model._default_manager.aggregate(m=Max("pk"))["m"] or 0
        bestand = set(inhoud.sleutels.get(label, ()))
        historie = getattr(model, "history", None)
        historie_label = historie.model._meta.label_lower if historie is not None else None
        if historie_label in organisatiedata:
            bestand |= inhoud.historie_ids.get(historie_label, set())
            hoogste = max(hoogste, historie.model._default_manager.aggregate(m=Max("id"))["m"] or 0)
            hier = set(
                historie.model._default_manager.filter(id__in=bestand).values_list("id", flat=True)
            )
        hier |= set(model._default_manager.filter(pk__in=bestand).values_list("pk", flat=True))
        uit[label] = hoogste if hier else 0
    for label in organisatiedata:
        model = _model(label)
        if not _is_historie(model) and _historie_ouder(model) is None:
            continue
        bestand = inhoud.sleutels.get(label, set())
        taken = model._default_manager.filter(pk__in=bestand).exists()
        uit[f"{label}#pk"] = (
            (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) if taken else 0
        )
    return uit


def _sleutels_verplaatsen(label: str, rijen: list[dict], verschuiving: dict[str, int]) -> None:
    """Move every key and every reference to it by its model's offset (in place)."""
    organisatiedata = set(indeling()["organisatie"])

    def van(model) -> int:
        label = model._meta.label_lower
        if _is_historie(model) or _historie_ouder(model) is not None:
            return verschuiving.get(f"{label}#pk", 0)
        return verschuiving.get(label, 0)

    if label not in organisatiedata:
        return
    model = _model(label)
    eigen = van(model)
    instantie = model.instance_type if _is_historie(model) else None
    velden = [v for v in model._meta.concrete_fields if v.many_to_one or v.one_to_one]
    meer = list(model._meta.many_to_many)
    for rij in rijen:
        rij["pk"] += eigen
        if instantie is not None and rij["fields"].get("id") is not None:
            rij["fields"]["id"] += verschuiving.get(instantie._meta.label_lower, 0)
        for veld in velden:
            doel = veld.related_model
            if doel._meta.label_lower not in organisatiedata:
                continue  # people (their own map) and reference data
            if rij["fields"].get(veld.name) is not None:
                rij["fields"][veld.name] += van(doel)
        for veld in meer:
            doel = veld.related_model
            if doel._meta.label_lower in organisatiedata and rij["fields"].get(veld.name):
                rij["fields"][veld.name] = [k + van(doel) for k in rij["fields"][veld.name]]


def _is_historie(model) -> bool:
    return getattr(model, "instance_type", None) is not None


def _verwijzingsdoelen(inhoud: Inhoud) -> dict[str, dict[str, set]]:
    """What a row may point at: rows of this file, the file's people, reference data."""
    organisatiedata = set(indeling()["organisatie"])
    levend = {label: inhoud.sleutels.get(label, set()) for label in organisatiedata}
    ooit = {label: set(pks) for label, pks in levend.items()}
    for label in organisatiedata:
        model = _model(label)
        if _is_historie(model):
            ooit.setdefault(model.instance_type._meta.label_lower, set()).update(
                inhoud.historie_ids.get(label, ())
            )
    return {
        "levend": levend,
        "ooit": ooit,
        "personen": {"organisaties.user": {r["pk"] for r in inhoud.personen}},
        "referentie": {
            label: {r["pk"] for r in inhoud.kop["referentie"].get(label, [])}
            for label in REFERENTIE
        },
    }


def _verwijzingen_controleren(label: str, rijen: list[dict], doelen: dict) -> None:
    """Every row points only at rows of this file, at the file's people, or at reference
    data: never at another organisation's rows or at anything else here. A history
    record may point at a row that is gone (its history is in the file)."""
    if label in TWEESTAPS:
        return
    organisatiedata = doelen["levend"]
    model = _model(label)
    historie = _is_historie(model)
    velden = [(v, False) for v in model._meta.concrete_fields if v.many_to_one or v.one_to_one]
    velden += [(v, True) for v in model._meta.many_to_many]
    for rij in rijen:
        for veld, meer in velden:
            waarde = rij["fields"].get(veld.name)
            if waarde is None:
                continue
            doel = veld.related_model._meta.label_lower
            if doel == "organisaties.user" and historie:
                continue  # an account deleted since: its history keeps nobody's name
            if doel == "organisaties.user":
                toegestaan = doelen["personen"][doel]
            elif doel in organisatiedata:
                toegestaan = doelen["ooit" if historie else "levend"][doel]
            elif doel in REFERENTIE:
                toegestaan = doelen["referentie"][doel]
            else:
                toegestaan = set()
            for doel_pk in waarde if meer and isinstance(waarde, list) else [waarde]:
                if doel_pk not in toegestaan:
                    raise Overdrachtsfout(
                        f"{label} {rij['pk']}: {veld.name} verwijst naar {doel} {doel_pk}, "
                        "dat niet in deze export staat. Een export verwijst alleen naar "
                        "zijn eigen rijen."
                    )


def _persoon_controleren(rij: dict) -> None:
    velden = rij["fields"]
    if (
        velden.get("is_staff")
        or velden.get("is_superuser")
        or velden.get("groups")
        or velden.get("user_permissions")
    ):
        raise Overdrachtsfout(
            f"De export geeft {velden.get('username')!r} rechten op het platform; een "
            "export doet dat nooit. Niets teruggezet."
        )


def _versie_controleren(rij: dict) -> None:
    """A frozen version comes back only when its snapshot, body and PDFs still match
    their fingerprints."""
    from plandocument.document import canoniek, sha256

    velden = rij["fields"]
    if not velden.get("vastgelegd_op"):
        return
    try:
        klopt = sha256(canoniek(velden["momentopname"])) == velden["momentopname_sha256"]
        if velden.get("romp"):
            klopt &= sha256(canoniek(velden["romp"])) == velden["romp_sha256"]
        for variant in ("intern", "publicatie"):
            inhoud = base64.b64decode(velden[f"pdf_{variant}"] or "", validate=True)
            klopt &= sha256(inhoud) == velden[f"pdf_{variant}_sha256"]
    except (KeyError, TypeError, ValueError):
        klopt = False
    if not klopt:
        raise Overdrachtsfout(
            f"Vastgelegde versie {velden.get('nummer')} (rij {rij['pk']}) klopt niet "
            "meer met haar vingerafdrukken: de gegevens of de PDF zijn veranderd."
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
    try:
        # The label last: it decides the model, whatever a row says.
        return list(serializers.deserialize("python", [{**r, "model": label} for r in rijen]))
    except (DeserializationError, FieldDoesNotExist) as fout:
        raise Overdrachtsfout(f"{label}: een rij klopt niet ({fout}).") from fout


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
def importeren(
    bestand,
    *,
    voortgang: Callable[[str, int], None] | None = None,
    koppelen: Iterable[str] = (),
):
    """Restore the export in the open file `bestand` (see `openen`): all of it, or nothing
    (one transaction). Read twice as a stream: first to check what one row can tell and to
    collect the keys, then to insert STUK rows at a time; memory holds the keys, the
    people and one batch, never the file. Returns the organisation and what the first
    reading found (`Inhoud.aantallen`: the rows per model).
    `koppelen`: the user names of people who already have an account here and whom the
    operator confirms are the same people (they are linked, not created)."""
    inhoud = _verkennen(bestand)
    _controleren(inhoud)
    doelen = _verwijzingsdoelen(inhoud)
    # Keys that are taken here move past the highest one (ids remapped, issue 24).
    verschuiving = _verschuivingen(inhoud)
    personen, nieuw = _personen_herstellen(inhoud.personen, koppelen=set(koppelen))

    def met_personen(rijen: list[dict], velden: Iterable[str]) -> list[dict]:
        for rij in rijen:
            for naam in velden:
                if rij["fields"].get(naam) is not None:
                    # None: an account deleted before the export, named in the history.
                    rij["fields"][naam] = personen.get(rij["fields"][naam])
        return rijen

    # The new people's history; an existing account keeps its own. Two-step verification
    # does not travel (an older export's devices are ignored): set up again at login.
    historie = [r for r in inhoud.persoonshistorie if personen.get(r["fields"].get("id")) in nieuw]
    _invoegen(
        _objecten("organisaties.historicaluser", met_personen(historie, ["id", "history_user"])),
        nieuwe_sleutels=True,
    )

    def invoegen(label: str, rijen: list[dict]) -> None:
        # Checked against the keys of the first reading, then moved where taken. Foreign
        # keys are checked at the end of the transaction (Django makes them deferrable),
        # so the order of the models does not matter.
        _verwijzingen_controleren(label, rijen, doelen)
        _sleutels_verplaatsen(label, rijen, verschuiving)
        model = _model(label)
        objecten = _objecten(label, met_personen(rijen, [v.name for v in _naar_gebruiker(model)]))
        if label == "plandocument.planversie":
            # Signed again with this installation's key: its fingerprints were checked
            # (_versie_controleren), and the source's key is not this one's.
            from plandocument import ondertekening

            for o in objecten:
                if o.object.vastgelegd_op is not None:
                    o.object.handtekening = ondertekening.handtekening(o.object)
        _invoegen(objecten, nieuwe_sleutels=False)

    # The organisation's own rows, with their keys (moved where taken).
    hersteld, stuk, gelezen = [], [], defaultdict(int)
    huidig = None
    bytes_ = _Gelezen(bestand)
    for soort, label, rij in _lezen(bestand, bytes_):
        if soort != "rij" or label in PERSOONLIJK:
            continue
        # The file is read as the first reading found it (it must not change meanwhile;
        # the bytes are compared at the end, inside the transaction).
        gelezen[label] += 1
        _rij_controleren(label, gelezen[label], rij)
        if label not in inhoud.aantallen or rij["pk"] not in inhoud.sleutels[label]:
            raise Overdrachtsfout(GEWIJZIGD)
        if label in inhoud.historie_ids and (
            rij["fields"].get("id") not in inhoud.historie_ids[label]
        ):
            raise Overdrachtsfout(GEWIJZIGD)
        if label != huidig or len(stuk) == STUK:
            if stuk:
                invoegen(huidig, stuk)
            if label != huidig and huidig is not None and voortgang:
                voortgang(huidig, gelezen[huidig])
            if label != huidig:
                hersteld.append(_model(label))
            huidig, stuk = label, []
        stuk.append(rij)
    if stuk:
        invoegen(huidig, stuk)
    if huidig is not None and voortgang:
        voortgang(huidig, gelezen[huidig])
    if bytes_.vingerafdruk.hexdigest() != inhoud.vingerafdruk or any(
        gelezen[label] != aantal
        for label, aantal in inhoud.aantallen.items()
        if label not in PERSOONLIJK
    ):
        raise Overdrachtsfout(GEWIJZIGD)
    _reeksen_bijwerken(hersteld)
    organisatie = _model("organisaties.organisatie").objects.get(naam=inhoud.kop["organisatie"])
    return organisatie, inhoud


GEWIJZIGD = "Het bestand veranderde tijdens het terugzetten. Niets teruggezet; probeer het opnieuw."


def _personen_herstellen(
    rijen: list[dict], *, koppelen: set[str]
) -> tuple[dict[int, int], set[int]]:
    """The people. One whose user name and e-mail address (in any case) both belong to one
    account here is linked to that account, which stays as it is, when the operator named
    them (`koppelen`); one whose name and address are both unknown here is created with a
    new key. Anything else is refused: linking would hand an account the organisation's
    rights. Returns old key → key here, and the new keys."""
    user = _model("organisaties.user")
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
        elif hier_naam == hier_adres and naam in koppelen:
            personen[rij["pk"]] = hier_naam
        elif hier_naam == hier_adres:
            raise Overdrachtsfout(
                f"{naam} ({rij['fields']['email']}) heeft hier al een account. Is dat dezelfde "
                f"persoon, koppel dan met --koppel {naam}; anders: los het eerst op."
            )
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
