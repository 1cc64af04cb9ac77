"""The seven steps of the Manifest MVOI, in order, and the step register.

Steps 1–3 are done once and evaluated yearly; steps 4–7 are done again every year.

`actieplan` knows the steps only through this register (see docs/adr/0001-stappenregister.md):
each step's own app registers a `StapInhoud` for its step in its AppConfig.ready(), and the
step indicator, the step pages, the plan document (PDF), frozen versions and the history
page walk the register. `actieplan` itself imports no step app; a new step, or a change to
one, touches its own app only. (Django's admin site registry is the model: the app that
owns a thing registers it; the framework loops.)
"""

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import BooleanField, Expression, ExpressionWrapper, Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Actieplan


@dataclass(frozen=True)
class Stap:
    nummer: int
    slug: str
    titel: Promise
    doel: Promise
    jaarlijks: bool


STAPPEN: tuple[Stap, ...] = (
    Stap(
        1,
        "nulmeting",
        _("Nulmeting"),
        _(
            "Breng per thema in kaart welke ambities, doelen en activiteiten er al zijn "
            "(uit beleidsdocumenten, interviews en een werksessie) en op welk van de vijf "
            "ambitieniveaus de organisatie nu staat."
        ),
        False,
    ),
    Stap(
        2,
        "themas",
        _("Thema's"),
        _(
            "Kies uit de zes thema's van het Manifest MVOI de focusthema's, elk met een "
            "onderbouwing, en leg per thema vast welk ambitieniveau u aan het eind van de "
            "planperiode wilt bereiken (de themamatrix)."
        ),
        False,
    ),
    Stap(
        3,
        "ambities-doelen",
        _("Ambities & doelen"),
        _(
            "Formuleer meetbare, stapsgewijze doelen: in welk deel van de kansrijke "
            "aanbestedingen past u per jaar één of meer gekozen thema's toe, en wat wilt u "
            "per thema bereikt hebben?"
        ),
        False,
    ),
    Stap(
        4,
        "aanbestedingskalender",
        _("Aanbestedingskalender"),
        _(
            "Houd de kansrijke aanbestedingen bij: per aanbesteding de toepasbare thema's en "
            "het kwartaal waarin het traject start. Bespreek afwijkingen (pas toe of leg uit) "
            "in het kwartaaloverleg van het MVOI-team."
        ),
        True,
    ),
    Stap(
        5,
        "borging",
        _("Borging"),
        _(
            "Leg vast wat de organisatie al doet om MVOI te borgen in de organisatie, het "
            "inkoopproces en het contractmanagement, en welke acties volgend jaar volgen."
        ),
        True,
    ),
    Stap(
        6,
        "jaarplanning",
        _("Jaarplanning"),
        _(
            "Plan de acties per kwartaal en per actorgroep: wie is verantwoordelijk, wanneer, "
            "hoe, en is er extra budget of capaciteit nodig?"
        ),
        True,
    ),
    Stap(
        7,
        "evaluatie",
        _("Evaluatie"),
        _(
            "Evalueer jaarlijks in het vierde kwartaal met het MVOI-team op strategisch, "
            "inhoudelijk en procesgericht niveau: wat ging goed, wat kon beter en waar letten "
            "we komend jaar op?"
        ),
        True,
    ),
)

STAPPEN_OP_SLUG: dict[str, Stap] = {stap.slug: stap for stap in STAPPEN}


def vorige_en_volgende(stap: Stap) -> tuple[Stap | None, Stap | None]:
    index = STAPPEN.index(stap)
    vorige = STAPPEN[index - 1] if index > 0 else None
    volgende = STAPPEN[index + 1] if index + 1 < len(STAPPEN) else None
    return vorige, volgende


def jaar_uit_verzoek(request, actieplan, jaar: int | None) -> int | None:
    """The year a yearly step's page shows: ?jaar= when it is a year of the plan, else
    `jaar` (the plan's current year)."""
    try:
        gevraagd = int(request.GET.get("jaar", ""))
    except ValueError:
        return jaar
    return gevraagd if gevraagd in actieplan.jaren else jaar


# --- The register --------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A step's part of the plan document: a template and its context."""

    template: str
    context: dict = field(default_factory=dict)


class StapInhoud:
    """What a step's app tells the rest of the product about its step. Subclass it, set
    `slug` and `template`, implement the methods, and register an instance with
    `register.registreer()` in the app's `AppConfig.ready()`.

    Every method takes the plan, already scoped to the user's organisation, and keeps a
    constant number of queries whatever the data. `jaar` is the plan year a yearly step
    (4–7) is about; steps 1–3 ignore it.
    """

    slug: str
    template: str  # the step page; extends "actieplan/stap.html"

    def pagina(self, request, actieplan, *, jaar: int) -> dict:
        """Template context for the step page (beyond stap, actieplan and the indicator)."""
        raise NotImplementedError

    def compleet_als(self, *, jaar: int) -> Q | Expression:
        """When the step is done (for a yearly step: for that plan year), as a condition on
        a row of `Actieplan` – subqueries name the plan as `OuterRef("pk")`. The register
        asks all seven steps in one query (the step indicator on every plan page); the
        rule of each step is written down in the ADR."""
        raise NotImplementedError

    def compleet(self, actieplan, *, jaar: int) -> bool:
        """Whether the step is done for the plan: `compleet_als` asked for one plan."""
        return bool(
            _voorwaarden_voor(actieplan, {"compleet": self.compleet_als(jaar=jaar)})["compleet"]
        )

    def document(self, actieplan, *, jaar: int) -> Fragment:
        """The step's fragment of the plan document (HTML preview and PDF)."""
        raise NotImplementedError

    def momentopname(self, actieplan) -> dict:
        """The step's data as JSON-ready values (str, int, bool, None, lists, dicts), for a
        frozen approved version of the plan."""
        raise NotImplementedError

    def wijzigingen(self, oud: dict, nieuw: dict) -> list[str]:
        """What changed in this step between two of its snapshots (`momentopname`), as
        readable sentences for management: the change summary between two versions. Without
        an override a step only says that it changed."""
        return [] if oud == nieuw else [str(_("Gewijzigd."))]

    def geschiedenis_modellen(self) -> tuple[type[Model], ...]:
        """The models whose history belongs to this step (for the history page)."""
        raise NotImplementedError

    def laatste_jaar(self, actieplan) -> int | None:
        """For a yearly step: the last plan year it holds data for, where a plan whose
        period is over opens (one query); None: its last plan year."""
        return None


class StappenRegister:
    def __init__(self):
        self._inhoud: dict[str, StapInhoud] = {}

    def registreer(self, inhoud: StapInhoud) -> StapInhoud:
        if inhoud.slug not in STAPPEN_OP_SLUG:
            raise ImproperlyConfigured(f"Onbekende stap '{inhoud.slug}'.")
        if inhoud.slug in self._inhoud:
            raise ImproperlyConfigured(f"Stap '{inhoud.slug}' is al geregistreerd.")
        self._inhoud[inhoud.slug] = inhoud
        self._compleet_sql.cache_clear()  # built from the registered steps
        return inhoud

    def inhoud(self, stap: Stap) -> StapInhoud:
        try:
            return self._inhoud[stap.slug]
        except KeyError:
            raise ImproperlyConfigured(
                f"Geen app registreerde stap {stap.nummer} ('{stap.slug}')."
            ) from None

    def __iter__(self) -> Iterator[tuple[Stap, StapInhoud]]:
        """The seven steps in order, each with its registered content."""
        for stap in STAPPEN:
            yield stap, self.inhoud(stap)

    def ontbrekend(self) -> list[Stap]:
        return [stap for stap in STAPPEN if stap.slug not in self._inhoud]

    def compleet(self, actieplan, *, jaar: int) -> set[str]:
        """The slugs of the complete steps, for the step indicator on every plan page: one
        query for all seven, each step's condition a column of it.

        The query's SQL is built once per plan year and process (`_compleet_sql`): the
        ORM took about 6 ms to build these nested EXISTS on every request, the database
        1 ms to answer them (issue 26). Only the plan's id differs between requests."""
        sql, params = self._compleet_sql(connection.vendor, jaar)
        with connection.cursor() as cursor:
            cursor.execute(sql, [actieplan.pk if p is _PLAN else p for p in params])
            rij = cursor.fetchone()
        return {stap.slug for stap, waarde in zip(STAPPEN, rij, strict=True) if waarde}

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one register for the process's life
    def _compleet_sql(self, vendor: str, jaar: int) -> tuple[str, tuple]:
        """The SQL of the seven conditions for a plan, with `_PLAN` where its id goes."""
        qs = (
            Actieplan.objects.filter(pk=_PLAN_ID)
            .order_by()
            .values(
                **{
                    f"stap_{stap.nummer}": ExpressionWrapper(
                        inhoud.compleet_als(jaar=jaar), output_field=BooleanField()
                    )
                    for stap, inhoud in self
                }
            )
        )
        sql, params = qs.query.get_compiler(connection=connection).as_sql()
        params = tuple(_PLAN if p == _PLAN_ID else p for p in params)
        if params.count(_PLAN) != 1:  # the plan's id once, and no other value mistaken for it
            raise ImproperlyConfigured("De stappenindicator kon zijn SQL niet opbouwen.")
        return sql, params


register = StappenRegister()


# A plan id no row has, compiled into the step indicator's SQL and replaced by the plan's.
_PLAN_ID = -7_654_321
_PLAN = object()


def _voorwaarden_voor(actieplan, voorwaarden: dict) -> dict:
    """Conditions on the plan's row, each a boolean column of one query."""
    return (
        Actieplan.objects.filter(pk=actieplan.pk)
        .values(
            **{
                naam: ExpressionWrapper(voorwaarde, output_field=BooleanField())
                for naam, voorwaarde in voorwaarden.items()
            }
        )
        .get()
    )


def als_json_waarde(waarde):
    """A field's value as a snapshot keeps it: decimals and dates as text."""
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, datetime.date):  # also datetime
        return waarde.isoformat()
    return waarde


def als_json(obj, *velden: str) -> dict:
    """Some fields of a model instance as JSON-ready values, for a step's snapshot:
    decimals and dates as text, foreign keys by their `…_id`. (A step that reads plain
    rows with `.values()` gives each value to `als_json_waarde`: the same snapshot.)"""
    return {veld: als_json_waarde(getattr(obj, veld)) for veld in velden}


def per_sleutel(rijen: list[dict], sleutel: str) -> dict:
    """The rows of a snapshot by one of their fields (for comparing two snapshots)."""
    return {rij[sleutel]: rij for rij in rijen}


def tekst_gewijzigd(oud: dict, nieuw: dict, *velden: str) -> bool:
    return any((oud.get(veld) or "") != (nieuw.get(veld) or "") for veld in velden)
