"""The README's checkable claims are true (issue 25): the make targets and management
commands it names exist, the screenshots it shows are there, the demo users table is the
demo command's, and `make run` takes PORT and HOST."""

import re
import shutil
import subprocess
from pathlib import Path

from django.core.management import get_commands

from mvoi.management.commands.demo_data import DEMO_GEBRUIKERS

WORTEL = Path(__file__).resolve().parent.parent
README = (WORTEL / "README.md").read_text()


def test_every_make_target_the_readme_names_exists():
    makefile = (WORTEL / "Makefile").read_text()
    doelen = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    genoemd = set(re.findall(r"`make ([a-z][a-z-]*)", README))
    genoemd |= set(re.findall(r"^make ([a-z][a-z-]*)", README, re.M))
    assert genoemd and genoemd <= doelen, genoemd - doelen


def test_every_management_command_the_readme_names_exists():
    genoemd = set(re.findall(r"manage\.py ([a-z_]+)", README))
    assert genoemd and genoemd <= set(get_commands()), genoemd - set(get_commands())


def test_every_screenshot_the_readme_shows_is_there():
    plaatjes = re.findall(r"\]\((docs/screenshots/[^)]+\.png)\)", README)
    assert len(plaatjes) > 20
    assert [p for p in plaatjes if not (WORTEL / p).is_file()] == []


def test_the_demo_users_table_is_the_demo_commands():
    tabel = README.split("### Demo users", 1)[1].split("\n\n", 3)[2]
    namen = set(
        re.findall(r"`([a-z0-9]+)`", "\n".join(r.split("|")[1] for r in tabel.splitlines()))
    )
    assert namen == {naam for naam, *_ in DEMO_GEBRUIKERS}
    assert "`mvoi-demo-2026`" in README.split("## A year with the product")[0]


def test_make_run_serves_on_the_port_and_host_it_is_given():
    for argumenten, adres in (
        ([], "127.0.0.1:8000"),
        (["HOST=0.0.0.0", "PORT=8400"], "0.0.0.0:8400"),
    ):
        uit = subprocess.run(
            [shutil.which("make"), "-n", "run", *argumenten],
            cwd=WORTEL,
            capture_output=True,
            text=True,
        ).stdout
        assert f"runserver {adres}" in uit
