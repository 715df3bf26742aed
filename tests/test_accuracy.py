"""Dev-set accuracy floors, measured with the shared scorer; skipped where ../shared is absent."""

import os
from pathlib import Path

import pytest
from script_loader import load_script

from aidfigures.corpus import extract_files
from aidfigures.outputs import write_figures

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.skipif(not (DEV / "docs").is_dir() or not SCORER.is_file(),
                                reason="../shared/corpus/dev is not available (a user's clone has none)")


def test_dev_set_meets_the_floors(tmp_path):
    score = load_script(SCORER)
    out = write_figures(extract_files(DEV / "docs"), tmp_path / "figures.csv")
    result = score.score(score._read(os.fspath(DEV / "gold.csv")), score._read(os.fspath(out)))
    # a ratchet: the level measured on the 62 documents (2026-12-01: mention 0.7255, triple 0.5146;
    # after the accuracy work of the same day: mention 0.9975, triple 0.853, is_aid 0.985 -- fitted to these
    # documents, so above what new text gets: see benchmarks/accuracy.py's cross-validation);
    # raise it whenever extraction gets better, never lower it -- except as on 2026-12-01 (s3-years): the year model
    # refitted with the paragraph-before, section-heading and status-date candidates fits the dev documents a little
    # less (triple 0.853 -> 0.841 in-sample) for a better score on text it was not fitted to (see the commit); with the
    # recipient's money and document-spread features (s3-recip) on top: triple 0.858; with the groups and regions,
    # the year grammar and the own-money is_aid features of the next session (s5): triple 0.879, CV 0.800; with the
    # end years, the paragraph-before lead and cue words that belong to their nearest figure (s6): triple 0.891,
    # is_aid 0.988, CV 0.767 / 0.813
    assert result["mention"]["f1"] >= 0.995
    assert result["triple"]["f1"] >= 0.885
    assert result["is_aid_accuracy"] >= 0.985
