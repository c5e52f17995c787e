# Talentbase: `make run` to try it, `make test` to test it. Needs only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := config.settings
DEMO_CANDIDATES ?= 400
# Ruff runs isolated from any user-level configuration, with the project's rules.
RUFF := $(VENV)/bin/ruff
RUFF_CHECK := $(RUFF) check --isolated --line-length 120 --select E4,E7,E9,F,I,B,UP --extend-exclude "*/migrations/*"
RUFF_FORMAT := $(RUFF) format --isolated --line-length 120 --exclude "*/migrations/*"
SOURCES := config accounts api talent crm tests bench

.PHONY: setup run test lint format bench stop-db clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

run: setup
	$(PY) manage.py seed_demo --candidates $(DEMO_CANDIDATES) --if-empty
	$(PY) -m config.service

# Without DATABASE_URL the tests start the embedded server if it is not running,
# and then stop it again when they end (tests/conftest.py).
test: $(VENV)/.installed
	$(RUFF_CHECK) $(SOURCES)
	$(PY) -m pytest tests --ds=config.settings -p no:cacheprovider -q $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(RUFF_CHECK) $(SOURCES)
	$(RUFF_FORMAT) --check $(SOURCES)

format: $(VENV)/.installed
	$(RUFF_CHECK) --fix $(SOURCES)
	$(RUFF_FORMAT) $(SOURCES)

bench: setup
	$(PY) -m bench

# Stops the server of var/postgres whoever started it, and fails if it still runs.
stop-db: $(VENV)/.installed
	$(PY) -m config.embedded_postgres stop

# Never deletes the data folder under a running server: stop-db must succeed first.
clean: stop-db
	rm -rf var $(VENV)
