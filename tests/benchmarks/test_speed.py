"""benchmarks/speed_mixes.py: the real-text mixes the speed benchmark times, on invented documents."""

from __future__ import annotations

import random
import re

from script_loader import load_script

from aidfigures.extract import find_figures

MONEY = "Peru received $5 million in military aid in 2006 from the United States."
PROSE = ("The delegation met the minister of the interior on Tuesday and discussed the "
         "coming elections, the state of the roads and the weather in the highlands.")


def _mixes():
    return load_script("benchmarks/speed_mixes.py")


def test_varied_copies_keep_the_shape_and_change_the_numbers():
    m = _mixes()
    text = "In 2006 the 3 towns got 1,250 tonnes; in 1999 none."
    out = m.varied(text, random.Random(0))
    assert re.sub(r"\d", "0", out) == re.sub(r"\d", "0", text)  # as many digits, same places
    assert all(1990 <= int(y) <= 2025 for y in re.findall(r"\b\d{4}\b", out))
    docs = m.replicate([text], 5 * len(text))
    assert len(docs) >= 5 and len(set(docs)) > 1


def test_the_sparse_mix_replaces_paragraphs_by_figure_free_prose():
    m = _mixes()
    assert m.figure_free([MONEY + "\n\n" + PROSE]) == [PROSE]  # the money paragraph is not filler
    docs = ["\n\n".join([MONEY] * 40)]
    out = m.sparse(docs, [PROSE], keep=0.2, seed=1)[0]
    parts = m.paragraphs(out)
    assert len(parts) == 40 and 20 <= parts.count(PROSE) <= 39
    assert len(find_figures(out)) == parts.count(MONEY)


def test_one_document_is_at_least_the_size_asked():
    m = _mixes()
    text = m.one_document([MONEY, PROSE], 10_000)
    assert len(text) >= 10_000 and text.count(MONEY) >= 10


def test_without_the_dev_corpus_its_mix_is_skipped(tmp_path, capsys):
    m = _mixes()
    m.DEV = tmp_path / "missing"
    names = [name for name, docs in m.mixes(2_000) if docs]
    assert names == ["seed", "sparse"]
    assert "dev corpus not found" in capsys.readouterr().out


def test_the_scaling_lines_give_time_per_mb_and_peak_memory(capsys):
    speed = load_script("benchmarks/speed.py")
    speed.scaling([MONEY + "\n\n" + PROSE] * 3, max_mb=0.01)  # one document of 10 KB only
    line, ratio = capsys.readouterr().out.splitlines()
    found = re.fullmatch(r"  one document of +0\.01 MB: +[\d.]+ s CPU, ([\d.]+) s per MB, ([\d,]+) figures, "
                         r"peak RSS so far ([\d,]+) MiB", line)
    assert found, line
    assert int(found.group(2).replace(",", "")) >= 10 and int(found.group(3).replace(",", "")) > 10
    assert ratio.startswith("  time per MB, largest / smallest ratio: 1.00")
