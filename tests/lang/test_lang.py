"""Language data: every language has every slot, and the loader refuses what it does not have."""

from importlib import resources

import pytest

from aidfigures.lang import LANGUAGES, SLOTS, read_vocab, read_vocab_all


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slot", SLOTS)
def test_every_language_has_every_slot(lang, slot):
    rows = read_vocab(slot, lang)
    assert rows, f"lang/{lang}/{slot}.csv is empty"
    header = set(rows[0])
    other = read_vocab(slot, LANGUAGES[0])
    assert header == set(other[0]), f"lang/{lang}/{slot}.csv has other columns than lang/{LANGUAGES[0]}"


def test_no_file_without_a_slot():
    root = resources.files("aidfigures.lang")
    for lang in LANGUAGES:
        names = {p.name for p in root.joinpath(lang).iterdir() if p.name.endswith(".csv")}
        assert names == {f"{slot}.csv" for slot in SLOTS}, lang


def test_unknown_slot_or_language_is_a_key_error():
    with pytest.raises(KeyError):
        read_vocab("months", "xx")
    with pytest.raises(KeyError):
        read_vocab("nothing", "en")


def test_all_languages_tag_their_rows():
    rows = read_vocab_all("months")
    assert {"enero", "january"} <= {r["name"] for r in rows}
    assert {r["lang"] for r in rows} == set(LANGUAGES)
