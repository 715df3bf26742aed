"""Numbers as written in English and Spanish prose: separators and scale words (words: parse/spelled.py)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..errors import ParseError
from ..lang import read_vocab_all
from ..lookups import read_lookup

__all__ = ["parse_number", "scale_exponent"]

_NUMERAL = re.compile(r"\d[\d,.]*")


def parse_number(text: str, lang: str = "en") -> Decimal:
    """Parse a written number to an exact :class:`~decimal.Decimal`.

    Separators follow the document's language: in English ``,`` groups thousands and ``.``
    is the decimal point; in Spanish a separator followed by exactly three digits groups
    thousands (``1.600``, ``3,500``) and any other is a decimal mark (``7,06``). When both
    marks appear, the last one is the decimal mark.

    Examples
    --------
    >>> parse_number("1,421,000")
    Decimal('1421000')
    >>> parse_number("56.4")
    Decimal('56.4')
    >>> parse_number("1.600", lang="es"), parse_number("7,06", lang="es")
    (Decimal('1600'), Decimal('7.06'))
    >>> parse_number("1.234,5", lang="es")
    Decimal('1234.5')
    >>> parse_number("12 apples")
    Traceback (most recent call last):
    ...
    aidfigures.errors.ParseError: not a number: '12 apples'
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not s or not _NUMERAL.fullmatch(s) or s[-1] in ",.":
        raise ParseError(f"not a number: {text!r}")
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        s = s.replace(grp, "").replace(dec, ".")
    elif commas or dots:
        sep = "," if commas else "."
        groups = s.split(sep)
        thousands = len(groups) > 2 or len(groups[1]) == 3 and (lang == "es" or sep == ",")
        if thousands and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            s = "".join(groups)
        elif len(groups) == 2:
            s = groups[0] + "." + groups[1]
        else:
            raise ParseError(f"not a number: {text!r}")
    try:
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules this out
        raise ParseError(f"not a number: {text!r}") from exc


@lru_cache(maxsize=None)
def _scales() -> dict[str, int]:
    return {row["word"]: int(row["exponent"]) for row in (*read_lookup("scales"), *read_vocab_all("scales"))}


def scale_exponent(word: str) -> int:
    """Return the power of ten a scale word stands for (``million`` -> 6, ``billones`` -> 12).

    Full words match in any case; one- and two-letter abbreviations (``m``, ``bn``) as given.

    Examples
    --------
    >>> scale_exponent("million"), scale_exponent("bn"), scale_exponent("mil millones")
    (6, 9, 9)
    >>> scale_exponent("BILLION"), scale_exponent("billones")
    (9, 12)
    """
    table = _scales()
    key = " ".join(word.split())
    if key in table:
        return table[key]
    if key.lower() in table and len(key) > 2:
        return table[key.lower()]
    raise ParseError(f"not a scale word: {word!r}")
