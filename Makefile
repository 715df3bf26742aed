# aidfigures: `make run` extracts the bundled documents and builds the reports of reports.yml,
# `make test` runs the test suite, `make lab` opens JupyterLab on notebooks/.
# All create .venv (with $(PYTHON) -m venv) and install the package on first use; the install
# is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
OUT := data/processed/figures.csv
# the venv's `python3` kernelspec (installed with ipykernel), so notebooks import this aidfigures
KERNEL := $(VENV)/share/jupyter/kernels/python3/kernel.json

.PHONY: run test lab clean distclean

# extract, then build every report of reports.yml; fails if either step fails
run: $(STAMP)
	$(BIN)/aidfigures extract data/raw -o $(OUT) --summary
	$(BIN)/aidfigures facts $(OUT) -o data/processed/facts.csv
	$(BIN)/aidfigures claims data/raw --figures $(OUT) -o data/processed/claims.csv
	$(BIN)/aidfigures build reports.yml
	@echo "HTML reports: the paths above (reports/<job>/<notebook>.html); failed runs in reports/<job>.failed/"

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP) $(KERNEL)
	JUPYTER_PREFER_ENV_PATH=1 $(BIN)/jupyter lab --notebook-dir=notebooks --KernelManager.transport_encryption=auto

$(KERNEL): | $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# generated files only; `distclean` also removes the virtualenv
clean:
	rm -rf build dist src/*.egg-info .pytest_cache benchmarks/_work
	find data/processed -type f ! -name .gitkeep -delete
	find reports -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
