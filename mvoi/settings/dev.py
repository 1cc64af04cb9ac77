"""Local development: DEBUG on, SQLite, e-mail to the console. Only defaults change.

`make run` and `make test`'s helpers choose this module (`manage.py` alone uses `base`).
The `.env` file is read first, so its `DEBUG=no` (as in `.env.example`) turns DEBUG off
here too: an operator's settings always win over these development defaults.
"""

import os

from . import read_env_file

read_env_file()
os.environ.setdefault("DEBUG", "yes")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: E402
