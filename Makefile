# Two commands matter: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: serving needs only the package and its runtime dependencies; the dev tools
# (pytest, mypy, ruff, Playwright, ...) are installed for `make test` and friends only.
SERVE_STAMP := $(VENV)/.installed-serve
STAMP := $(VENV)/.installed
# `make run PORT=8080 HOST=0.0.0.0` serves elsewhere.
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint types unit bench check clean

run: $(SERVE_STAMP)
	$(BIN)/forgefit serve --host $(HOST) --port $(PORT)

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	@# The serving benchmark compares against nginx and loads with wrk (Debian packages).
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; \
		else echo "install wrk and nginx for the serving benchmark" >&2; fi; fi
	$(BIN)/python -m benchmarks.run_all

check: $(SERVE_STAMP)
	$(BIN)/forgefit catalog check

# The virtualenv is updated whenever pyproject.toml changes. pip is not upgraded first: the
# bundled one installs our pinned wheels, and skipping it keeps `make run` quick.
$(SERVE_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ForgeFit needs Python 3.11 or newer; run with PYTHON=python3.11 make ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(SERVE_STAMP)

$(STAMP): $(SERVE_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build src/*.egg-info
