"""Local development: DEBUG on, SQLite, e-mail to the console. Only defaults change."""

import os

os.environ.setdefault("DEBUG", "yes")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *
