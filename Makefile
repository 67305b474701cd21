# Each target sets up .venv itself: on a fresh machine with Python 3.11+ and the
# package registries, `make briefing` and `make test` are all there is to do.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PAIR   ?= IND-BLR

.PHONY: briefing test unit integration lab validate summary docs clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "bilateral needs Python 3.11 or newer: set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,spark,docs]'
	touch $(STAMP)

briefing: $(STAMP)
	$(BIN)/bilateral render --pair $(PAIR)

# --durations=10: the ten slowest tests, printed after every run (CI's log included).
# -n 2 --dist loadfile: two workers (pytest-xdist), a test file whole on one of them, so a
# module's fixtures and the Spark session (test_spark.py) are made once.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=10

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit --durations=10

integration: $(STAMP)
	$(BIN)/python -m pytest tests/integration -n 2 --dist loadfile --durations=10

# On loopback only, rooted at the project (the explorer links data/ and reports/), opening the
# explorer with the project's kernel; as root (a container) JupyterLab needs --allow-root, given here.
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=. notebooks/explore.ipynb $$([ "$$(id -u)" = 0 ] && echo --allow-root)

validate: $(STAMP)
	$(BIN)/bilateral validate

summary: $(STAMP)
	$(BIN)/bilateral summary --pair $(PAIR) --json

# The documentation site (mkdocs.yml, docs/) into site/, offline; a broken link or anchor fails the build.
# (NO_MKDOCS_2_WARNING: Material for MkDocs' end-of-life banner; docs/development.md says what it means.)
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf build/ site/ .pytest_cache/
