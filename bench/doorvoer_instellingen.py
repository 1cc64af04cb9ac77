"""Settings for bench/doorvoer.py's gunicorn: the test settings with a bare view added."""

from mvoi.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.doorvoer_urls"
