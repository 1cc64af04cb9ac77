"""Backup and restore drill: dump a PostgreSQL database with pg_dump, restore it into a new,
empty database with pg_restore, and check the copy: no migration missing, Django's system
checks pass, every table holds the same number of rows, and every approved version's PDFs
still match their recorded SHA-256.

Run:  .venv/bin/python ops/herstelproef.py [DATABASE_URL]
      (default: $DATABASE_URL; needs pg_dump, pg_restore, createdb and dropdb on the PATH)
The copy is called <name>_herstelproef and is dropped afterwards (--bewaar keeps it).
Exit status 0 only when every check passes.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent

# Runs inside Django against one database: rows per table, and the hash check.
METEN = r"""
import hashlib, json, django
django.setup()
from django.apps import apps
from django.core.management import call_command
from plandocument.models import Planversie
call_command("migrate", check=True, verbosity=0)  # exits non-zero when one is missing
call_command("check", verbosity=0)
rijen = {
    m._meta.db_table: m._default_manager.count()
    for m in apps.get_models(include_auto_created=True)  # also who has which role
}
fout = [
    v.pk
    for v in Planversie.objects.vastgelegd()
    if hashlib.sha256(bytes(v.pdf_intern)).hexdigest() != v.pdf_intern_sha256
    or hashlib.sha256(bytes(v.pdf_publicatie)).hexdigest() != v.pdf_publicatie_sha256
]
versies = Planversie.objects.vastgelegd().count()
print(json.dumps({"rijen": rijen, "versies": versies, "fout": fout}))
"""


def meten(database_url: str) -> dict:
    uit = subprocess.run(
        [sys.executable, "-c", METEN],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "mvoi.settings.dev",
        },
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def main() -> int:
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    bron = argumenten[0] if argumenten else os.environ.get("DATABASE_URL", "")
    if not bron.startswith("postgres"):
        print("Geef een PostgreSQL-DATABASE_URL (argument of omgeving).")
        return 2
    delen = urlparse(bron)
    naam = delen.path.lstrip("/")
    kopie = f"{naam}_herstelproef"
    if not naam or kopie == naam:
        print("Geen databasenaam in de URL: er valt niets te dumpen.")
        return 2
    verbinding = ["-h", delen.hostname or "127.0.0.1", "-p", str(delen.port or 5432)]
    if delen.username:
        verbinding += ["-U", delen.username]
    doel = urlunparse(delen._replace(path=f"/{kopie}"))

    with tempfile.TemporaryDirectory() as map_:
        dump = Path(map_) / "mvoi.dump"
        subprocess.run(["pg_dump", *verbinding, "-Fc", "-f", str(dump), naam], check=True)
        grootte = dump.stat().st_size
        try:
            # The copy holds sessions and secrets too: it is dropped whatever happens.
            subprocess.run(["dropdb", *verbinding, "--if-exists", kopie], check=True)
            subprocess.run(["createdb", *verbinding, kopie], check=True)
            subprocess.run(
                [
                    "pg_restore",
                    *verbinding,
                    "--no-owner",
                    "--exit-on-error",
                    "-d",
                    kopie,
                    str(dump),
                ],
                check=True,
            )
            origineel, hersteld = meten(bron), meten(doel)
        finally:
            if "--bewaar" not in sys.argv:
                subprocess.run(["dropdb", *verbinding, "--if-exists", kopie], check=True)

    verschil = {
        tabel: (aantal, hersteld["rijen"].get(tabel))
        for tabel, aantal in origineel["rijen"].items()
        if hersteld["rijen"].get(tabel) != aantal
    }
    print(
        f"dump: {grootte // 1024} KB; {len(origineel['rijen'])} tabellen, "
        f"{sum(origineel['rijen'].values())} rijen"
    )
    print(f"tabellen met een ander aantal rijen na herstel: {len(verschil)} {verschil or ''}")
    print(
        f"vastgelegde versies: {hersteld['versies']}, met een afwijkende vingerafdruk: "
        f"{len(hersteld['fout'])}"
    )
    goed = not verschil and not hersteld["fout"]
    print("herstelproef geslaagd" if goed else "HERSTELPROEF MISLUKT")
    return 0 if goed else 1


if __name__ == "__main__":
    sys.exit(main())
