"""``aidfigures extract`` imports what its output and progress need only: a CSV run without a bar
leaves out tqdm and the Parquet, DuckDB and Excel writers; a Parquet run brings pyarrow.parquet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

OPTIONAL = ("tqdm", "pyarrow.parquet", "aidfigures.outputs.parquet_writer", "aidfigures.outputs.duckdb_writer",
            "aidfigures.outputs.xlsx_writer", "aidfigures.reports.pipeline", "aidfigures.reports.workspace")

RUNS = [  # (the output name, the extra options, the optional modules the run loads)
    pytest.param("figures.csv", ["--quiet"], "", id="csv-quiet"),
    pytest.param("figures.csv", ["--no-progress"], "", id="csv-no-progress"),
    pytest.param("-", ["--quiet"], "", id="stdout"),
    pytest.param("figures.parquet", ["--quiet"], "pyarrow.parquet,aidfigures.outputs.parquet_writer", id="parquet"),
]


@pytest.mark.parametrize(("name", "options", "loaded"), RUNS)
def test_extract_loads_only_what_its_output_needs(tmp_path: Path, name: str, options: list[str], loaded: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "informe.txt").write_text("Bolivia recibió 3 millones de dólares de ayuda en 2004.", encoding="utf-8")
    out = name if name == "-" else str(tmp_path / name)
    code = (f"import sys\nfrom aidfigures.cli.main import main\n"
            f"status = main(['extract', {str(docs)!r}, '-o', {out!r}, '--workers', '1', *{options!r}])\n"
            f"print('loaded:', ','.join(m for m in {OPTIONAL!r} if m in sys.modules), status)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == f"loaded: {loaded} 0"
