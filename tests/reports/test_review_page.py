"""The review page: escaped, offline, one script allowed by its hash; sorts and filters in Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.reports.review_page import POLICY, review_page
from aidfigures.tables.review import review_queue

HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"


def _figures() -> pd.DataFrame:
    docs = {
        "a": "Donors pledged 3 million euros in aid.",
        "b": "In 2009 donors pledged $4 million in aid.",
        "c": f"Donors pledged $9 million in aid to Honduras. {HOSTILE}",
        "d": "Peru received $5 million in aid in 2006.",
    }
    return pd.concat([af.extract(t, doc_id=k) for k, t in docs.items()], ignore_index=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(review_page(review_queue(_figures())), encoding="utf-8")
    return path


def test_the_one_script_is_allowed_by_its_hash_and_nothing_else(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 1 and "<script " not in text  # no src=, no second script
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in POLICY and "unsafe-inline' " not in POLICY.split("style-src")[0]
    assert "http://" not in text and "https://" not in text  # nothing to load


def test_document_text_is_escaped_and_the_amount_marked(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=" in text and "onerror=\"" not in text
    assert "<mark>3 million euros</mark>" in text and "<mark>$4 million</mark>" in text


def test_rows_say_their_reasons_and_key(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert re.search(r'<tr data-key="a:15-30" data-status="open" data-reasons="no_recipient no_year no_rate">', text)
    assert 'data-key="d:' not in text  # nothing to check on it


def _dom(page: Path, fragment: str) -> str:
    done = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                           "--dump-dom", page.as_uri() + fragment], capture_output=True, text=True, timeout=120,
                          check=True)
    return done.stdout


def _rows(dom: str) -> list[tuple[str, bool]]:
    """(key, hidden) of each row, in the order the page shows them."""
    return [(m.group(1), "hidden" in m.group(0)) for m in re.finditer(r'<tr data-key="([^"]+)"[^>]*>', dom)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (Debian package)")
@pytest.mark.parametrize(("fragment", "visible", "order"), [
    pytest.param("", {"a:15-30", "b:23-33", "c:15-25"}, ["a:15-30", "b:23-33", "c:15-25"], id="as ranked"),
    pytest.param("#reason=no_rate", {"a:15-30"}, None, id="one reason"),
    pytest.param("#q=honduras", {"c:15-25"}, None, id="search"),
    pytest.param("#status=confirmed", set(), None, id="status"),
    pytest.param("#sort=-amount", None, ["c:15-25", "b:23-33", "a:15-30"], id="largest first"),
    pytest.param("#sort=amount", None, ["a:15-30", "b:23-33", "c:15-25"], id="smallest first"),
])
def test_chromium_filters_and_sorts_from_the_url(page: Path, fragment: str, visible: set[str] | None,
                                                 order: list[str] | None) -> None:
    dom = _dom(page, fragment)
    assert "PWNED" not in dom.split("<body")[0]  # the document's payload did not run (the title is intact)
    rows = _rows(dom)
    if visible is not None:
        assert {k for k, hidden in rows if not hidden} == visible
        assert re.search(rf'<b id="shown">{len(visible)}</b>', dom)
    if order is not None:
        assert [k for k, _ in rows] == order


def test_corrected_rows_say_what_they_replaced_and_notes_are_listed() -> None:
    figures = _figures()
    figures["corrected"] = pd.array(["recipient;year", "confirmed", None, None], dtype="string")
    figures["original"] = pd.array(['{"recipient": "Peru", "recipient_iso3": "PER", "year": null}', None, None, None],
                                   dtype="string")
    page = review_page(review_queue(figures, everything=True), notes=["stale correction d:1-2 <year>"])
    assert "\u270e recipient (was Peru), year (was none)" in page
    assert 'data-status="confirmed"' in page and 'data-status="corrected"' in page
    assert "<li>stale correction d:1-2 &lt;year&gt;</li>" in page
    assert "1 listed with no reason to look, 2 already confirmed or corrected" in page
