"""CSV straight from figure records: the same text as the validated table's CSV, and the check that allows it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import warnings

import numpy as np
import pytest
from test_csv_rule import CELLS

from aidfigures import schema
from aidfigures.errors import SchemaError
from aidfigures.extract import Figure, figures_frame, find_figures
from aidfigures.outputs.base import _documents_csv
from aidfigures.outputs.csv_format import text_field, write_table_csv
from aidfigures.outputs.csv_records import documents_csv, figures_csv
from aidfigures.schema.records import surely_valid

#: Invented documents, grouped by the form of their figures.
TEXTS = {
    "plain": "Peru received $5 million in aid in 2006, and Bolivia got 3.2 million dollars.",
    "range and approx": "The US will give between $10 and $12 million to Ecuador in fiscal 2009, nearly $1.5 "
                        "billion in all.",
    "spanish": "Colombia recibió 56,4 millones de dólares en 2007 para la policía.",
    "other currency": "Mexico pledged 40 million pesos to Guatemala in 1998.",
    "table": "Aid to the Andes (US$ million)\n\nCountry   2005   2006\nPeru      12.5   14.0\nBolivia    8.1    9.3\n",
    "dated": "LIMA, June 3, 1976. The embassy asked for $675M for Peru in FY 1977.",
}


def _table_csv(records: list[Figure]) -> str:
    buffer = io.StringIO()
    write_table_csv(schema.validate(figures_frame(records)), buffer)
    return buffer.getvalue().partition("\n")[2]


@pytest.mark.parametrize("name", list(TEXTS))
def test_figures_csv_is_the_tables_csv(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        records = find_figures(TEXTS[name], doc_id=name, published=dt.date(2006, 5, 1), title="A, \"title\"")
    assert records and surely_valid(records)
    assert figures_csv(records) == _table_csv(records)


#: Values of text, number and date columns that the CSV writes in a particular way.
ODD_VALUES = [
    {"text": cell, "sentence": cell, "recipient": cell or None} for cell, _ in CELLS
] + [
    {"amount": 1e16, "amount_usd": float("nan")}, {"amount": 0.1 + 0.2, "amount_high": 1e22},
    {"amount": 5e-7, "confidence": 0.0}, {"confidence": 1.0, "fiscal": True, "is_aid": False},
    {"published": None, "year": None}, {"published": dt.date(1975, 1, 31), "year": 1900, "year_end": 2100},
    {"title": "Ayuda: 5 % \u00e9\u00f1", "alternatives": "recipient: COL 0.21 | none 0.05"},
]


@pytest.mark.parametrize("change", ODD_VALUES)
def test_figures_csv_of_odd_values(change: dict[str, object]) -> None:
    base = find_figures(TEXTS["plain"], doc_id="odd")[0]
    record = dataclasses.replace(base, **change)
    assert surely_valid([record])
    assert figures_csv([record]) == _table_csv([record])


#: Records the check is not sure of, grouped by why: the table's validation decides.
UNSURE = [
    # not of the column's Python type
    {"start": np.int64(3)}, {"amount": 5}, {"year": True}, {"published": dt.datetime(2006, 1, 2)},
    # missing where required, or NaN
    {"currency": None}, {"amount": math.nan}, {"text": None},
    # outside a check
    {"currency": "usd"}, {"qualifier": "roughly"}, {"year": 1899}, {"confidence": 1.5}, {"start": 30, "end": 30},
    {"amount_high": 1.0}, {"year_end": 2001, "year": 2006}, {"measure": "spent"},
]


@pytest.mark.parametrize("change", UNSURE)
def test_surely_valid_is_only_sure(change: dict[str, object]) -> None:
    record = dataclasses.replace(find_figures(TEXTS["plain"], doc_id="u")[0], **change)
    assert not surely_valid([record])
    try:  # "not sure": the table's validation passes or fails, never a different text
        table_csv = _table_csv([record])
    except (SchemaError, TypeError, ValueError):
        return
    assert table_csv  # valid after all: the chunk is written from the table


def test_a_repeated_key_is_not_sure() -> None:
    records = find_figures(TEXTS["plain"], doc_id="k")
    assert surely_valid(records) and not surely_valid(records + records[:1])


#: Document rows as chunks make them, with the values the documents CSV writes in a particular way.
ROWS = [
    {"doc_id": "a", "source": "docs/a.txt", "title": None, "url": None, "published": dt.date(2006, 1, 2),
     "published_from": "source", "characters": 120, "sha256": "ab" * 32, "n_figures": 2, "error": None,
     "warnings": None, "metadata": None},
    {"doc_id": "=b", "source": "cables.csv#line 2", "title": "Aid; \"Peru\"", "url": "https://x.org/?a=1,2",
     "published": None, "published_from": None, "characters": None, "sha256": None, "n_figures": 0,
     "error": "binary file, not text", "warnings": "decoded as cp1252; lone surrogates replaced",
     "metadata": '{"origin": "Embassy Lima", "n": 5}'},
    {"doc_id": "c", "source": "", "title": "", "url": "-1", "published": dt.date(1976, 2, 20),
     "published_from": "dateline", "characters": 0, "sha256": "", "n_figures": 0, "error": None,
     "warnings": "\tx", "metadata": "'"},
]


def test_documents_csv_is_the_tables_csv() -> None:
    assert documents_csv(ROWS) == _documents_csv(ROWS).partition("\n")[2]
    assert documents_csv([]) == ""


@pytest.mark.parametrize(("cell", "written"), CELLS)
def test_text_field_follows_the_rule(cell: str, written: str) -> None:
    assert text_field(cell) == written
