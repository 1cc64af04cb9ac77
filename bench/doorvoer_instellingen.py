"""Settings for bench/doorvoer.py's gunicorn: the production settings (mvoi.settings.base,
as `mvoi/wsgi.py` loads them: persistent connections, manifest static files, HTTPS
redirect, secure cookies) with a bare view added. bench/doorvoer.py sets SECRET_KEY and
STATIC_ROOT (collected there first) in the environment and sends X-Forwarded-Proto: https,
as the proxy in front of production does."""

from mvoi.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.doorvoer_urls"
