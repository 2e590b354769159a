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

.PHONY: setup demo test lint bench eval train smoke clean browser

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

# Install the package (no dev extras) into a throw-away venv and run --help.
smoke: setup
	rm -rf build/smoke && $(PYTHON) -m venv build/smoke
	build/smoke/bin/pip install -q torch==2.13.0
	build/smoke/bin/pip install -q -c constraints.txt .
	build/smoke/bin/selfaudit --help

clean:
	rm -rf build .pytest_cache
