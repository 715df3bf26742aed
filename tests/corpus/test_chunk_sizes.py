"""Chunk sizes: the last chunks of a corpus of known size are smaller, so that workers finish together."""

from __future__ import annotations

from aidfigures.corpus.chunks import _MIN_TAIL_CHARS, _TAIL_PARTS, RunState, _chunks, _limit
from aidfigures.corpus.progress import Progress
from aidfigures.sources import SourceDocument


def _sizes(n: int, chars: int, chunk_chars: int, expected: tuple[int | None, int | None]) -> list[int]:
    docs = [SourceDocument(f"d{i:05d}", f"d{i}.txt", "x" * chars) for i in range(n)]
    state = RunState("csv", 0, None)
    return [sum(len(d.text) for d in batch)  # type: ignore[union-attr]
            for _, batch, _ in _chunks(docs, {}, chunk_chars, 10**9, Progress("none"), state, expected)]


def test_unknown_size_keeps_the_chunk_size() -> None:
    assert _sizes(100, 50_000, 1_000_000, (None, None)) == [1_000_000] * 5


def test_the_tail_of_a_known_corpus_shrinks() -> None:
    sizes = _sizes(400, 25_000, 1_000_000, (400, None))
    assert sum(sizes) == 400 * 25_000
    assert sizes[0] == 1_000_000 and min(sizes) >= _MIN_TAIL_CHARS - 25_000  # the last one holds what is left
    assert all(a >= b for a, b in zip(sizes[1:-1], sizes[2:-1], strict=False))  # smaller and smaller
    assert max(sizes[-5:]) <= _MIN_TAIL_CHARS + 25_000


def test_the_size_comes_from_the_corpus_not_the_workers() -> None:
    # the same corpus is cut the same way on every run: by documents known, or by characters known
    assert _sizes(300, 30_000, 2_000_000, (300, None)) == _sizes(300, 30_000, 2_000_000, (300, None))
    by_chars = _sizes(300, 30_000, 2_000_000, (None, 300 * 30_000))
    assert sum(by_chars) == 300 * 30_000 and len(by_chars) > 9_000_000 // 2_000_000 + 1


def test_limit() -> None:
    assert _limit(2_000_000, (None, None), 10, 1000) == 2_000_000
    assert _limit(2_000_000, (1000, None), 0, 0) == 2_000_000  # nothing seen yet: no estimate
    assert _limit(2_000_000, (1000, None), 500, 5_000_000) == 5_000_000 // _TAIL_PARTS
    assert _limit(2_000_000, (1000, None), 999, 9_990_000) == _MIN_TAIL_CHARS
    assert _limit(2_000_000, (None, 100_000_000), 0, 0) == 2_000_000
    assert _limit(2_000_000, (None, 1_000_000), 0, 0) == _MIN_TAIL_CHARS  # a small corpus from its start
    assert _limit(2_000_000, (40, 1_000_000), 0, 0) == _MIN_TAIL_CHARS  # its characters tell more than its count
    assert _limit(2_000_000, (40, 8_000_000), 20, 6_400_000) == _MIN_TAIL_CHARS


def test_a_small_folder_is_cut_for_the_workers_from_its_first_chunk(tmp_path) -> None:
    # 1 MB in 40 files: known by count and bytes before reading, it makes several chunks, not one
    from aidfigures.sources import iter_documents

    for i in range(40):
        (tmp_path / f"d{i:02d}.txt").write_text("Peru got $5 million in 2006. " * 860, encoding="utf-8")
    documents = iter_documents(tmp_path)
    expected = (documents.total, documents.total_chars)  # type: ignore[attr-defined]
    assert expected == (40, 40 * 29 * 860)
    state = RunState("csv", 0, None)
    sizes = [sum(len(d.text) for d in batch)  # type: ignore[union-attr]
             for _, batch, _ in _chunks(documents, {}, 2_000_000, 10**9, Progress("none"), state, expected)]
    assert sum(sizes) == 40 * 29 * 860 and len(sizes) >= 8 and max(sizes) <= _MIN_TAIL_CHARS + 29 * 860
