# Two commands on a fresh machine (python3 >= 3.11, make, git):
#   make build   set up .venv and build the whole site into site/
#   make test    set up .venv and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: build test test-fast check serve edit export bench messages screenshots clean help

# Test processes (pytest-xdist): one per core; TEST_WORKERS=0 runs the tests in this process.
TEST_WORKERS ?= auto

help:
	@echo "make build   build the site into site/ (sets up .venv first)"
	@echo "make test    run the whole test suite (sets up .venv first)"
	@echo "make test-fast  the quick part (no full builds, servers or browsers)"
	@echo "make check   validate the content and print every problem"
	@echo "make serve   live preview on http://127.0.0.1:8000/"
	@echo "make edit    the web editor on this working copy, no account (http://127.0.0.1:8081/admin/)"
	@echo "make export  JSON API and feeds into export/, without the HTML site"
	@echo "make bench   build benchmark (see README)"
	@echo "make screenshots  PNGs of every page kind, 3 languages, 390 and 1280 px, into screenshots/"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PIP) install -r requirements-test.txt
	@touch $@

build: $(VENV)/.runtime
	$(BIN)/coopsite build

check: $(VENV)/.runtime
	$(BIN)/coopsite check

serve: $(VENV)/.runtime
	$(BIN)/coopsite serve

edit: $(VENV)/.runtime
	$(BIN)/coopsite edit

export: $(VENV)/.runtime
	$(BIN)/coopsite export export

bench: $(VENV)/.test
	$(BIN)/coopsite bench

screenshots: $(VENV)/.test build
	$(BIN)/python -m tests.browser.screenshots --site site --out screenshots

# Python may keep what it compiles: where PYTHONDONTWRITEBYTECODE is set (as in our machines'
# shells), every interpreter a test starts compiled the whole package from source again (0.1 s
# each; the test importing each module on its own took twice as long), and each test process
# rewrote and compiled every test module again (pytest's collection, 1.8 s against 0.9 s). The
# files go into __pycache__ folders, which git ignores.
# --dist worksteal: each test process starts with one half of the tests in order (a module's tests
# stay together, so a module's fixtures and the browser's first load of a page are made once, not
# in both processes) and takes tests from the other at the end: 228 s of CPU for the run against
# 247 s with xdist's default hand-out, 125 s against 134 s.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal
test: $(VENV)/.test
	$(PYTEST)

test-fast: $(VENV)/.test
	$(PYTEST) -m "not slow"

clean:
	rm -rf site site.tmp-* site.old-* export screenshots .pytest_cache

# The keys of the interface text, extracted by Babel from the code and the templates, into
# scripts/coopsite/locales/coopsite.pot (gitignored): what a catalog must translate.
messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F scripts/coopsite/locales/babel.cfg --no-default-keywords \
	  -k t:2 -k tn:2 -k N_ -k _ -k _n:1 --no-location --sort-output -o scripts/coopsite/locales/coopsite.pot scripts/coopsite
