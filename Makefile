# aidfigures: `make run` extracts the bundled documents and builds the reports of reports.yml,
# `make test` runs the linters and the test suite (`make lint` and `make test-fast` each part alone),
# `make lab` opens JupyterLab on lab/, a git-ignored folder of working copies of notebooks/.
# All create .venv (with $(PYTHON) -m venv) and install the package on first use, with the versions
# of constraints.txt, showing each step and pip's progress; the install is redone only when
# pyproject.toml or constraints.txt changes. `make run` installs only what it needs (the core:
# extracting, CSV/Parquet/Excel, the reports); `make test`/`lint`/`test-fast` add the `test` extra
# (pytest, ruff, mypy and the lab, scale and sql extras), `make lab` the `lab` extra (JupyterLab).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
TEST_STAMP := $(VENV)/.test-install-stamp
LAB_STAMP := $(VENV)/.lab-install-stamp
PIP_INSTALL := $(BIN)/python -m pip install --progress-bar on -c constraints.txt
# the venv's `python3` kernelspec (installed with ipykernel), so notebooks import this aidfigures
KERNEL := $(VENV)/share/jupyter/kernels/python3/kernel.json
# JupyterLab's working folder (git-ignored; copies of notebooks/) and extra options for `jupyter lab`,
# e.g. `make lab LAB_ARGS="--allow-root --no-browser --port 8890"`
LAB_DIR := lab
LAB_ARGS ?=
# Jupyter refuses to run as root without --allow-root: added when make runs as root (a Docker container)
LAB_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: run test test-fast lint lab duckling clean distclean

# the pipeline of reports.yml: extract, facts, claims, every report; each step only when out of date,
# all logged to reports/pipeline.log; goes on past a failed step and then fails. Then the figures of
# data/raw as an Excel workbook (names such as "Páez" open right with a double-click)
run: $(STAMP)
	$(BIN)/aidfigures pipeline reports.yml
	$(BIN)/aidfigures extract data/raw -o data/processed/figures.xlsx --quiet
	@echo "HTML reports: the paths above (reports/<job>/<notebook>.html); failed runs in reports/<job>.failed/; log reports/pipeline.log"

# CI (.ci/run) runs this: the linters, then the whole suite (run even when a linter fails; then
# the status is the linters')
test: $(TEST_STAMP)
	@lint=0; $(MAKE) --no-print-directory lint || lint=$$?; $(BIN)/python -m pytest && exit $$lint

# the suite without the slow tests (kernels, process pools, Dask, Jupyter server)
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not slow" -q

# ruff (style, bugs, imports) and mypy (types) on src/, as configured in pyproject.toml
lint: $(TEST_STAMP)
	@status=0; $(BIN)/ruff check src tests benchmarks || status=1; $(BIN)/mypy || status=1; exit $$status

# seed lab/ from the templates (new ones copied, unedited copies updated, edited ones kept), then
# open it: running and saving notebooks there leaves the committed notebooks/ untouched
lab: $(STAMP) $(KERNEL)
	$(BIN)/aidfigures workspace $(LAB_DIR) --templates notebooks
	JUPYTER_PREFER_ENV_PATH=1 $(BIN)/jupyter lab --notebook-dir=$(LAB_DIR) --KernelManager.transport_encryption=auto $(LAB_ROOT) $(LAB_ARGS)

# JupyterLab comes with the lab extra, installed on first use
lab: $(LAB_STAMP)

$(KERNEL): | $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3

$(BIN)/python:
	@echo "aidfigures setup 1/2: creating the virtualenv $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "aidfigures setup 2/2: installing aidfigures and what make run needs into $(VENV) (the first time: a few minutes, about 620 MB)"
	$(PIP_INSTALL) -e .
	@# an editable install leaves the package's source uncompiled (pip compiles only what it copies):
	@# where PYTHONDONTWRITEBYTECODE is set, every aidfigures process would compile it again
	$(BIN)/python -m compileall -q src/aidfigures
	@touch $(STAMP)
	@echo "aidfigures setup done"

$(TEST_STAMP): $(STAMP)
	@echo "aidfigures setup: adding the test extra (pytest, ruff, mypy, JupyterLab, Dask, DuckDB)"
	$(PIP_INSTALL) -e '.[test]'
	@touch $(TEST_STAMP)

$(LAB_STAMP): $(STAMP)
	@echo "aidfigures setup: adding the lab extra (JupyterLab)"
	$(PIP_INSTALL) -e '.[lab]'
	@touch $(LAB_STAMP)

# Duckling, the peer benchmarks/speed.py times in process: pyduckling-native (Haskell Duckling compiled
# into a Python extension; MIT) has wheels for CPython 3.6-3.9 only, so it gets a venv of its own,
# .venv-duckling, made with $(DUCKLING_PYTHON). Optional: speed.py says how to get it when it is missing
DUCKLING_PYTHON ?= python3.9
duckling: .venv-duckling/bin/python
	.venv-duckling/bin/python -m pip install --progress-bar on 'pyduckling-native==0.1.0'
	@echo "Duckling ready: benchmarks/speed.py times it on the same sample as quantulum3"

.venv-duckling/bin/python:
	@$(DUCKLING_PYTHON) -c "import sys; sys.exit(not (3, 6) <= sys.version_info[:2] <= (3, 9))" 2>/dev/null || { echo "make duckling needs a Python 3.6-3.9 (pyduckling-native has no wheel for newer ones): DUCKLING_PYTHON=/path/to/python3.9 make duckling"; exit 2; }
	$(DUCKLING_PYTHON) -m venv .venv-duckling

# generated files only; `distclean` also removes the virtualenv
clean:
	rm -rf build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache benchmarks/_work
	find data/processed -type f ! -name .gitkeep -delete
	find reports -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	find src tests benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) .venv-duckling
