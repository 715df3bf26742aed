"""The year model's training data: dev figures aligned to the gold, the seed's pinned figures, invented examples.

Used by benchmarks/fit_year.py. Each figure is a group of candidates (features from
``aidfigures.parse.year_choice.year_candidates``) labelled right when they give the gold year.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from aidfigures.extract import find_figures
from aidfigures.parse import year_choice
from aidfigures.parse.choice import models_from
from aidfigures.parse.years import shifted_year
from aidfigures.sources import read_document, read_manifest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "dev"
ROOT = Path(__file__).resolve().parents[1]
#: the project's seed article and its pinned figures (tests/golden), always part of the training data
SEED = (ROOT / "data" / "raw" / "ips_peru_wikileaks_2010.txt",
        ROOT / "tests" / "golden" / "ips_peru_wikileaks_2010.csv")
#: invented sentences with the years their figures have (benchmarks/year_examples.csv)
EXAMPLES = ROOT / "benchmarks" / "year_examples.csv"
MODES = ("text", "dated")

#: (doc_id, mode) -> one group per aligned figure: (candidate features, labels)
_GROUPS: dict[tuple[str, str], list[tuple[list[dict[str, float]], list[bool]]]] = {}
#: (doc_id, mode) -> per group: figure text, gold year, gold note, sentence, candidate years (for review)
_SEEN: dict[tuple[str, str], list[tuple]] = {}
#: id of a group -> (figure has an ISO3 recipient, it is the gold's, the gold has a triple)
_TRIPLE: dict[int, tuple[bool, bool, bool]] = {}
#: id of a group -> the year each candidate gives (None: no year), as choose_year compares them
_YEARS: dict[int, list[int | None]] = {}
#: id of a group -> its weight in the fit: the seed's pinned figures and the invented examples state the
#: conventions outright, so each counts as EXAMPLE_WEIGHT dev figures
_WEIGHT: dict[int, float] = {}
EXAMPLE_WEIGHT = 4.0


def _num(x: str | None) -> float | None:
    try:
        return float(str(x).replace(",", "").strip())
    except ValueError:
        return None


def _year(x: str | None) -> int | None:
    v = _num(x)
    return int(v) if v is not None else None


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _gold(corpus: Path, mode: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with open(corpus / "gold.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            note = r.get("note", "").lower()
            if mode == "text" and ("pubdate" in note or "inferred" in note):
                r = dict(r, year="", year_end="")
            out.setdefault(r["doc_id"], []).append(r)
    return out


def _extract(corpus: Path, doc_id: str, mode: str, record: dict | None = None) -> list[dict]:
    """The document's figures as rows; with ``record``, its year candidates by figure offsets."""
    text = read_document(corpus / "docs" / f"{doc_id}.txt").text
    published = read_manifest(corpus / "sources.csv").get(doc_id) if mode == "dated" else None
    if record is None:
        return [asdict(f) for f in find_figures(text, doc_id, published)]
    original = year_choice.year_candidates
    year_choice.year_candidates = _recorder(record)
    try:
        return [asdict(f) for f in find_figures(text, doc_id, published)]
    finally:
        year_choice.year_candidates = original


def _align(rows: list[dict], gold: list[dict[str, str]]) -> list[tuple[dict, dict[str, str]]]:
    """Pair figures with gold mentions as score.py does (recipient agreeing first, then any)."""
    used: set[int] = set()
    paired: dict[int, dict[str, str]] = {}
    for strict in (True, False):
        for j, p in enumerate(rows):
            if j in paired:
                continue
            for i, g in enumerate(gold):
                if i in used or g["currency"].strip().upper() != (p["currency"] or "").upper() \
                        or not _close(p["amount"], _num(g["amount"])):
                    continue
                if strict and (p["recipient_iso3"] or "") != g["recipient"].strip().upper():
                    continue
                used.add(i)
                paired[j] = g
                break
    return [(rows[j], g) for j, g in sorted(paired.items())]


def _fixed_years(corpus: Path, doc_id: str, fix: dict | None) -> dict[tuple[int, int], int | None]:
    """What a corrections file (one document's lines, ``{(start, end): {field: Correction}}``) says the
    years of its figures are: a ``year`` correction its value (None for an empty one, "no year"), a
    confirmation the year the shipped extractor gives with the manifest's publication date (as in
    the corrected figures table the analyst confirmed). Lines of other fields say nothing of the year."""
    out: dict[tuple[int, int], int | None] = {}
    extracted: dict[tuple[int, int], int | None] | None = None
    for span, fields in sorted((fix or {}).items()):
        if "year" in fields:
            out[span] = _year(fields["year"].value) if fields["year"].value else None
        elif "confirmed" in fields:
            if extracted is None:
                extracted = {(r["start"], r["end"]): r["year"] for r in _extract(corpus, doc_id, "dated")}
            if span in extracted:
                out[span] = extracted[span]
    return out


def _groups(corpus: Path, doc_id: str, mode: str,
            fix: dict | None = None) -> list[tuple[list[dict[str, float]], list[bool]]]:
    """The figures of one document aligned to the gold, as candidate groups; with ``fix`` (the
    document's corrections, see :func:`_fixed_years`) the years the corrections give label the
    figures they name instead of the gold's, and figures the gold does not pair become groups too."""
    wants = _fixed_years(corpus, doc_id, fix) if fix else {}
    key = (doc_id, mode) if not wants else (doc_id, mode, tuple(sorted(wants.items(), key=lambda kv: kv[0])))
    if key not in _GROUPS:
        record: dict = {}
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "year.json").write_text(json.dumps({"weights": {}}), encoding="utf-8")
            with models_from(tmp):
                rows = _extract(corpus, doc_id, mode, record)
        out = []
        paired = _align(rows, _gold(corpus, mode).get(doc_id, []))
        taken = {(p["start"], p["end"]) for p, _ in paired}
        unpaired = [(p, {"year": "", "note": "correction", "recipient": p["recipient_iso3"] or ""}) for p in rows
                    if (p["start"], p["end"]) in wants and (p["start"], p["end"]) not in taken]
        for p, g in paired + unpaired:
            if (p["start"], p["end"]) not in record:
                continue  # a table cell: its year is the column's
            text, cands = record[(p["start"], p["end"])]
            span = (p["start"], p["end"])
            want = wants[span] if span in wants else _year(g["year"])
            labels = [(y is None and want is None) or
                      (y is not None and shifted_year(text, p["end"], y).year == want) for y, _ in cands]
            out.append(([f for _, f in cands], labels))
            _YEARS[id(out[-1])] = _keys(text, p["end"], cands)
            gold_iso3 = g["recipient"].strip().upper()
            _SEEN.setdefault(key, []).append((p["text"], g["year"], g["note"], p["sentence"], [y for y, _ in cands]))
            _TRIPLE[id(out[-1])] = (bool(p["recipient_iso3"]), p["recipient_iso3"] == gold_iso3 and len(gold_iso3) == 3,
                                    len(gold_iso3) == 3 and want is not None)
        _GROUPS[key] = out
    return _GROUPS[key]


def _seed_groups():
    """The seed article's figures labelled with the years its golden file pins, without and with
    its manifest date (data/raw/sources.csv): the seed tests run it both ways."""
    key = ("seed", "both")
    if key not in _GROUPS:
        text_path, golden = SEED
        out = []
        if text_path.exists() and golden.exists():
            with open(golden, newline="", encoding="utf-8") as f:
                pinned = list(csv.DictReader(f))
            dated = read_manifest(text_path.parent / "sources.csv").get(text_path.stem)
            for published in (None, dated):
                record: dict = {}
                with tempfile.TemporaryDirectory() as tmp:
                    Path(tmp, "year.json").write_text(json.dumps({"weights": {}}), encoding="utf-8")
                    with models_from(tmp):
                        year_choice.year_candidates, original = _recorder(record), year_choice.year_candidates
                        try:
                            rows = {f.start: f for f in find_figures(text_path.read_text(encoding="utf-8"), "seed",
                                                                      published)}
                        finally:
                            year_choice.year_candidates = original
                for g in pinned:
                    p = rows.get(int(g["start"]))
                    if p is None or (p.start, p.end) not in record:
                        continue
                    text, cands = record[(p.start, p.end)]
                    want = _year(g["year"])
                    labels = [(y is None and want is None) or
                              (y is not None and shifted_year(text, p.end, y).year == want) for y, _ in cands]
                    out.append(([f for _, f in cands], labels))
                    _YEARS[id(out[-1])] = _keys(text, p.end, cands)
                    iso3 = g["recipient_iso3"] or ""
                    _TRIPLE[id(out[-1])] = (bool(p.recipient_iso3), p.recipient_iso3 == iso3 and len(iso3) == 3,
                                            len(iso3) == 3 and want is not None)
                    _WEIGHT[id(out[-1])] = EXAMPLE_WEIGHT
        _GROUPS[key] = out
    return _GROUPS[key]


def _example_groups():
    """Invented sentences of benchmarks/year_examples.csv, labelled with the years they state."""
    key = ("examples", "any")
    if key not in _GROUPS:
        out = []
        lines = [ln for ln in EXAMPLES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "year.json").write_text(json.dumps({"weights": {}}), encoding="utf-8")
            with models_from(tmp):
                for row in csv.DictReader(lines):
                    record: dict = {}
                    year_choice.year_candidates, original = _recorder(record), year_choice.year_candidates
                    try:
                        figures = [f for f in find_figures(row["text"], "example", row["published"] or None)]
                    finally:
                        year_choice.year_candidates = original
                    wants = [None if w == "-" else int(w) for w in row["years"].split(";")]
                    if len(wants) != len(figures):
                        print(f"fit_year: {len(figures)} figures, {len(wants)} years: {row['text']}", file=sys.stderr)
                        continue
                    for f, want in zip(figures, wants, strict=True):
                        if (f.start, f.end) not in record:
                            continue
                        text, cands = record[(f.start, f.end)]
                        labels = [(y is None and want is None)
                                  or (y is not None and shifted_year(text, f.end, y).year == want)
                                  for y, _ in cands]
                        out.append(([g for _, g in cands], labels))
                        _YEARS[id(out[-1])] = _keys(text, f.end, cands)
                        _TRIPLE[id(out[-1])] = (True, True, want is not None)
                        _WEIGHT[id(out[-1])] = EXAMPLE_WEIGHT
        _GROUPS[key] = out
    return _GROUPS[key]


def _keys(text: str, end: int, cands) -> list[int | None]:
    return [None if y is None else shifted_year(text, end, y).year for y, _ in cands]


def _recorder(record: dict):
    original = year_choice.year_candidates

    def recording(doc, s, c, start, end, cues, is_aid, with_rule=True):
        found = original(doc, s, c, start, end, cues, is_aid, True)  # the rules' pick too: a logit+rule fit weighs it
        record[(start, end)] = (doc.text, found)
        return found

    return recording


def _all(corpus: Path, doc_ids: list[str], train: bool = False, fixes: dict | None = None):
    """The figures of ``doc_ids`` in both modes; for training, with the seed article's, and with
    ``fixes`` (``fitting.corrections_for``'s) labelling the figures a corrections file names."""
    fixes = fixes if train and fixes else {}
    return ([g for d in doc_ids for m in MODES for g in _groups(corpus, d, m, fixes.get(d))]
            + (_seed_groups() + _example_groups() if train else []))


def _folds(doc_ids: list[str], k: int = 5, seed: int = 0) -> list[list[str]]:
    ids = sorted(doc_ids)
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]
