"""ISO 3166 records read from pycountry's data files are the ones pycountry gives."""

from __future__ import annotations


def test_iso3166_records_are_pycountrys() -> None:
    # read from pycountry's data files: the same countries and subdivision names as its objects give
    import pycountry

    from aidfigures.parse.iso3166 import countries, subdivision_names

    fields = ("alpha_2", "alpha_3", "name", "common_name", "official_name")
    assert list(countries()) == [{f: getattr(c, f, None) for f in fields} for c in pycountry.countries]
    expected: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        expected.setdefault(sub.country_code, []).append(sub.name)
    assert {code: sorted(names) for code, names in subdivision_names().items()} == \
        {code: sorted(names) for code, names in expected.items()}
    assert {"Santander", "Tolima", "Huila"} <= set(subdivision_names()["CO"])


def test_iso3166_falls_back_to_pycountry(monkeypatch) -> None:
    from aidfigures.parse import iso3166

    expected = (iso3166.countries(), iso3166.subdivision_names())
    monkeypatch.setattr(iso3166, "_database", lambda name: None)  # a pycountry whose files moved
    iso3166.countries.cache_clear()
    iso3166.subdivision_names.cache_clear()
    try:
        assert (iso3166.countries(), iso3166.subdivision_names()) == expected
    finally:
        iso3166.countries.cache_clear()
        iso3166.subdivision_names.cache_clear()
