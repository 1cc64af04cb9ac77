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
