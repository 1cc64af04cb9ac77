"""Settings modules: `base` (production, read from the environment), `dev` and `test` (only
other defaults). All three read the `.env` file first, so what an operator writes there
(or exports in the environment) always wins over a module's development defaults."""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def read_env_file() -> None:
    """Load `.env` (or the file MVOI_ENV_FILE names) into os.environ. A variable already set
    in the real environment wins over the file. Reading twice changes nothing."""
    pad = os.environ.get("MVOI_ENV_FILE") or BASE_DIR / ".env"
    environ.Env.read_env(pad, overwrite=False)
