"""sources.csv manifests: publication dates by doc_id, from a date column or the title."""

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
