"""sources.csv manifests: publication dates, titles and URLs by doc_id."""

import datetime as dt
from pathlib import Path

import pytest

from aidfigures.sources import find_manifest, read_manifest

# (title, published column, expected date); titles written for these tests in the shapes of real
# manifests: news (outlet, date), reports (number, date), cables, Spanish press
TITLES = [
    ("U.S. aid heads to Haiti (Spokesman-Review, Nov 12 2010)", "", dt.date(2010, 11, 12)),
    ("World pledges billions (Fox News/AP, Jan 2002; passage)", "", dt.date(2002, 1, 1)),
    ("Ayuda a Colombia (El Tiempo, 15 de marzo de 2012)", "", dt.date(2012, 3, 15)),
    ("Security aid (Reuters, 2012-03-15T10:00Z)", "", dt.date(2012, 3, 15)),
    ("Plan Colombia (Semana, 3/15/2010)", "", dt.date(2010, 3, 15)),
    ("Aid to Peru (AP, 2010)", "", dt.date(2010, 1, 1)),
    ("Aid to Peru in 2010 (AP)", "", None),  # a year in the subject is no publication date
    ("Aid 2010-2014 strategy", "", None),
    ("Anything", "2009-05-01", dt.date(2009, 5, 1)),  # the date column wins
]


@pytest.mark.parametrize("title, published, expected", TITLES, ids=[t[0][:30] for t in TITLES])
def test_dates_from_the_date_column_or_the_title(tmp_path: Path, title: str, published: str,
                                                 expected: dt.date | None) -> None:
    (tmp_path / "sources.csv").write_text(f'doc_id,title,published\nd,"{title}",{published}\n', encoding="utf-8")
    assert read_manifest(tmp_path / "sources.csv").get("d") == expected


def test_manifest_found_in_the_folder_or_its_parent(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "sources.csv").write_text("doc_id,published\na,2010-01-02\n", encoding="utf-8")
    assert find_manifest(tmp_path / "docs") == tmp_path / "sources.csv"


def test_unreadable_manifest_warns_and_gives_no_dates(tmp_path: Path) -> None:
    from aidfigures.errors import DocumentWarning

    (tmp_path / "sources.csv").write_bytes(b"\xff\xfe\x00binary")
    with pytest.warns(DocumentWarning, match="manifest not read"):
        assert read_manifest(tmp_path / "sources.csv") == {}


# (manifest CSV, what it says about document d: (published, title, url)); invented rows in the
# column layouts manifests use
ENTRIES = [
    pytest.param("doc_id,title,url,published\nd,Ayuda a Perú,https://example.org/d,2010-12-16\n",
                 (dt.date(2010, 12, 16), "Ayuda a Perú", "https://example.org/d"), id="all-three"),
    pytest.param("doc_id,headline,link\nd,Aid to Haiti,http://example.org/h\n",
                 (None, "Aid to Haiti", "http://example.org/h"), id="headline-and-link"),
    pytest.param("doc_id,url_or_path,subject\nd,https://example.org/c,AID FOR BOLIVIA\n",
                 (None, "AID FOR BOLIVIA", "https://example.org/c"), id="a-url_-column-and-subject"),
    pytest.param("doc_id,title,url\nd,\"  Aid (AP, Jan 2002)  \",\n",
                 (dt.date(2002, 1, 1), "Aid (AP, Jan 2002)", None), id="date-from-title-no-url"),
]


@pytest.mark.parametrize("text, expected", ENTRIES)
def test_entries_give_date_title_and_url(tmp_path: Path, text: str, expected: tuple) -> None:
    from aidfigures.sources.manifest import ManifestEntry, read_manifest_entries

    (tmp_path / "sources.csv").write_text(text, encoding="utf-8")
    assert read_manifest_entries(tmp_path / "sources.csv")["d"] == ManifestEntry(*expected)


def test_rows_that_say_nothing_are_left_out(tmp_path: Path) -> None:
    from aidfigures.sources.manifest import read_manifest_entries

    (tmp_path / "sources.csv").write_text("doc_id,title,url,published\nd,,,\n", encoding="utf-8")
    assert read_manifest_entries(tmp_path / "sources.csv") == {}


@pytest.mark.parametrize("value", ["9999-12-31", "1899-12-30", "0001-01-01", "31/31/2010", "not a date"])
def test_a_date_that_cannot_be_used_warns_naming_the_row(tmp_path: Path, value: str) -> None:
    from aidfigures.errors import DocumentWarning

    manifest = tmp_path / "sources.csv"
    manifest.write_text(f"doc_id,published,title\ninforme,{value},Ayuda\nnota,2010-05-01,\n", encoding="utf-8")
    with pytest.warns(DocumentWarning, match=rf"sources.csv: informe: published '{value}' not used"):
        dates = read_manifest(manifest)
    assert dates == {"nota": dt.date(2010, 5, 1)}  # the row without a usable date is left out, the others stay
