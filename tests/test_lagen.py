"""The floors of the house: every package imports only from its own floor and the ones
below it, and no module imports itself round a circle.

    basis                       ground helpers (numbers, quarters, edit conflicts, …)
    themes, organisaties        reference data; organisations, members and roles
    actieplan                   the plan, the step register, steps 1–3
    aanbestedingskalender       step 4
    jaarplanning                steps 5–6
    evaluatie                   step 7
    plandocument                the plan document, its PDFs, versions and approval
    mvoi                        the project shell: settings, URLs, commands

Every import counts, also one inside a function (that is how a circle hides from Python's
import machinery), and migrations too: a migration of a floor below that imported one above
would break a fresh database as surely as code does."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

VERDIEPINGEN = [
    ("basis",),
    ("themes",),
    ("organisaties",),
    ("actieplan",),
    ("aanbestedingskalender",),
    ("jaarplanning",),
    ("evaluatie",),
    ("plandocument",),
    ("mvoi",),
]
VERDIEPING = {pakket: nummer for nummer, groep in enumerate(VERDIEPINGEN) for pakket in groep}


def _modulenaam(pad: Path) -> str:
    delen = list(pad.relative_to(ROOT).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


def _imports(pad: Path) -> set[str]:
    """The project modules this file imports (absolute and relative), by full name."""
    module = _modulenaam(pad)
    pakket = module if pad.name == "__init__.py" else module.rpartition(".")[0]
    gevonden = set()
    for knoop in ast.walk(ast.parse(pad.read_text(), filename=str(pad))):
        if isinstance(knoop, ast.Import):
            gevonden |= {alias.name for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")
                basis = basis[: len(basis) - (knoop.level - 1)]
                naam = ".".join(basis + ([knoop.module] if knoop.module else []))
            else:
                naam = knoop.module
            gevonden.add(naam)
            # `from . import x` and `from pakket import module` import modules too
            gevonden |= {f"{naam}.{alias.name}" for alias in knoop.names}
    return {naam for naam in gevonden if naam.split(".")[0] in VERDIEPING}


def _bestanden() -> dict[str, Path]:
    return {
        _modulenaam(pad): pad
        for pakket in VERDIEPING
        for pad in sorted((ROOT / pakket).rglob("*.py"))
    }


BESTANDEN = _bestanden()


def _graaf() -> dict[str, set[str]]:
    """Module → the project modules it imports (only names that are modules)."""
    return {
        module: {naam for naam in _imports(pad) if naam in BESTANDEN and naam != module}
        for module, pad in BESTANDEN.items()
    }


def test_every_package_of_the_product_has_a_floor():
    pakketten = {
        pad.parent.name
        for pad in ROOT.glob("*/apps.py")
        if ".venv" not in pad.parts and pad.parent.name != "tests"
    }
    assert pakketten == set(VERDIEPING)


@pytest.mark.parametrize("pakket", list(VERDIEPING))
def test_a_package_imports_only_its_own_floor_and_the_ones_below(pakket):
    omhoog = []
    for module, pad in BESTANDEN.items():
        if module.split(".")[0] != pakket:
            continue
        for naam in _imports(pad):
            doel = naam.split(".")[0]
            if VERDIEPING[doel] > VERDIEPING[pakket]:
                omhoog.append(f"{pad.relative_to(ROOT)} importeert {naam}")
    assert omhoog == []


def _kringen(graaf: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, laag, stapel, op_stapel, groepen = {}, {}, [], set(), []
    teller = [0]

    def bezoek(knoop):
        index[knoop] = laag[knoop] = teller[0]
        teller[0] += 1
        stapel.append(knoop)
        op_stapel.add(knoop)
        for buur in sorted(graaf[knoop]):
            if buur not in index:
                bezoek(buur)
                laag[knoop] = min(laag[knoop], laag[buur])
            elif buur in op_stapel:
                laag[knoop] = min(laag[knoop], index[buur])
        if laag[knoop] == index[knoop]:
            groep = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                groep.append(w)
                if w == knoop:
                    break
            if len(groep) > 1:
                groepen.append(sorted(groep))

    for knoop in sorted(graaf):
        if knoop not in index:
            bezoek(knoop)
    return groepen


def test_no_module_imports_itself_round_a_circle():
    assert _kringen(_graaf()) == []


def test_the_circle_check_finds_a_circle():
    """The check itself: a made-up graph with one circle of three."""
    graaf = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    graaf["e"]
    assert _kringen(dict(graaf)) == [["a", "b", "c"]]


def test_relative_imports_are_read_as_the_modules_they_name(tmp_path):
    """`from . import x` in a module counts as an import of the package's module x."""
    assert "actieplan.selectors" in _imports(ROOT / "actieplan" / "views.py")


def _noemt(pakket: str, hoger: str) -> list[str]:
    """The places where a module or template of `pakket` names an app above it by URL name
    (hoger:…), template path (hoger/…) or model lookup: a dependency no import shows.
    Migrations may name tables by string; the import test above reads them."""
    patronen = (f"{hoger}:", f"{hoger}/", f'get_model("{hoger}"')
    return [
        f"{pad.relative_to(ROOT)}: {patroon}"
        for pad in sorted((ROOT / pakket).rglob("*"))
        if pad.suffix in (".py", ".html", ".txt") and "migrations" not in pad.parts
        for patroon in patronen
        if patroon in pad.read_text()
    ]


# Known links up a floor, each a URL name in a template and nothing else.
BEKEND = {
    "aanbestedingskalender/templates/aanbestedingskalender/stap.html: evaluatie:",
    "aanbestedingskalender/templates/aanbestedingskalender/kalender.html: evaluatie:",
}


@pytest.mark.parametrize("pakket", [p for p in VERDIEPING if p != "mvoi"])
def test_no_package_names_an_app_above_it_in_text_either(pakket):
    """The shell (mvoi) has no URL names or templates of its own: the apps are checked."""
    hoger = [p for p in VERDIEPING if VERDIEPING[pakket] < VERDIEPING[p] < VERDIEPING["mvoi"]]
    assert [plek for h in hoger for plek in _noemt(pakket, h) if plek not in BEKEND] == []
