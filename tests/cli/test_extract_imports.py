"""``aidfigures extract`` imports what its output and progress need only: a CSV run without a bar
leaves out tqdm, pandas, numpy, pyarrow and the Parquet, DuckDB and Excel writers; a Parquet run
brings pandas, numpy and pyarrow.parquet; only a run with a pool of workers loads multiprocessing.
The extractor's module imports no table library until a table is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TABLES = "pandas,numpy,pyarrow"
OPTIONAL = ("tqdm", "pandas", "numpy", "pyarrow", "pyarrow.parquet", "aidfigures.outputs.parquet_writer",
            "aidfigures.outputs.duckdb_writer", "aidfigures.outputs.xlsx_writer", "aidfigures.reports.pipeline",
            "aidfigures.reports.workspace", "multiprocessing", "concurrent.futures.process")

RUNS = [  # (the output name, the extra options, the optional modules the run loads; --workers 1 unless given)
    pytest.param("figures.csv", ["--quiet"], "", id="csv-quiet"),
    pytest.param("figures.csv", ["--quiet", "--workers", "2", "--chunk-mb", "0.00001"],  # a chunk per document
                 "multiprocessing,concurrent.futures.process", id="csv-two-workers"),
    pytest.param("figures.csv", ["--no-progress"], "", id="csv-no-progress"),
    pytest.param("-", ["--quiet"], "", id="stdout"),
    pytest.param("figures.csv", ["--quiet", "--summary"], TABLES, id="csv-summary-table"),
    pytest.param("figures.parquet", ["--quiet"], f"{TABLES},pyarrow.parquet,aidfigures.outputs.parquet_writer",
                 id="parquet"),
]


def _loaded(code: str) -> str:
    """What ``code`` run in a fresh interpreter prints last, after the :data:`OPTIONAL` modules it loaded."""
    check = f"import sys\n{code}\nprint('loaded:', ','.join(m for m in {OPTIONAL!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1]


@pytest.mark.parametrize(("name", "options", "loaded"), RUNS)
def test_extract_loads_only_what_its_output_needs(tmp_path: Path, name: str, options: list[str], loaded: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "informe.txt").write_text("Bolivia recibió 3 millones de dólares de ayuda en 2004.", encoding="utf-8")
    (docs / "report.txt").write_text("Peru received $5 million in aid in 2006.", encoding="utf-8")
    out = name if name == "-" else str(tmp_path / name)
    workers = [] if "--workers" in options else ["--workers", "1"]
    code = (f"from aidfigures.cli.main import main\n"
            f"assert main(['extract', {str(docs)!r}, '-o', {out!r}, *{workers!r}, *{options!r}]) == 0")
    assert _loaded(code) == f"loaded: {loaded}"


FIRST_USES = [  # (what runs, the optional modules it loads)
    pytest.param("import aidfigures.extract", "", id="import-extract"),
    pytest.param("import aidfigures.schema, aidfigures.outputs.base, aidfigures.corpus.chunks", "",
                 id="import-schema-outputs-corpus"),
    pytest.param("from aidfigures.extract import find_figures\nassert find_figures('Peru got $5 million in 2006.')",
                 "", id="find-figures"),
    pytest.param("from aidfigures.schema.records import surely_valid\n"
                 "from aidfigures.outputs.csv_records import figures_csv\n"
                 "from aidfigures.extract import find_figures\n"
                 "found = find_figures('Bolivia got $2 million in aid in 2004.')\n"
                 "assert surely_valid(found) and figures_csv(found).count(chr(10)) == 1", "", id="csv-from-records"),
    pytest.param("from aidfigures.extract import extract\nassert len(extract('Peru got $5 million in 2006.')) == 1",
                 TABLES, id="extract-a-frame"),
    pytest.param("from aidfigures.schema import DOCUMENTS_ARROW\nassert 'published' in DOCUMENTS_ARROW.names",
                 "numpy,pyarrow", id="documents-arrow-schema"),  # pyarrow imports numpy
]


@pytest.mark.parametrize(("code", "loaded"), FIRST_USES)
def test_table_libraries_load_where_a_table_is_built(code: str, loaded: str) -> None:
    assert _loaded(code) == f"loaded: {loaded}"


def test_the_documents_arrow_schema_is_one_object_by_either_name() -> None:
    from aidfigures import schema
    from aidfigures.schema import documents

    assert schema.DOCUMENTS_ARROW is documents.DOCUMENTS_ARROW is documents.documents_arrow()
    assert documents.DOCUMENTS_ARROW.names == list(documents.DOCUMENT_COLUMNS)
    with pytest.raises(AttributeError, match="no attribute 'NO_SUCH_SCHEMA'"):
        documents.NO_SUCH_SCHEMA  # noqa: B018
