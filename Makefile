# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make run    install what the app needs in .venv and start it on the DuckDB file ($CPSS_DB)
#   make test   install what the tests need (and Debian's chromium, LibreOffice, nginx, postgresql), lint,
#               type-check cpss/ and run the whole suite, the storage tests on DuckDB and on a
#               PostgreSQL server it starts itself (make lint: the lint and type check alone)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

run: $(VENV)/.app-installed
	$(BIN)/python -m streamlit run app.py

lint: $(VENV)/.test-installed
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m mypy

test: lint
	sh tools/ensure_test_programs.sh
	$(BIN)/python -m pytest
