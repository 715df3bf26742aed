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
    parser.add_argument("--corrections", type=Path, metavar="PATH",
                        help="a corrections file (docs/schema.md): its lines on the corpus's documents are extra "
                             "training examples (they win over the gold for the figures they name)")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").exists():
        print(f"{script}: skipped, no corpus at {args.corpus}")
        return 0
    docs = args.docs or sorted(p.stem for p in (args.corpus / "docs").glob("*.txt"))
    extra = {"corrections": args.corrections} if args.corrections else {}
    print(f"{script}: wrote {fit(docs, args.out, args.corpus, verbose=True, **extra)}")
    return 0


#: ``{doc_id: {(start, end): {field: Correction}}}``: a corrections file's lines on a corpus's documents.
Fixes = dict[str, dict[tuple[int, int], dict[str, Any]]]


def corrections_for(corpus: Path, doc_ids: Sequence[str], path: Path | None) -> Fixes:
    """The corrections of ``path`` (a corrections file, docs/schema.md) that fall on the documents
    ``doc_ids`` of ``corpus``: matched by the SHA-256 of each document's text, computed here; the later
    of two corrections of one field wins. Corrections of other documents are left out (their text is
    not here to learn from)."""
    import hashlib

    from aidfigures.corrections import read_corrections
    from aidfigures.corrections.apply import latest

    if path is None:
        return {}
    by_figure, _ = latest(read_corrections(path))
    shas = {hashlib.sha256((corpus / "docs" / f"{d}.txt").read_text(encoding="utf-8").encode("utf-8")).hexdigest(): d
            for d in doc_ids}
    out: Fixes = {}
    for (sha, start, end), fields in by_figure.items():
        if sha in shas:
            out.setdefault(shas[sha], {})[(start, end)] = dict(fields)
    return out


def place_code(value: str) -> str:
    """A recipient correction's value as the candidates' key: an ISO3 or region code (a region's name
    becomes its code); empty for none."""
    from aidfigures.corrections.values import recipient_of
    from aidfigures.parse.places import place_table

    name, iso3 = recipient_of(value)
    if name is None or iso3 is not None:
        return iso3 or ""
    codes = {n: code for n, _, code, kind in place_table("en").values() if kind == "region"}
    return value if value in codes.values() else codes.get(name, value)
