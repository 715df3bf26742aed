"""The invented held-out corpus: well-formed annotations, the scorer's rules, accuracy floors (a ratchet)."""

import csv
import re
from pathlib import Path

import pytest
from script_loader import load_script

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "heldout"
GOLD_COLUMNS = ["doc_id", "surface", "amount", "amount_high", "currency", "recipient", "year", "year_end",
                "is_aid", "qualifier", "per", "note"]
REGIONS = {"LATAM", "CENTRAL_AMERICA", "ANDEAN", "CARIBBEAN", "GLOBAL"}

# Floors at the level measured when the corpus was written (text only / with dates); raise them as
# the extractor improves, never lower them to make a change pass.
FLOORS = {
    ("text_only", "mention"): 0.995,
    ("text_only", "triple"): 0.845,
    ("with_dates", "mention"): 0.995,
    ("with_dates", "triple"): 0.80,
}
#: 0.88 until s3-years: reading "mil millones de dólares" finds one more held-out mention (mention F1 0.976 -> 0.982),
#: whose is_aid is wrong, so the share right drops from 0.883 to 0.880
#: 0.875 -> 0.94 with s5-aid (a government's own money in its own currency, asks, nested cues: 0.880 -> 0.946)
#: 0.94 -> 0.96 with s6-aaid (cue words belong to the nearest figure, disaster and purpose words, own Congress: 0.967)
IS_AID_FLOOR = 0.96


def _load_scorer():
    return load_script("benchmarks/corpus_score.py")


cs = _load_scorer()


def _gold():
    with open(HELDOUT / "gold.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _sources():
    with open(HELDOUT / "sources.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the corpus -------------------------------------------------------------------------------

def test_gold_has_the_dev_corpus_columns():
    with open(HELDOUT / "gold.csv", newline="", encoding="utf-8") as f:
        assert next(csv.reader(f)) == GOLD_COLUMNS


def test_every_document_has_a_source_row_and_a_size_of_a_short_article():
    docs = {p.stem: p.read_text(encoding="utf-8") for p in (HELDOUT / "docs").glob("*.txt")}
    sources = _sources()
    assert {s["doc_id"] for s in sources} == set(docs)
    assert len(docs) == 30
    assert all(150 <= len(text.split()) <= 600 for text in docs.values())
    languages = [s["language"] for s in sources]
    assert languages.count("en") == 20 and languages.count("es") == 10


def test_every_gold_row_is_well_formed_and_its_surface_is_in_its_document():
    docs = {p.stem: p.read_text(encoding="utf-8") for p in (HELDOUT / "docs").glob("*.txt")}
    for row in _gold():
        assert row["surface"] in docs[row["doc_id"]], row
        assert float(row["amount"]) > 0
        assert re.fullmatch(r"[A-Z]{3}", row["currency"]), row
        for part in filter(None, row["recipient"].split("|")):
            assert part in REGIONS or re.fullmatch(r"[A-Z]{3}", part), row
        assert row["is_aid"] in {"true", "false"}
        assert row["qualifier"] in {"exact", "approx", "at_least", "at_most"}
        assert row["per"] in {"", "year", "month"}
        assert not row["year_end"] or row["year"], row


# --- the scorer's matching rules ----------------------------------------------------------------

def _g(amount, currency="USD", recipient="", year="", note="", doc="d"):
    return {"doc_id": doc, "surface": str(amount), "amount": str(amount), "currency": currency,
            "recipient": recipient, "year": str(year), "year_end": "", "is_aid": "true",
            "qualifier": "exact", "note": note}


def _p(amount, currency="USD", recipient="", year="", doc="d", is_aid="true"):
    return {"doc_id": doc, "text": str(amount), "amount": str(amount), "currency": currency,
            "recipient_iso3": recipient, "year": str(year), "is_aid": is_aid, "qualifier": "exact"}


SCORE_CASES = [
    # (gold, pred, mention (tp, pred, gold), triple (tp, pred, gold))
    ("amount within half a percent matches", [_g(1000000)], [_p(1004000)], (1, 1, 1), (0, 0, 0)),
    ("amount off by one percent does not", [_g(1000000)], [_p(1010000)], (0, 1, 1), (0, 0, 0)),
    ("currency must agree", [_g(5000000, "EUR")], [_p(5000000, "USD")], (0, 1, 1), (0, 0, 0)),
    ("a repeated amount pairs by recipient and year first",
     [_g(2000000, recipient="PER", year=2010), _g(2000000, recipient="BOL", year=2010)],
     [_p(2000000, recipient="BOL", year=2010), _p(2000000, recipient="PER", year=2010)], (2, 2, 2), (2, 2, 2)),
    ("a region recipient is no triple", [_g(3000000, recipient="LATAM", year=2020)],
     [_p(3000000, recipient="", year=2020)], (1, 1, 1), (0, 0, 0)),
    ("a predicted triple where the gold has none is a false positive", [_g(3000000, recipient="HTI")],
     [_p(3000000, recipient="HTI", year=2011)], (1, 1, 1), (0, 1, 0)),
    ("a missed gold triple counts toward recall", [_g(7000000, recipient="COL", year=2005)], [],
     (0, 0, 1), (0, 0, 1)),
    ("a spurious triple counts toward precision", [], [_p(9000000, recipient="GTM", year=2001)],
     (0, 1, 0), (0, 1, 0)),
]


@pytest.mark.parametrize("name,gold,pred,mention,triple", SCORE_CASES, ids=[c[0] for c in SCORE_CASES])
def test_score_matching_rules(name, gold, pred, mention, triple):
    r = cs.score(gold, pred, ["d"])
    assert (r["mention"]["tp"], r["mention"]["pred"], r["mention"]["gold"]) == mention
    assert (r["triple"]["tp"], r["triple"]["pred"], r["triple"]["gold"]) == triple


def test_is_aid_accuracy_counts_matched_mentions_only():
    r = cs.score([_g(1000), _g(2000)], [_p(1000, is_aid="false"), _p(2000), _p(3000)], ["d"])
    assert r["is_aid_accuracy"] == 0.5
    assert [(e["surface"], e["gold_is_aid"]) for e in r["aid_errors"]] == [("1000", "true")]


@pytest.mark.parametrize("note,blanked", [("year via pubdate", True), ("inferred: since the invasion", True),
                                         ("cumulative since 2016", False), ("", False)])
def test_text_only_gold_blanks_years_only_a_publication_date_gives(note, blanked):
    row = dict(_g(1, year=2020, note=note), year_end="2021")
    out = cs.text_only_gold([row])[0]
    assert (out["year"] == "" and out["year_end"] == "") is blanked
    assert row["year"] == "2020"


# --- the floors --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def heldout_result():
    return cs.evaluate(HELDOUT)


@pytest.mark.parametrize("run,level", sorted(FLOORS), ids=[f"{r}-{lvl}" for r, lvl in sorted(FLOORS)])
def test_heldout_f1_floor(heldout_result, run, level):
    assert heldout_result[run][level]["f1"] >= FLOORS[(run, level)]


def test_heldout_is_aid_floor(heldout_result):
    assert heldout_result["with_dates"]["is_aid_accuracy"] >= IS_AID_FLOOR
