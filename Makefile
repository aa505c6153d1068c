# The two commands: `make run` (dashboard on the demo data) and `make test` (the whole suite).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= data/cchc.duckdb
PORT    ?= 8501

.PHONY: run test lint format demo system-deps bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(DB): $(VENV)/.installed
	$(BIN)/python -m etl demo --db $(DB)

run: $(VENV)/.installed $(DB)
	@bash scripts/ensure-system-deps.sh --optional
	$(BIN)/python -m etl init --db $(DB)
	CCHC_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.address localhost \
		--browser.gatherUsageStats false --browser.serverAddress localhost

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


clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
