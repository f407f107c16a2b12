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

# All of Regie in one terminal, with SQLite and demo data: the web on WEB_PORT (or PORT:
# `make run PORT=8080`), the scheduler, and a mail catcher on MAIL_PORT whose mail
# /dev/mailbox shows (Procfile.dev, run by honcho). One Ctrl-C stops all three.
PORT ?= 5000
WEB_PORT ?= $(PORT)
MAIL_PORT ?= 1025
PUBLIC_URL ?= http://127.0.0.1:$(WEB_PORT)
DEV := REGIE_ENV=development WEB_PORT=$(WEB_PORT) MAIL_HOST=127.0.0.1 MAIL_PORT=$(MAIL_PORT) \
	PUBLIC_URL=$(PUBLIC_URL) PYTHONUNBUFFERED=1 PATH="$(CURDIR)/$(BIN):$$PATH"

run: setup
	$(DEV) $(FLASK) db upgrade
	$(DEV) $(FLASK) demo load --if-empty --quiet
	@$(DEV) $(FLASK) demo banner
	$(DEV) $(BIN)/honcho -f Procfile.dev start

# The whole suite, on SQLite and (when a server is installed) a throwaway PostgreSQL.
test: setup-dev
	$(BIN)/ruff check .
	scripts/with-postgres.sh $(BIN)/python -m pytest

bench: setup-dev
	$(BIN)/python -m bench

# Re-extract the messages after changing user-facing text.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)
