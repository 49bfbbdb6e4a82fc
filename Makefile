# Two commands do everything: `make serve` and `make test`. Each installs what is missing
# first (a virtualenv in .venv from requirements.lock); a second run installs nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The site generator. ProperDocs, MkDocs' maintained fork, builds the same site (tested):
# switching is this one line, `ENGINE := $(BIN)/properdocs`.
ENGINE := $(BIN)/mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline bench lighthouse lock clean install

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)
	$(ENGINE) serve --livereload --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal

build: $(STAMP)
	$(ENGINE) build --strict

offline: $(STAMP)
	$(ENGINE) build --strict --site-dir site-offline -f mkdocs.offline.yml

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Lighthouse (mobile defaults, served with gzip) on every page of both languages. Needs Node.js
# 18+ with npm, for this benchmark only; installs lighthouse into benchmarks/.lighthouse/.
# Options: make lighthouse LIGHTHOUSE_ARGS="--runs 3 --pages cpp/"
lighthouse: build
	$(BIN)/python benchmarks/lighthouse.py $(LIGHTHOUSE_ARGS)

# Re-resolve the pinned set after editing the dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet "pip-tools==7.6.2"
	$(BIN)/python -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean:
	rm -rf site site-offline .cache docs/assets/figures
