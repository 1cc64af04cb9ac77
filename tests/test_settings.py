"""Configuration comes from the environment; production refuses to start without a secret."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_settings(env: dict, code: str | None = None) -> subprocess.CompletedProcess:
    schoon = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            code
            or "from django.conf import settings as s; "
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


def run_manage(tmp_path, *args, env_file: str) -> subprocess.CompletedProcess:
    """`manage.py` as an operator runs it on a server: no DJANGO_SETTINGS_MODULE, no DEBUG
    in the environment, only the .env file (here in tmp_path, named by MVOI_ENV_FILE)."""
    bestand = tmp_path / ".env"
    bestand.write_text(env_file)
    # Without what this test process's own settings put in its environment.
    eigen = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "EMAIL_BACKEND"}
    eigen |= {"SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"}
    schoon = {k: v for k, v in os.environ.items() if k not in eigen}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**schoon, "MVOI_ENV_FILE": str(bestand)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def productie_env(tmp_path) -> str:
    return (
        "DEBUG=no\n"
        "SECRET_KEY=een-geheim-voor-deze-test\n"
        f"DATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n"
        "ALLOWED_HOSTS=actieplan.example.nl\n"
    )


def test_manage_py_follows_debug_no_in_the_env_file(tmp_path):
    resultaat = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)",
        env_file=productie_env(tmp_path),
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["False", "True"]


def test_demo_data_refuses_on_a_server_configured_by_the_env_file(tmp_path):
    env_file = productie_env(tmp_path)
    assert run_manage(tmp_path, "migrate", "-v", "0", env_file=env_file).returncode == 0
    resultaat = run_manage(tmp_path, "demo_data", env_file=env_file)
    assert resultaat.returncode != 0
    assert "DEBUG staat uit" in resultaat.stderr
    gebruikers = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "from organisaties.models import User; print(User.objects.count())",
        env_file=env_file,
    )
    assert gebruikers.stdout.split() == ["0"]


def test_manage_py_without_configuration_refuses_to_start(tmp_path):
    resultaat = run_manage(
        tmp_path,
        "demo_data",
        env_file=f"DATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n",
    )
    assert resultaat.returncode != 0
    assert "SECRET_KEY" in resultaat.stderr


def test_manage_py_runs_in_development_when_env_says_debug_yes(tmp_path):
    resultaat = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG)",
        env_file=f"DEBUG=yes\nDATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n",
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["True"]


def test_production_warns_when_e_mail_links_would_not_reach_it(tmp_path):
    """The worker sends e-mail without a request: its links start with MVOI_ADRES."""
    zonder = run_manage(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", env_file=productie_env(tmp_path)
    )
    assert zonder.returncode != 0
    assert "meldingen.W001" in zonder.stderr + zonder.stdout
    met = run_manage(
        tmp_path,
        "check",
        "--deploy",
        "--tag",
        "security",
        env_file=productie_env(tmp_path) + "MVOI_ADRES=https://actieplan.example.nl\n",
    )
    assert "meldingen.W001" not in met.stderr + met.stdout


def test_production_prices_a_random_read_on_postgresql_as_on_ssd():
    """Issue 26: with PostgreSQL's default of 4, a step's figures scanned the theme rows of
    every organisation; every connection production opens says 1.1 (and the environment
    may say otherwise)."""
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432 (make test runs on SQLite)")
    vraag = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('SHOW random_page_cost'); print(c.fetchone()[0])"
    )
    database = {"SECRET_KEY": "x", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"}
    for omgeving, verwacht in (({}, "1.1"), ({"POSTGRES_RANDOM_PAGE_COST": "0"}, "4")):
        uitkomst = run_settings(database | omgeving, code=vraag)
        assert uitkomst.returncode == 0, uitkomst.stderr
        assert uitkomst.stdout.strip() == verwacht
