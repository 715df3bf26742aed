"""Extract a figures table from one document's text (the parse/ pipeline's front door)."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from .schema import empty_figures

__all__ = ["extract"]


def extract(text: str, doc_id: str = "doc", published: _dt.date | str | None = None) -> pd.DataFrame:
    """TEMPORARY STUB being replaced by the real extractor (work in progress)."""
    return empty_figures()
