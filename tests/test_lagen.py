"""The floors of the house: every package imports only from its own floor and the ones
below it, and no module imports itself round a circle.

    basis                       ground helpers (numbers, quarters, edit conflicts, …)
    themes                      reference data
    organisaties                organisations, members and roles
    sso                         logging in at the organisation's own identity provider
    actieplan                   the plan, the step register, steps 1–3
    aanbestedingskalender       step 4
    jaarplanning                steps 5–6
    evaluatie                   step 7
    plandocument                the plan document, its PDFs, versions and approval
    mvoi                        the project shell: settings, URLs, commands

Every import counts, also one inside a function (that is how a circle hides from Python's
import machinery), and migrations too: a migration of a floor below that imported one above
would break a fresh database as surely as code does. Dependencies that no import shows are
read as text: URL names, template paths, dotted strings (a string foreign key, a model
lookup, `import_module`), migration dependencies and template tag libraries. The project's
own templates (`templates/`: the frame of every page) stand on the plan's floor."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

VERDIEPINGEN = [
    ("basis",),
    ("themes",),
    ("organisaties",),
    ("sso",),
    ("meldingen",),
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
    """The product's modules this file imports (absolute and relative), by full name."""
    return {naam for naam in _alle_imports(pad) if naam.split(".")[0] in VERDIEPING}


def _alle_imports(pad: Path) -> set[str]:
    """Every module this file imports (absolute and relative), by full name."""
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
    return gevonden


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


# Beside the product: they may use every floor, and no floor uses them.
BUITEN = {"tests", "bench", "ops"}


def test_every_folder_with_python_is_a_floor_or_stands_beside_the_product():
    mappen = {
        pad.relative_to(ROOT).parts[0]
        for pad in ROOT.glob("*/**/*.py")
        if not pad.relative_to(ROOT).parts[0].startswith(".")
        and pad.relative_to(ROOT).parts[0] != "node_modules"
    }
    assert mappen == set(VERDIEPING) | BUITEN


def test_no_floor_imports_what_stands_beside_the_product():
    naast = [
        f"{pad.relative_to(ROOT)} importeert {naam}"
        for pad in BESTANDEN.values()
        for naam in _alle_imports(pad)
        if naam.split(".")[0] in BUITEN
    ]
    assert naast == []


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


def _bestanden_van(pakket: str) -> list[Path]:
    map_ = ROOT / pakket
    return [
        pad
        for pad in sorted(map_.rglob("*"))
        if pad.suffix in (".py", ".html", ".txt") and "migrations" not in pad.parts
    ]


def _noemt(pad: Path, hoger: str) -> list[str]:
    """Where a module or template names the app `hoger` by URL name (hoger:…), template
    path (hoger/…), model lookup or dotted string ("hoger.…": a string foreign key, a
    model label, a path for import_module)."""
    patronen = [f"{hoger}:", f"{hoger}/", f'get_model("{hoger}"', f"get_model('{hoger}'"]
    if pad.suffix == ".py":
        patronen += [f'"{hoger}.', f"'{hoger}."]
    tekst = pad.read_text()
    plek = pad.relative_to(ROOT) if ROOT in pad.parents else pad.name
    return [f"{plek}: {patroon}" for patroon in patronen if patroon in tekst]


# Known links up a floor, each a URL name in a template and nothing else.
BEKEND = {
    "aanbestedingskalender/templates/aanbestedingskalender/stap.html: evaluatie:",
    "aanbestedingskalender/templates/aanbestedingskalender/kalender.html: evaluatie:",
}
# The project's templates frame the pages of every app from the plan up.
TEKSTVERDIEPING = {**VERDIEPING, "templates": VERDIEPING["actieplan"]}


@pytest.mark.parametrize("pakket", [p for p in TEKSTVERDIEPING if p != "mvoi"])
def test_no_package_names_an_app_above_it_in_text_either(pakket):
    """The shell (mvoi) composes every app; the apps, and the frame, are checked."""
    hoger = [p for p in VERDIEPING if TEKSTVERDIEPING[pakket] < VERDIEPING[p] < VERDIEPING["mvoi"]]
    gevonden = [plek for pad in _bestanden_van(pakket) for h in hoger for plek in _noemt(pad, h)]
    assert [plek for plek in gevonden if plek not in BEKEND] == []


def test_the_text_check_finds_a_dotted_string_and_a_url_name(tmp_path):
    module, template = tmp_path / "x.py", tmp_path / "x.html"
    module.write_text('Planversie = apps.get_model("plandocument.Planversie")\n')
    template.write_text("<a href=\"{% url 'plandocument:versie' plan.pk 1 %}\">1</a>\n")
    assert _noemt(module, "plandocument") == ['x.py: "plandocument.']
    assert _noemt(template, "plandocument") == ["x.html: plandocument:"]


def _migratie_afhankelijkheden(pad: Path) -> set[str]:
    """The apps a migration depends on (its `dependencies` list)."""
    apps = set()
    for knoop in ast.walk(ast.parse(pad.read_text())):
        if isinstance(knoop, ast.Assign) and any(
            isinstance(doel, ast.Name) and doel.id == "dependencies" for doel in knoop.targets
        ):
            for element in getattr(knoop.value, "elts", []):
                if isinstance(element, ast.Tuple) and isinstance(element.elts[0], ast.Constant):
                    apps.add(element.elts[0].value)
    return apps


@pytest.mark.parametrize("pakket", list(VERDIEPING))
def test_a_migration_depends_only_on_its_own_floor_and_the_ones_below(pakket):
    omhoog = [
        f"{pad.relative_to(ROOT)} hangt af van {app}"
        for pad in sorted((ROOT / pakket).glob("migrations/0*.py"))
        for app in _migratie_afhankelijkheden(pad)
        if app in VERDIEPING and VERDIEPING[app] > VERDIEPING[pakket]
    ]
    assert omhoog == []


def _tagbibliotheken() -> dict[str, str]:
    """Template tag library → the package that holds it."""
    return {
        pad.stem: pad.relative_to(ROOT).parts[0]
        for pakket in VERDIEPING
        for pad in (ROOT / pakket).glob("templatetags/*.py")
        if pad.stem != "__init__"
    }


@pytest.mark.parametrize("pakket", [p for p in TEKSTVERDIEPING if p != "mvoi"])
def test_a_template_loads_tags_only_from_its_own_floor_and_the_ones_below(pakket):
    bibliotheken = _tagbibliotheken()
    assert {"getallen", "nlds"} <= set(bibliotheken)
    omhoog = [
        f"{pad.relative_to(ROOT)} laadt {naam}"
        for pad in (ROOT / pakket).rglob("*.html")
        for regel in re.findall(r"{%\s*load\s+([^%]*)%}", pad.read_text())
        for naam in regel.split()
        if naam in bibliotheken and VERDIEPING[bibliotheken[naam]] > TEKSTVERDIEPING[pakket]
    ]
    assert omhoog == []
