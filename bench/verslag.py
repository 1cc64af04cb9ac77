"""`make bench`: run every benchmark series on PostgreSQL and write their figures into
docs/performance.md.

Each series owns a block of that file between `<!-- bench:NAME -->` and
`<!-- /bench:NAME -->`; the script replaces the block with the command it ran, the date
and the series' own output. The prose around the blocks (what a series means, the
profiles and the plans) is written by hand and stays. Lines a series prints as
`DOEL<TAB>target<TAB>measured<TAB>met|missed` become a table of targets at the end of its
block, and the targets of every block make the summary at the top (block `doelen`).

Run:  .venv/bin/python bench/verslag.py [NAME ...]      (default: every series)
      BENCH_SERVER=postgres://postgres@127.0.0.1:5432 (default), BENCH_DB=mvoi_landelijk

The national-scale database is filled first when it has no organisations yet. A series that
fails leaves its exit status and the end of its error output in its block, and the
command exits non-zero after writing the rest.
"""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "performance.md"
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
LANDELIJK = f"{SERVER}/{os.environ.get('BENCH_DB', 'mvoi_landelijk')}"
LEEG = f"{SERVER}/mvoi"  # the series that make their own throw-away test database

# name: (database, script and arguments)
SERIES = {
    "vullen": (LANDELIJK, ["bench/landelijk_vullen.py", "--als-leeg"]),
    "import": (LEEG, ["bench/import_rijen.py", "100", "500", "1000", "5000"]),
    "export": (LEEG, ["bench/export_kalender.py", "300", "3000", "10000"]),
    "paginas": (LANDELIJK, ["bench/alle_paginas.py", "--herhalingen", "20"]),
    "groei": (LEEG, ["bench/groei.py", "--herhalingen", "10"]),
    "doorvoer": (LANDELIJK, ["bench/doorvoer.py", "--seconden", "10"]),
    "twee_servers": (LANDELIJK, ["bench/twee_servers.py"]),
    "pdf": (LEEG, ["bench/pdf_renderen.py", "0", "3000"]),
}
DOEL = "DOEL\t"
KOP_DOELEN = "| target | measured | |\n|---|---|---|"


def draaien(naam: str) -> tuple[str, bool]:
    """(the block's text, whether the series succeeded)."""
    database, argumenten = SERIES[naam]
    commando = f"DATABASE_URL={zonder_wachtwoord(database)} .venv/bin/python {' '.join(argumenten)}"
    print(f"== {naam}: {commando}", file=sys.stderr, flush=True)
    uitkomst = subprocess.run(  # noqa: S603 - our own scripts, no user input
        [sys.executable, *argumenten],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": database},
        stdin=subprocess.DEVNULL,  # a question (an old test database) fails instead of hanging
        capture_output=True,
        text=True,
    )
    doelen = [
        regel.split("\t")[1:] for regel in uitkomst.stdout.splitlines() if regel.startswith(DOEL)
    ]
    uitvoer = "\n".join(
        regel for regel in uitkomst.stdout.splitlines() if not regel.startswith(DOEL)
    ).strip()
    if uitkomst.returncode != 0:
        # Its targets may not have been printed: the summary says the series failed.
        doelen.append(
            [f"{naam}: the series failed", f"exit status {uitkomst.returncode}", "**failed**"]
        )
        fout = "\n".join(uitkomst.stderr.strip().splitlines()[-15:])
        uitvoer += f"\n\nFAILED (exit status {uitkomst.returncode}):\n\n```\n{fout}\n```"
    print(uitvoer, file=sys.stderr)
    blok = f"```sh\n{commando}\n```\n\n{uitvoer}\n"
    if doelen:
        blok += f"\n{KOP_DOELEN}\n" + "".join(f"| {' | '.join(d)} |\n" for d in doelen)
    return blok, uitkomst.returncode == 0


def zonder_wachtwoord(url: str) -> str:
    """The database URL as written into the docs: a password, if any, left out."""
    delen = urlsplit(url)
    if delen.password is None:
        return url
    netloc = delen.netloc.replace(f":{delen.password}@", ":…@", 1)
    return urlunsplit(delen._replace(netloc=netloc))


def vervangen(tekst: str, naam: str, inhoud: str) -> str:
    patroon = re.compile(rf"(<!-- bench:{naam} -->\n).*?(<!-- /bench:{naam} -->)", re.S)
    if not patroon.search(tekst):
        raise SystemExit(f"docs/performance.md has no block <!-- bench:{naam} -->")
    return patroon.sub(lambda m: m.group(1) + inhoud + m.group(2), tekst)


def samenvatting(tekst: str) -> str:
    """The targets of every series' block, in the order of the file, each with its run."""
    rijen = []
    for naam, blok in re.findall(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", tekst, re.S):
        if naam == "doelen" or KOP_DOELEN not in blok:
            continue
        datum = re.match(r"Run (\S+),", blok)
        for regel in blok.split(KOP_DOELEN, 1)[1].strip().splitlines():
            if regel.startswith("| "):
                rijen.append(f"{regel} {datum.group(1) if datum else ''} |")
    return "| target | measured | | run |\n|---|---|---|---|\n" + "\n".join(rijen) + "\n"


def main() -> int:
    namen = sys.argv[1:] or list(SERIES)
    onbekend = set(namen) - set(SERIES)
    if onbekend:
        raise SystemExit(
            f"Unknown series: {', '.join(sorted(onbekend))}; known: {', '.join(SERIES)}"
        )
    tekst = DOCUMENT.read_text()
    vandaag = datetime.date.today().isoformat()
    kernen = os.cpu_count()
    geslaagd = True
    for naam in namen:
        blok, gelukt = draaien(naam)
        geslaagd &= gelukt
        tekst = vervangen(tekst, naam, f"Run {vandaag}, {kernen} cores:\n\n{blok}")
        tekst = vervangen(tekst, "doelen", samenvatting(tekst))
        DOCUMENT.write_text(tekst)  # after each series: an interrupted run keeps what it measured
    print(f"docs/performance.md written ({len(namen)} series).", file=sys.stderr)
    return 0 if geslaagd else 1


if __name__ == "__main__":
    sys.exit(main())
