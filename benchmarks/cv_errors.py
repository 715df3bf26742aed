"""List the cross-validated recipient and is_aid errors on the dev corpus, by kind, with the candidates' features.

usage: python benchmarks/cv_errors.py [--corpus DIR] [--folds 5] [--kind KIND ...] [--top 3]

Runs the 5-fold cross-validation by document of ``benchmarks/accuracy.py`` (every fitted model
refitted on four fifths of the documents), extracts each held-out document with its publication
date, records each text figure's recipient candidates (their features and held-out probability),
pairs the figures with the gold the way ``score.py`` does (document, currency, amount within 0.5%)
and prints each error with its sentence and best candidates, then the counts by kind:

- ``wrong_country``: the gold names one country, another country is chosen (``donor_chosen`` when
  the chosen one is a DAC donor; ``unreachable`` when no candidate is the gold's);
- ``missed``: the gold names one country, none is chosen;
- ``group_narrowed``: the gold names several places or a region, one country is chosen;
- ``spurious``: the gold has no recipient, a country is chosen;
- ``aid_false`` / ``aid_missed``: is_aid true where the gold says false, and the reverse.

The counts are what to fix first; the texts stay on screen (never copy them into the repository).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402

import aidfigures.parse.attribution as attribution  # noqa: E402
from aidfigures.extract import find_figures  # noqa: E402
from aidfigures.lookups import read_lookup  # noqa: E402
from aidfigures.parse.choice import models_from, read_model  # noqa: E402
from aidfigures.parse.recipient import recipient_candidates  # noqa: E402
from aidfigures.sources import read_manifest  # noqa: E402


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _one_country(key: str) -> bool:
    return len(key) == 3 and key.isalpha()


def _held_out(corpus: Path, k: int) -> list[dict]:
    """Every held-out text figure paired with its gold row: gold, prediction and ranked candidates."""
    fitters = [accuracy._load(accuracy.REPO / "benchmarks" / f"{n}.py", n) for n in accuracy.FITTERS
               if (accuracy.REPO / "benchmarks" / f"{n}.py").exists()]
    with open(corpus / "gold.csv", newline="", encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    dates = read_manifest(corpus / "sources.csv")
    ids = sorted(p.stem for p in (corpus / "docs").glob("*.txt"))
    out: list[dict] = []
    real = attribution.choose_recipient
    recorded: dict[int, list] = {}

    def record(doc, s, c, start, end, programs, is_aid=True, currency=None):
        cands = recipient_candidates(doc, s, c, start, end, programs, is_aid, currency)
        model = read_model("recipient")
        z = [model.score(f) for _, f in cands]
        e = [math.exp(v - max(z)) for v in z]
        recorded[start] = sorted(((x / sum(e), v.key if v else "-", f) for x, (v, f) in zip(e, cands, strict=True)),
                                 key=lambda t: -t[0])
        return real(doc, s, c, start, end, programs, is_aid, currency)

    with tempfile.TemporaryDirectory() as tmp:
        for n, held in enumerate(ids[i::k] for i in range(k)):
            models = Path(tmp, f"fold{n}")
            train = [d for d in ids if d not in set(held)]
            for fitter in fitters:
                fitter.fit(train, models)
            attribution.choose_recipient = record
            try:
                with models_from(models):
                    for doc_id in held:
                        text = (corpus / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
                        recorded.clear()
                        rows = [g for g in gold if g["doc_id"] == doc_id]
                        used: set[int] = set()
                        for fig in find_figures(text, doc_id, dates.get(doc_id)):
                            pairs = [i for i, g in enumerate(rows) if i not in used and g["amount"]
                                     and g["currency"].strip().upper() == fig.currency
                                     and _close(float(g["amount"]), fig.amount)]
                            if not pairs:
                                continue
                            used.add(pairs[0])
                            out.append({"doc": doc_id, "gold": rows[pairs[0]], "fig": fig,
                                        "cands": recorded.get(fig.start)})
            finally:
                attribution.choose_recipient = real
    return out


def _kinds(item: dict, dac: frozenset[str]) -> list[str]:
    g, fig = item["gold"], item["fig"]
    want = g["recipient"].strip().upper()
    got = (fig.recipient_iso3 or "").upper()
    kinds = []
    if _one_country(want) and got != want:
        if not got:
            kinds.append("missed")
        else:
            reachable = item["cands"] is None or any(key == want for _, key, _ in item["cands"])
            kinds.append("wrong_country" + (":donor_chosen" if got in dac else "")
                         + ("" if reachable else ":unreachable"))
    elif want and not _one_country(want) and got:
        kinds.append("group_narrowed")
    elif not want and got:
        kinds.append("spurious")
    gold_aid = g["is_aid"].strip().lower() == "true"
    if fig.is_aid != gold_aid:
        kinds.append("aid_false" if fig.is_aid else "aid_missed")
    return kinds


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out errors and their counts by kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=accuracy.SHARED / "corpus" / "dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--kind", nargs="*", help="print only errors whose kind starts with one of these")
    parser.add_argument("--top", type=int, default=3, help="candidates shown per error")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").exists():
        print(f"cv_errors: skipped, no corpus at {args.corpus}")
        return 0
    sources = {r["doc_id"]: r for r in accuracy._rows(args.corpus / "sources.csv")}
    dac = frozenset(r["iso3"] for r in read_lookup("dac_members"))
    counts: Counter[str] = Counter()
    by_doc_kind: Counter[str] = Counter()
    items = _held_out(args.corpus, args.folds)
    for item in items:
        kinds = _kinds(item, dac)
        counts.update(kinds)
        src = sources.get(item["doc"], {})
        by_doc_kind.update(f"{src.get('kind', '?')}:{k.split(':')[0]}" for k in kinds)
        if not kinds or (args.kind and not any(k.startswith(tuple(args.kind)) for k in kinds)):
            continue
        g, fig = item["gold"], item["fig"]
        print(f"== {item['doc']} [{src.get('language', '?')}/{src.get('kind', '?')}] {', '.join(kinds)}: "
              f"{g['surface']!r} gold={g['recipient'] or '-'} aid={g['is_aid']}  got={fig.recipient_iso3 or '-'} "
              f"aid={fig.is_aid} donor={fig.donor or '-'}  note={g.get('note', '')[:80]!r}")
        print(f"   {fig.sentence[:300]}")
        for p, key, feats in (item["cands"] or [])[:args.top]:
            print(f"   {p:.2f} {key:<12} {' '.join(sorted(feats))}")
    print(f"{len(items)} paired held-out figures; errors by kind: "
          + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    print("by document kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_doc_kind.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
