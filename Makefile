# The project's single entry point. The README's two commands:
#   make demo   install everything, start the local Neo4j, run the main job
#   make test   install everything, start a throw-away test server, run the whole test suite, stop it
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
NF := $(VENV)/bin/netforensics
# Tests wipe their database: they get a data home of their own, never the user's.
TEST_HOME ?= $(CURDIR)/.nf-test-home

.PHONY: install demo test lint bench clean-test-home

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed
	$(NF) db install

demo: install
	$(NF) db start
	$(NF) demo

test: $(VENV)/.installed
	@NETFORENSICS_HOME=$(TEST_HOME) $(NF) db install
	@NETFORENSICS_HOME=$(TEST_HOME) $(NF) db start --free-ports --heap 2g --pagecache 1g
	@status=0; env -u NEO4J_URI -u NEO4J_PASSWORD NETFORENSICS_HOME=$(TEST_HOME) $(PY) -m pytest -q $(PYTEST_ARGS) || status=$$?; \
	  NETFORENSICS_HOME=$(TEST_HOME) $(NF) db stop; exit $$status

lint: $(VENV)/.installed
	$(PY) -m mypy toolkit loaders

bench: install
	@echo "Benchmarks live in bench/: see bench/README.md"

clean-test-home:
	-NETFORENSICS_HOME=$(TEST_HOME) $(NF) db stop
	rm -rf $(TEST_HOME)
