PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/riskprofile lint rules/ scenarios/
	$(BIN)/riskprofile score examples/declarations.csv
	$(BIN)/riskprofile explain DEMO-0003 --input examples/declarations.csv
	$(BIN)/riskprofile replay

check: $(STAMP)
	$(BIN)/ruff check src tests examples
	$(BIN)/ruff format --check src tests examples
	$(BIN)/lint-imports
	$(BIN)/mypy

# Two workers, one test file per worker at a time (module-scoped fixtures are built once); PYTEST_WORKERS=0
# runs the suite in one process.
PYTEST_WORKERS ?= 2

test: check
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

bench: $(STAMP)
	$(BIN)/riskprofile bench --lines 1000000

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis .mypy_cache
