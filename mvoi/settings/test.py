"""The test suite. DEBUG stays off, as in production; DATABASE_URL picks PostgreSQL in CI."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "no")
os.environ.setdefault("SESSION_COOKIE_SECURE", "no")
os.environ.setdefault("CSRF_COOKIE_SECURE", "no")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from .base import *

# Tests do not run collectstatic; the manifest storage would fail without it.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Live-server (browser) tests run the request in another thread; keep connections short.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test that waits on a lock never released (a browser's late request in a live-server
    # thread, a connection left in a transaction) fails with PostgreSQL's own words after
    # two minutes instead of holding the run until CI's limit; such a connection is ended
    # after five (pytest-timeout's limit per test).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c lock_timeout=120000 -c idle_in_transaction_session_timeout=300000"
    )
