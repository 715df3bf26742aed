# aidfigures: `make run` extracts the bundled documents, `make test` runs the test suite.
# Both create .venv (with $(PYTHON) -m venv) and install the package on first use; the install
# is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
OUT := data/processed/figures.csv

.PHONY: run test clean distclean

run: $(STAMP)
	$(BIN)/aidfigures extract data/raw -o $(OUT) --summary

test: $(STAMP)
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# generated files only; `distclean` also removes the virtualenv
clean:
	rm -rf build dist src/*.egg-info .pytest_cache benchmarks/_work
	find data/processed -type f ! -name .gitkeep -delete
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
