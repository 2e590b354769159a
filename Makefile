# One-command set-up: `make demo` and `make test` each create .venv when missing,
# install torch (CPU) first, then the project with its dev extras, make sure a
# Chromium exists, and then do their job. Re-running is fast: the install step
# re-runs only when pyproject.toml or constraints.txt changed.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.selfaudit-installed
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export SELFAUDIT_SHARED ?= $(abspath $(SHARED))

.PHONY: setup demo test check lint bench eval train smoke clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

browser:
	@bash scripts/ensure-browser.sh $(PY)
	@bash scripts/ensure-ocr.sh

setup: $(STAMP) browser

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest -q

# The inner loop: lint and the quick tests (parsers and importers, store, config and handles, rules
# and packs, report view-models and templates, layering and import cycles); under a minute. No browser,
# no crawl, no model. `make test` still runs everything and is what CI runs.
CHECK_TESTS = tests/crawler/parsers tests/crawler/importers tests/crawler/middlewares/test_malformed.py \
	tests/crawler/pipelines/test_validate.py \
	$(wildcard tests/selfaudit/test_store*.py tests/selfaudit/store) tests/selfaudit/test_values.py tests/selfaudit/test_config.py \
	tests/selfaudit/test_handles.py tests/selfaudit/test_platforms.py \
	tests/analysis/test_rules.py tests/analysis/test_pack.py tests/analysis/test_severity.py tests/analysis/test_accounts.py \
	tests/reports/test_context.py tests/reports/test_cards.py tests/reports/test_coverage.py \
	tests/reports/test_plots.py tests/reports/test_labels.py tests/test_layering.py tests/test_imports.py

check: $(STAMP)
	@start=$$(date +%s); \
	$(PY) -m ruff check . && $(PY) -m pytest -q -p no:cacheprovider $(CHECK_TESTS); rc=$$?; \
	echo "make check: $$(( $$(date +%s) - start )) s"; exit $$rc

demo: setup
	$(VENV)/bin/selfaudit demo --data build/demo

bench: setup
	$(PY) -m bench

eval: setup
	$(PY) -m selfaudit.analysis.evaluate

# Rebuild the shipped post heads (analysis/model/) from the pack and analysis/corpus/train (deterministic).
train: setup
	$(PY) -m selfaudit.analysis.train

lint: setup
	$(PY) -m ruff check .

# Build the wheel, check it holds one top-level package (selfaudit) with its data files, install it
# (no dev extras; torch first, constraints.txt) into a throw-away venv and run `selfaudit --help`
# and `selfaudit demo --help` from outside the source tree. Needs no set-up of its own.
smoke:
	bash scripts/smoke.sh $(PYTHON)

clean:
	rm -rf build .pytest_cache
