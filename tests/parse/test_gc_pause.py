"""find_figures pauses the cyclic garbage collector: it leaves it as it found it, and reading makes no cycles."""

from __future__ import annotations

import gc
import warnings

import pytest

from aidfigures import find_figures
from aidfigures.parse.gc_pause import gc_paused

# documents of each shape the reader takes a different path through
DOCUMENTS = {
    "news, English": "Lima, March 3 2009 - Peru received $40 million in military aid in 2008, and Bolivia "
                     "$12 million. Funding fell from $9 to $7 million the next year.",
    "news, Spanish": "El Perú recibió 56,4 millones de dólares en ayuda militar en 2006, y Colombia casi 582 millones.",
    "table": "Aid by country (US$ million)\nCountry    2007   2008\nPeru       12.5   14.0\nBolivia     8.1    9.3\n",
    "a figure skipped with a warning": "Aid was $" + "9" * 40 + " in 2005, and $3 million in 2006.",
    "no money": "The minister met the delegation on Tuesday to discuss the border.",
    "pesos of no known country": "They paid 300 pesos for the permit.",
}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for text in DOCUMENTS.values():
                find_figures(text)
                assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_collector_is_back_on_after_an_error():
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("stop")
    assert gc.isenabled()


@pytest.mark.parametrize("text", list(DOCUMENTS.values()), ids=list(DOCUMENTS))
def test_reading_a_document_leaves_no_cycles(text):
    """What makes the pause free: everything a document's reading drops, reference counting frees."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        find_figures(text)  # first use of the data and caches it loads
        gc.collect()
        was = gc.isenabled()
        gc.disable()
        try:
            for _ in range(3):
                find_figures(text)
            assert gc.collect() == 0
        finally:
            if was:
                gc.enable()
