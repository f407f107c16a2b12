# Two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
TRANSLATIONS := coordination/translations

.PHONY: run test setup setup-dev translations db demo bench messages

$(BIN)/activate:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed translations
setup-dev: $(VENV)/.installed-dev translations

# Compiled catalogs (.mo) are built, not committed.
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d $(TRANSLATIONS)

# Serve with SQLite and demo data on http://127.0.0.1:5000
run: setup
	REGIE_ENV=development $(FLASK) db upgrade
	REGIE_ENV=development $(FLASK) demo load --if-empty
	REGIE_ENV=development $(FLASK) run --host 127.0.0.1 --port 5000

# The whole suite, on SQLite and (when a server is installed) a throwaway PostgreSQL.
test: setup-dev
	scripts/with-postgres.sh $(BIN)/python -m pytest

bench: setup-dev
	$(BIN)/python -m bench

# Re-extract the messages after changing user-facing text.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)
