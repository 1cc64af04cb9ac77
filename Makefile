# The two commands of the README:
#   make run   – set up and run the application on SQLite with demo data (http://127.0.0.1:8000;
#                another address: make run HOST=0.0.0.0 PORT=8400)
#   make test  – set up and run the whole test suite (browser tests included)
# Both create their own virtual environment in .venv. DATABASE_URL selects PostgreSQL.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Development settings for what make runs; manage.py alone uses the production settings.
MANAGE := DJANGO_SETTINGS_MODULE=mvoi.settings.dev $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: run test lint format audit lock check-deploy migrate demo democode bench vendor clean help

help:
	@echo "make run    – zet de applicatie op en start haar op http://$(HOST):$(PORT) (SQLite, demodata; PORT=8400 voor een andere poort)"
	@echo "make test   – zet de testomgeving op en draai alle tests (ook de browsertests)"
	@echo "make lint   – ruff check en ruff format --check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed from the lock files: every package, also the indirect ones, pinned and checked
# against its SHA-256 (pip --require-hashes). requirements*.txt are what we choose; after
# changing one, `make lock` writes the lock files again.
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(VENV)/.runtime $@

# The lock files from requirements*.txt (pip-tools in a virtual environment of its own).
LOCK := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile $(LOCK) --output-file requirements.lock requirements.txt
	.venv-lock/bin/pip-compile $(LOCK) --output-file requirements-dev.lock requirements-dev.txt

migrate: $(VENV)/.runtime
	$(MANAGE) migrate --noinput

demo: migrate
	SSO_DEMO_ISSUER=http://127.0.0.1:$(SSO_DEMO_POORT) $(MANAGE) demo_data

# The task worker (it makes the PDF of an approved version) runs beside the web server and
# stops with it.
# Plain assignments: only the command line changes them (a shell may export HOST).
HOST = 127.0.0.1
PORT = 8000

# Beside them, where Node is installed, the demo's OpenID Connect provider: Gemeente
# Zuidstad logs in with its work accounts there (docs/sso.md; `zoe`, `ivo`, `dirk`).
# (No $(MAKE) in this recipe: `make -n run` would then run it for real.)
SSO_DEMO_POORT = 8401

run: demo
	@if command -v npm >/dev/null && { test -f $(OIDC) || npm ci --prefix ops/oidc --no-audit --no-fund; }; then \
	  node ops/oidc/provider.mjs --poort $(SSO_DEMO_POORT) --naam "Inlogdienst Gemeente Zuidstad (demo)" \
	    --personen ops/oidc/demo-personen.json --client-id mvoi-demo --client-secret mvoi-demo-sso-geheim \
	    --redirect http://$(HOST):$(PORT)/inloggen/sso/terug/ & \
	else echo "Node ontbreekt: de demo draait zonder de inlogdienst van Gemeente Zuidstad (docs/sso.md)."; fi; \
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The code a demo user's authenticator app would show now (DEBUG only):
#   make democode GEBRUIKER=management
democode: $(VENV)/.runtime
	@$(MANAGE) democode $(GEBRUIKER)

# The OpenID Connect provider the single sign-on tests (and the demo) run beside the
# application: ops/oidc (Node's oidc-provider), installed from its lock file.
OIDC = ops/oidc/node_modules/.package-lock.json
$(OIDC): ops/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "Node en npm ontbreken: installeer de Debian-pakketten 'nodejs' en 'npm' (zie README)."; exit 1; }
	npm ci --prefix ops/oidc --no-audit --no-fund

test: $(VENV)/.dev $(OIDC)
	@test -x "$(CHROMIUM)" || { echo "Chromium ontbreekt op $(CHROMIUM): installeer het Debian-pakket 'chromium' (zie README)."; exit 1; }
	MVOI_CHROMIUM="$(CHROMIUM)" $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every benchmark series in one go, on PostgreSQL: fills $(BENCH_DB) at national scale when
# it is empty, runs each series and writes its figures into docs/performance.md (the prose
# around them stays). About fifteen minutes on two cores. One series: make bench SERIES=pdf
BENCH_SERVER ?= postgres://postgres@127.0.0.1:5432
BENCH_DB ?= mvoi_landelijk
SERIES ?=
bench: $(VENV)/.dev
	psql "$(BENCH_SERVER)/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
	  || psql "$(BENCH_SERVER)/postgres" -c "CREATE DATABASE $(BENCH_DB)"
	psql "$(BENCH_SERVER)/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'mvoi'" | grep -q 1 \
	  || psql "$(BENCH_SERVER)/postgres" -c "CREATE DATABASE mvoi"
	BENCH_SERVER="$(BENCH_SERVER)" BENCH_DB="$(BENCH_DB)" $(BIN)/python bench/verslag.py $(SERIES)

# Known vulnerabilities in the pinned requirements. Needs the network to reach the
# vulnerability database (PyPI's advisories / OSV), which the development machines here do
# not have: run it where they can be reached (a workstation, a CI with internet). A
# separate virtual environment, so the audit tool's own packages are not audited.
audit:
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet pip-audit==2.10.1
	.venv-audit/bin/pip-audit --strict --require-hashes -r requirements-dev.lock

# Re-vendor the NL Design System CSS after changing package.json (needs Node and npm).
vendor:
	npm install --no-audit --no-fund
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/nlds/utrecht-component-library.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css static/vendor/nlds/voorbeeld-theme.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md static/vendor/nlds/LICENSE.md

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
