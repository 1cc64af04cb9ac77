"""The packages installed are the ones locked (issue 24): every package we choose in
requirements*.txt is in the lock file at the same version, and every package of the lock
files, the indirect ones too, carries the SHA-256 of its files, so `pip install
--require-hashes` (the Makefile, CI) refuses a file that differs."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BASIS = Path(settings.BASE_DIR)


def gekozen(bestand: str) -> dict[str, str]:
    uit = {}
    for regel in (BASIS / bestand).read_text().splitlines():
        regel = regel.split("#")[0].strip()
        if regel.startswith("-r "):
            uit |= gekozen(regel.removeprefix("-r ").strip())
        elif "==" in regel:
            naam, versie = regel.split("==")
            uit[re.sub(r"\[.*\]", "", naam).strip().lower().replace("_", "-")] = versie.strip()
    return uit


def vastgelegd(bestand: str) -> dict[str, tuple[str, int]]:
    """Per package in a lock file: its version and how many hashes it carries."""
    tekst = (BASIS / bestand).read_text()
    uit = {}
    for blok in re.split(r"\n(?=[A-Za-z0-9])", tekst):
        kop = re.match(r"([A-Za-z0-9._-]+)==([^\s\\]+)", blok)
        if kop:
            naam = kop.group(1).lower().replace("_", "-")
            uit[naam] = (kop.group(2), blok.count("--hash=sha256:"))
    return uit


@pytest.mark.parametrize(
    ("gekozen_bestand", "slot"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_chosen_package_is_locked_at_its_version_with_hashes(gekozen_bestand, slot):
    keuzes, slotbestand = gekozen(gekozen_bestand), vastgelegd(slot)
    assert len(slotbestand) > len(keuzes)  # the indirect packages are locked too
    for naam, versie in keuzes.items():
        assert naam in slotbestand, f"{naam} staat niet in {slot}: draai `make lock`"
        assert slotbestand[naam][0] == versie, (
            f"{naam}: {versie} gekozen, {slotbestand[naam][0]} vastgelegd"
        )
    zonder = [naam for naam, (_versie, hashes) in slotbestand.items() if not hashes]
    assert zonder == []
