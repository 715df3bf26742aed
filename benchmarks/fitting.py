"""What the fitting scripts share: writing a model file, and their command line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def write_model(model: dict[str, Any], out_dir: Path, name: str) -> Path:
    """Write ``model`` as ``out_dir/<name>.json`` (sorted keys, one item a line) and return the path."""
    out = Path(out_dir) / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out


def fit_main(script: str, doc: str, fit: Callable[..., Path], corpus: Path, models: Path,
             argv: Sequence[str] | None = None) -> int:
    """The command line of a fitting script: fit on the whole dev corpus (or ``--docs``), write the model."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus)
    parser.add_argument("--out", type=Path, default=models)
    parser.add_argument("--docs", nargs="*")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").exists():
        print(f"{script}: skipped, no corpus at {args.corpus}")
        return 0
    docs = args.docs or sorted(p.stem for p in (args.corpus / "docs").glob("*.txt"))
    print(f"{script}: wrote {fit(docs, args.out, args.corpus, verbose=True)}")
    return 0
