"""Score the extractor on an annotated corpus (docs/, gold.csv, sources.csv) text-only and with publication dates.

usage: python benchmarks/corpus_score.py [CORPUS_DIR] [--cli CMD] [--errors] [--aid-errors] [--json]

CORPUS_DIR defaults to ``tests/data/heldout``. The procedure is the held-out sets' one:

text only
    the documents renamed ``doc000.txt``, ``doc001.txt`` ... with no ``sources.csv`` beside them,
    so neither a file name nor a manifest can give a year; gold years that only the publication
    date gives (notes "year via pubdate" / "inferred") are blanked;
with dates
    the documents under their own names with ``sources.csv`` beside them, against the full gold.

Mentions are matched inside each document by currency and amount (within 0.5%), each gold row
at most once, first among rows that also agree on recipient and year; (recipient, year, amount)
triples count only where the gold has an ISO3 recipient and a year. Only the standard library is
used, so this runs on a clone with nothing beside it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "heldout"
ISO3 = re.compile(r"^[A-Z]{3}$")
Row = dict[str, str]


def _num(x: object) -> float | None:
    try:
        v = float(str(x).replace(",", "").strip())
        return v if v == v else None
    except ValueError:
        return None


def _year(x: object) -> int | None:
    v = _num(x)
    return int(v) if v is not None else None


def _bool(x: object) -> bool:
    return str(x).strip().lower() in {"true", "1", "yes", "t"}


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def read_rows(path: str | Path) -> list[Row]:
    """Read a CSV file as a list of dicts.

    Parameters
    ----------
    path : str or Path
        A CSV file with a header line.

    Returns
    -------
    list of dict
        One dict per row, keyed by column name.
    """
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _pair(g_rows: list[Row], p_rows: list[Row]) -> tuple[set[int], dict[int, Row]]:
    used: set[int] = set()
    paired: dict[int, Row] = {}
    for strict in (True, False):
        for j, p in enumerate(p_rows):
            if j in paired:
                continue
            pa, pc = _num(p.get("amount")), (p.get("currency") or "").strip().upper()
            for i, g in enumerate(g_rows):
                if i in used or g["currency"].strip().upper() != pc or not _close(pa, _num(g["amount"])):
                    continue
                if strict and ((p.get("recipient_iso3") or "").strip().upper() != g["recipient"].strip().upper()
                               or _year(p.get("year")) != _year(g.get("year"))):
                    continue
                used.add(i)
                paired[j] = g
                break
    return used, paired


def score(gold_rows: Sequence[Row], pred_rows: Sequence[Row], docs: Sequence[str] | None = None) -> dict:
    """Score a figures table against gold mentions with ``score.py``'s matching rules.

    Parameters
    ----------
    gold_rows : sequence of dict
        Gold mentions (doc_id, surface, amount, currency, recipient, year, is_aid, qualifier...).
    pred_rows : sequence of dict
        The figures table (doc_id, text, amount, currency, recipient_iso3, year, is_aid, qualifier...).
    docs : sequence of str, optional
        Only these doc_ids (default: every document of the gold).

    Returns
    -------
    dict
        ``mention`` and ``triple`` precision/recall/F1 with counts, ``is_aid_accuracy``,
        ``qualifier_accuracy``, ``errors`` (missed, spurious and wrong-triple rows) and ``aid_errors``
        (matched mentions whose ``is_aid`` differs from the gold's).
    """
    gold: dict[str, list[Row]] = defaultdict(list)
    pred: dict[str, list[Row]] = defaultdict(list)
    for g in gold_rows:
        gold[g["doc_id"]].append(g)
    for p in pred_rows:
        pred[p.get("doc_id", "")].append(p)
    m_tp = m_pred = m_gold = t_tp = t_pred = t_gold = aid_ok = qual_ok = 0
    errors: list[dict[str, str]] = []
    aid_errors: list[dict[str, str]] = []
    doc_ids = sorted(docs or gold.keys())
    for d in doc_ids:
        g_rows, p_rows = gold.get(d, []), pred.get(d, [])
        m_pred += len(p_rows)
        m_gold += len(g_rows)
        used, paired = _pair(g_rows, p_rows)
        errors += [{"doc_id": d, "missed": g["surface"]} for i, g in enumerate(g_rows) if i not in used]
        for j, p in enumerate(p_rows):
            g = paired.get(j)
            p_rec, p_year = (p.get("recipient_iso3") or "").strip().upper(), _year(p.get("year"))
            p_triple = bool(ISO3.match(p_rec)) and p_year is not None
            t_pred += p_triple
            if g is None:
                errors.append({"doc_id": d, "spurious": p.get("text", p.get("amount", ""))})
                continue
            m_tp += 1
            if _bool(p.get("is_aid")) == _bool(g.get("is_aid")):
                aid_ok += 1
            else:
                aid_errors.append({"doc_id": d, "surface": g["surface"], "gold_is_aid": g.get("is_aid", ""),
                                   "note": g.get("note", "")})
            qual_ok += (p.get("qualifier") or "exact").strip() == (g.get("qualifier") or "exact").strip()
            g_rec, g_year = g["recipient"].strip().upper(), _year(g.get("year"))
            g_triple = bool(ISO3.match(g_rec)) and g_year is not None
            t_gold += g_triple
            if g_triple and p_triple and p_rec == g_rec and p_year == g_year:
                t_tp += 1
            elif g_triple or p_triple:
                errors.append({"doc_id": d, "surface": g["surface"], "gold": f"{g_rec or '-'} {g_year or '-'}",
                               "pred": f"{p_rec or '-'} {p_year or '-'}"})
        t_gold += sum(1 for i, g in enumerate(g_rows) if i not in used
                      and ISO3.match(g["recipient"].strip().upper()) and _year(g.get("year")) is not None)
    return {"docs": len(doc_ids), "mention": _prf(m_tp, m_pred, m_gold), "triple": _prf(t_tp, t_pred, t_gold),
            "is_aid_accuracy": round(aid_ok / m_tp, 4) if m_tp else 0.0,
            "qualifier_accuracy": round(qual_ok / m_tp, 4) if m_tp else 0.0, "errors": errors,
            "aid_errors": aid_errors}


def text_only_gold(rows: Sequence[Row]) -> list[Row]:
    """Blank the years that only a publication date gives (notes "pubdate" or "inferred").

    Parameters
    ----------
    rows : sequence of dict
        Gold mentions.

    Returns
    -------
    list of dict
        Copies of the rows, with ``year`` and ``year_end`` emptied where the note says so.
    """
    out = []
    for r in rows:
        note = r.get("note", "").lower()
        out.append(dict(r, year="", year_end="") if "pubdate" in note or "inferred" in note else dict(r))
    return out


def _extract(cli: Sequence[str], docs: Path, out: Path) -> list[Row]:
    res = subprocess.run([*cli, "extract", str(docs), "-o", str(out), "--quiet"], capture_output=True, text=True)
    if not out.exists():
        raise RuntimeError(f"extract wrote nothing ({res.returncode}): {res.stderr.strip()[-400:]}")
    return read_rows(out)


def evaluate(corpus: str | Path = HELDOUT, cli: Sequence[str] | None = None) -> dict:
    """Run the extractor on a corpus text-only and with dates, and score both runs.

    Parameters
    ----------
    corpus : str or Path
        A folder with ``docs/*.txt``, ``gold.csv`` and ``sources.csv`` (language, kind columns).
    cli : sequence of str, optional
        The command that runs ``aidfigures`` (default: this Python with ``-m aidfigures``).

    Returns
    -------
    dict
        ``text_only`` and ``with_dates`` scores (each with its errors) and ``subsets_text_only``:
        mention and triple F1 by language and by kind.
    """
    corpus = Path(corpus)
    cli = list(cli or [sys.executable, "-m", "aidfigures"])
    gold, sources = read_rows(corpus / "gold.csv"), read_rows(corpus / "sources.csv")
    docs = sorted((corpus / "docs").glob("*.txt"))
    alias = {d.stem: f"doc{i:03d}" for i, d in enumerate(docs)}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "anon").mkdir()
        (tmp / "dated" / "docs").mkdir(parents=True)
        for d in docs:
            shutil.copy(d, tmp / "anon" / (alias[d.stem] + ".txt"))
            shutil.copy(d, tmp / "dated" / "docs" / d.name)
        shutil.copy(corpus / "sources.csv", tmp / "dated" / "sources.csv")
        anon_pred = _extract(cli, tmp / "anon", tmp / "anon.csv")
        dated_pred = _extract(cli, tmp / "dated" / "docs", tmp / "dated.csv")
    anon_gold = [dict(r, doc_id=alias[r["doc_id"]]) for r in text_only_gold(gold)]
    result = {"documents": len(docs), "mentions": len(gold),
              "text_only": score(anon_gold, anon_pred), "with_dates": score(gold, dated_pred),
              "subsets_text_only": {}}
    for key in ("language", "kind"):
        for value in sorted({s[key] for s in sources}):
            ids = [alias[s["doc_id"]] for s in sources if s[key] == value]
            r = score(anon_gold, anon_pred, ids)
            result["subsets_text_only"][f"{key}={value}"] = {
                "docs": len(ids), "mention_f1": r["mention"]["f1"], "triple_f1": r["triple"]["f1"]}
    return result


def _line(name: str, r: dict) -> str:
    m, t = r["mention"], r["triple"]
    return (f"{name:<11} mention P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}   "
            f"triple P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}   "
            f"is_aid={r['is_aid_accuracy']:.3f} qualifier={r['qualifier_accuracy']:.3f}")


def main(argv: Sequence[str]) -> int:
    """Print the scores of a corpus (see the module docstring for the arguments)."""
    args = list(argv)
    cli = None
    if "--cli" in args:
        i = args.index("--cli")
        cli = args[i + 1].split()
        del args[i:i + 2]
    paths = [a for a in args if not a.startswith("--")]
    result = evaluate(paths[0] if paths else HELDOUT, cli)
    if "--json" in args:
        print(json.dumps({k: v for k, v in result.items()}, indent=1))
        return 0
    if "--errors" in args:
        for e in result["with_dates"]["errors"]:
            print("  " + "  ".join(f"{k}={v!r}" if k != "doc_id" else f"{k}={v}" for k, v in e.items()))
    if "--aid-errors" in args:
        for e in result["with_dates"]["aid_errors"]:
            print("  " + "  ".join(f"{k}={v!r}" if k != "doc_id" else f"{k}={v}" for k, v in e.items()))
    print(f"corpus: {result['documents']} documents, {result['mentions']} mentions")
    print(_line("text only", result["text_only"]))
    print(_line("with dates", result["with_dates"]))
    print("text only, by subset: " + "; ".join(
        f"{k} ({v['docs']}) {v['mention_f1']:.2f}/{v['triple_f1']:.2f}"
        for k, v in result["subsets_text_only"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
