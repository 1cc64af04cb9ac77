"""Django set up on production's settings for a benchmark in this process
(bench/doorvoer_instellingen.py: mvoi.settings.base plus a bare view): a SECRET_KEY made for
the run, the static files collected into a temporary directory (the manifest production
serves), and the test client's requests kept on one connection with its query log, as a
server's persistent connection. Import it first: `import productie` sets everything up."""

import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.doorvoer_instellingen")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="mvoi-bench-static-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)
setup_test_environment()
request_started.disconnect(close_old_connections)
request_finished.disconnect(close_old_connections)
