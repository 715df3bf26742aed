"""The lookup CSV files: well-formed rows, compilable patterns, known codes."""

import re
from importlib import resources

import pycountry
import pytest

from aidfigures.lang import read_vocab_all
from aidfigures.lookups import read_lookup

NAMES = sorted(p.name[:-4] for p in resources.files("aidfigures.lookups").iterdir() if p.name.endswith(".csv"))


@pytest.mark.parametrize("name", NAMES)
def test_every_row_has_exactly_the_header_fields(name: str) -> None:
    for row in read_lookup(name):
        assert None not in row, f"{name}.csv: a row has more fields than the header (unquoted comma?): {row}"
        assert all(v is not None for v in row.values()), f"{name}.csv: a row has too few fields: {row}"


def test_cue_patterns_compile_and_need_some_text() -> None:
    rows = read_lookup("cues")
    assert rows
    for row in rows:
        pattern = re.compile(row["pattern"])  # raises if it does not compile
        assert pattern.fullmatch("") is None and pattern.search("   ") is None, row


def test_alias_codes_are_iso3_or_known_regions() -> None:
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    aliases = (*read_lookup("place_aliases"), *read_vocab_all("place_aliases"))
    assert {row["iso3"] for row in aliases} <= iso3
    regions = {row["code"] for row in read_vocab_all("regions")}
    assert {row["recipient"] for row in read_lookup("programs") if row["recipient"]} <= iso3 | regions
