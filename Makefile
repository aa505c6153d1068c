# The two commands: `make run` (dashboard on the demo data) and `make test` (the whole suite).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= data/cchc.duckdb
PORT    ?= 8501
# An offline bundle (make bundle) carries every pinned wheel in wheels/: installing from there
# never needs the network.
WHEELS  := $(if $(wildcard wheels/*.whl),--no-index --find-links wheels)

.PHONY: run test lint format demo system-deps bench clean bundle install-service

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check $(WHEELS) -e '.[dev]'
	touch $@

$(DB): | $(VENV)/.installed
	$(BIN)/python -m etl demo --db $(DB)

run: $(VENV)/.installed $(DB)
	@bash scripts/ensure-system-deps.sh --optional
	@CCHC_DB=$(DB) CCHC_PORT=$(PORT) CCHC_ADDRESS=localhost bash scripts/serve.sh

demo: $(VENV)/.installed
	$(BIN)/python -m etl demo --db $(DB)

# Chromium, fonts, LibreOffice and poppler: chart images, PDF exports, browser tests (Debian).
system-deps:
	@bash scripts/ensure-system-deps.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.installed system-deps lint
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

bench: $(VENV)/.installed
	$(BIN)/python bench/etl_speed.py
	$(BIN)/python bench/page_speed.py
	$(BIN)/python bench/export_speed.py

# dist/cchc-offline-<version>.tar.gz: the project, its wheels, the Debian packages and
# install.sh, for a server with no network (scripts/make-bundle.sh; BUNDLE_FLAGS=--no-debs …).
bundle: $(VENV)/.installed
	bash scripts/make-bundle.sh $(BUNDLE_FLAGS)

# The systemd service, its settings file /etc/cchc/cchc.env and the daily backup timer.
install-service: $(VENV)/.installed
	bash scripts/install-service.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
