"""Configuration comes from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_settings(env: dict) -> subprocess.CompletedProcess:
    schoon = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; "
            "print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**schoon, "DJANGO_SETTINGS_MODULE": "mvoi.settings.base", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_require_a_secret_key():
    resultaat = run_settings({"DATABASE_URL": "sqlite:///:memory:"})
    assert resultaat.returncode != 0
    assert "SECRET_KEY" in resultaat.stderr


def test_database_url_selects_postgresql():
    resultaat = run_settings(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/mvoi"}
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_sqlite_is_the_default():
    schoon = {"SECRET_KEY": "x", "DEBUG": "yes"}
    resultaat = run_settings(schoon)
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["True", "django.db.backends.sqlite3"]
