"""Backup and restore drill: dump a PostgreSQL database with pg_dump, restore it into a new,
empty database with pg_restore, and check the copy against the original by content, not
only by counts (issue 24): no migration missing, Django's system checks pass, every table
holds the same rows (a checksum per table over every column of every row), the same
triggers exist (the frozen versions' guard among them), and every approved version's PDFs
still match their recorded SHA-256 and its signature still verifies. Run it against a
quiet database: rows written between the two measurements count as differences.

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

# Runs inside Django against one database: rows and a checksum per table, the triggers,
# and the frozen versions' hashes and signatures.
METEN = r"""
import hashlib, json, django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from plandocument import ondertekening
from plandocument.models import Planversie
call_command("migrate", check=True, verbosity=0)  # exits non-zero when one is missing
call_command("check", verbosity=0)
tabellen = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
rijen, sommen = {}, {}
with connection.cursor() as cursor:
    for tabel in tabellen:  # also who has which role (the join tables)
        naam = connection.ops.quote_name(tabel)
        cursor.execute(
            "SELECT count(*), md5(coalesce(string_agg(md5(r::text), '' "
            f"ORDER BY md5(r::text)), '')) FROM {naam} r"
        )
        rijen[tabel], sommen[tabel] = cursor.fetchone()
    cursor.execute(
        "SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal"
    )
    triggers = sorted(r[0] for r in cursor.fetchall())
vastgelegd = list(Planversie.objects.vastgelegd())
fout = [
    v.pk
    for v in vastgelegd
    if hashlib.sha256(bytes(v.pdf_intern)).hexdigest() != v.pdf_intern_sha256
    or hashlib.sha256(bytes(v.pdf_publicatie)).hexdigest() != v.pdf_publicatie_sha256
]
niet_ondertekend = [v.pk for v in vastgelegd if not ondertekening.klopt(v)]
print(json.dumps({
    "rijen": rijen, "sommen": sommen, "triggers": triggers, "versies": len(vastgelegd),
    "fout": fout, "niet_ondertekend": niet_ondertekend,
}))
"""


def meten(database_url: str, *, instellingen: str = "mvoi.settings.dev") -> dict:
    """Measure one database (a Django process of its own, with `instellingen`: the key
    that checks the signatures is that settings module's SECRET_KEY)."""
    uit = subprocess.run(
        [sys.executable, "-c", METEN],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": instellingen,
        },
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def verbinding_van(url: str) -> list[str]:
    delen = urlparse(url)
    verbinding = ["-h", delen.hostname or "127.0.0.1", "-p", str(delen.port or 5432)]
    if delen.username:
        verbinding += ["-U", delen.username]
    return verbinding


def herstellen(bron: str, kopie: str) -> tuple[str, int]:
    """pg_dump `bron`, pg_restore into a new database `kopie`; its URL and the dump's size."""
    delen = urlparse(bron)
    verbinding = verbinding_van(bron)
    with tempfile.TemporaryDirectory() as map_:
        dump = Path(map_) / "mvoi.dump"
        naam = delen.path.lstrip("/")
        subprocess.run(["pg_dump", *verbinding, "-Fc", "-f", str(dump), naam], check=True)
        subprocess.run(["dropdb", *verbinding, "--if-exists", kopie], check=True)
        subprocess.run(["createdb", *verbinding, kopie], check=True)
        subprocess.run(
            ["pg_restore", *verbinding, "--no-owner", "--exit-on-error", "-d", kopie, str(dump)],
            check=True,
        )
        return urlunparse(delen._replace(path=f"/{kopie}")), dump.stat().st_size


def weggooien(bron: str, kopie: str) -> None:
    subprocess.run(["dropdb", *verbinding_van(bron), "--if-exists", kopie], check=True)


def verschillen(origineel: dict, hersteld: dict) -> list[str]:
    """Everything in which the restored copy differs from the original, in words."""
    uit = []
    for tabel, aantal in origineel["rijen"].items():
        if hersteld["rijen"].get(tabel) != aantal:
            uit.append(f"{tabel}: {aantal} rijen, na herstel {hersteld['rijen'].get(tabel)}")
        elif hersteld["sommen"].get(tabel) != origineel["sommen"][tabel]:
            uit.append(f"{tabel}: dezelfde {aantal} rijen, maar een andere inhoud")
    for trigger in sorted(set(origineel["triggers"]) ^ set(hersteld["triggers"])):
        waar = "ontbreekt na herstel" if trigger in origineel["triggers"] else "is erbij gekomen"
        uit.append(f"trigger {trigger} {waar}")
    for pk in hersteld["fout"]:
        uit.append(f"vastgelegde versie {pk}: PDF klopt niet met haar SHA-256")
    for pk in sorted(set(hersteld["niet_ondertekend"]) - set(origineel["niet_ondertekend"])):
        uit.append(f"vastgelegde versie {pk}: handtekening klopt niet")
    return uit


def main() -> int:
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    bron = argumenten[0] if argumenten else os.environ.get("DATABASE_URL", "")
    if not bron.startswith("postgres"):
        print("Geef een PostgreSQL-DATABASE_URL (argument of omgeving).")
        return 2
    naam = urlparse(bron).path.lstrip("/")
    kopie = f"{naam}_herstelproef"
    if not naam or kopie == naam:
        print("Geen databasenaam in de URL: er valt niets te dumpen.")
        return 2
    try:
        # The copy holds sessions and secrets too: it is dropped whatever happens.
        doel, grootte = herstellen(bron, kopie)
        origineel, hersteld = meten(bron), meten(doel)
    finally:
        if "--bewaar" not in sys.argv:
            weggooien(bron, kopie)

    problemen = verschillen(origineel, hersteld)
    print(
        f"dump: {grootte // 1024} KB; {len(origineel['rijen'])} tabellen, "
        f"{sum(origineel['rijen'].values())} rijen, {len(origineel['triggers'])} triggers"
    )
    print(f"verschillen na herstel (aantal, inhoud per tabel, triggers): {len(problemen)}")
    for probleem in problemen:
        print(f"  {probleem}")
    print(
        f"vastgelegde versies: {hersteld['versies']}, met een afwijkende vingerafdruk: "
        f"{len(hersteld['fout'])}, met een handtekening die niet klopt: "
        f"{len(hersteld['niet_ondertekend'])}"
    )
    print("herstelproef geslaagd" if not problemen else "HERSTELPROEF MISLUKT")
    return 0 if not problemen else 1


if __name__ == "__main__":
    sys.exit(main())
