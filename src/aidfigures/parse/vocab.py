"""Function words of every language as regex alternations (``lang/<lang>/function_words.csv``).

The parse patterns that are mostly words (prepositions, list joiners, verbs of giving) are built
here from the language files, so adding a language adds its words to every pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab

__all__ = ["LIST_GAP", "alt", "words"]


@lru_cache(maxsize=None)
def words(*kinds: str) -> tuple[str, ...]:
    """The words of ``kinds`` in every language, each once, in file order.

    Examples
    --------
    >>> words("and", "or")
    ('and', 'y', 'or', 'o')
    """
    return tuple(dict.fromkeys(r["word"] for kind in kinds for lang in LANGUAGES
                               for r in read_vocab("function_words", lang) if r["kind"] == kind))


def alt(*kinds: str, space: str = r"\ ") -> str:
    r"""The words of ``kinds`` as the body of a regex group: escaped, longest first; the space between
    the words of a phrase becomes ``space`` (one space; ``r"\s+"`` for any run of white space).

    Examples
    --------
    >>> alt("range_to", "and")
    'and|to|a|y'
    >>> alt("donor_before", space=r"\s+").split("|")[0]
    'por\\s+parte\\s+de'
    """
    found = words(*kinds)
    if not found:  # an empty group would match the empty string everywhere
        raise KeyError(f"no function words of kinds {kinds!r} in any language")
    return "|".join(re.escape(w).replace(r"\ ", space) for w in sorted(found, key=len, reverse=True))


#: The gap between two places of one list (", ", " and ", " e ", ", and "), then perhaps an article.
LIST_GAP = re.compile(rf"^(?:\s*,\s*|\s+(?:{alt('and', 'and_vowel')}|&)\s+|\s*,\s*(?:{alt('and')})\s+)"
                      rf"(?:(?:{alt('article')})\s+)?$", re.I)
