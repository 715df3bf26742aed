"""Money mentions in prose: ``$56.4 million``, ``582 million dollars``, ``US$ 1.600 millones``."""

from __future__ import annotations

import re
from decimal import Decimal

from ..errors import ParseError
from .continued import breakdown, inherit, merge_ranges, series
from .currencies import (
    exact,
    has_cents,
    marker_before,
    markers,
    per,
    prefix_row,
    qualifier,
    resolve_currency,
    suffix_exponent,
    suffix_family,
    suffix_iso,
    weak_marker,
)
from .mention import Money
from .money_edges import (
    WEAK_END,
    YEAR_AFTER,
    back_number,
    may_be_followed,
    scale_of,
    shared_scale,
    weak_after,
    weak_iso,
)
from .numbers import parse_number, scale_exponent
from .spelled import minor_after, number_phrase, word_amounts
from .vocab import alt

__all__ = ["MAX_DIGITS", "Money", "find_money", "parse_money", "parse_amount"]


_NUMBER_RUN = re.compile(r"\d[\d.,]*")
_SPACES = frozenset(" \u00a0\u202f\u2009")
_SPACES_RE = re.compile("[ \u00a0\u202f\u2009]")
#: Thousands grouped by spaces, read as one number only beside a currency sign or code.
_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\d])")
_APOSTROPHES = re.compile(r"\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?(?![\d'’])")
_NUMBER_FORM = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
_QUOTES = frozenset("'’")


def _numbers(text: str, p: dict, lang: str):
    """(start, end, digits) of each number not glued to a word (``RL32487``) or a path, except
    a currency code or sign (``USD115``, ``Q762``)."""
    for m in _NUMBER_RUN.finditer(text):
        a, e = m.span()
        spaced = _SPACED.match(text, a) if e - a <= 3 and text[e:e + 1] in _SPACES \
            and text[e + 1:e + 2].isdigit() else None  # (1-3 digits, a space, a digit: where it can start)
        if spaced and (not a or not text[a - 1].isalnum()) and (
                p["suffix"].match(text, spaced.end()) or marker_before(text, a, lang)):
            yield a, spaced.end(), _SPACES_RE.sub("", spaced.group())  # "9 800 Kč", "EUR 1 298,00"
            continue
        if a and (text[a - 1].isalnum() or text[a - 1] in "_./-,"):
            if text[a - 1] == "." and a >= 2 and text[a - 2] == "$":  # "$.6 MILLION" in cables
                run = m.group().rstrip(".,")
                if run.isdigit():
                    yield a - 1, a + len(run), "0." + run
                continue
            if not (text[a - 1].isalpha() and marker_before(text, a, lang)):
                continue
        run = m.group().rstrip(".,")
        swiss = _APOSTROPHES.match(text, a) if text[a + len(run):a + len(run) + 1] in _QUOTES else None
        if swiss:  # "CHF 1'049,95": thousands grouped by apostrophes
            yield a, swiss.end(), swiss.group().replace("'", "").replace("’", "")
        elif run.isdigit() or _NUMBER_FORM.fullmatch(run):  # (digits alone: the form's second branch)
            yield a, a + len(run), run

#: Integer digits an amount may have (Python's decimal precision, 28, less a margin for sums):
#: a longer number is not a figure anyone wrote, and cannot be computed with exactly.
MAX_DIGITS = 24


def _too_long(value: Decimal, exp: int) -> bool:
    return value.adjusted() + exp >= MAX_DIGITS


def find_money(text: str, lang: str = "en", local_currency: str | None = None,
               skipped: list[tuple[int, int, str]] | None = None) -> list[Money]:
    """Find every monetary mention in ``text``, in order.

    A mention needs a currency sign, code or word (``$``, ``US$``, ``euros``, ``dólares``),
    or, written as ``N millones``/``N million`` with none, a currency-bearing mention right
    after it in a comparison (``de mil 400 millones a mil 600 millones de dólares``).
    Years, percentages, counts and vague amounts (``multi-billion dollar``) are not money.
    ``local_currency`` is what ``pesos`` or a bare ``$`` in Spanish text mean (e.g. ``COP``);
    without it they give ``currency=None``. An amount of :data:`MAX_DIGITS` digits or more is
    skipped; ``skipped``, when given, gets its ``(start, end, reason)``.

    Examples
    --------
    >>> [(m.text, m.amount, m.qualifier) for m in find_money(
    ...     "Colombia, which received nearly 582 million dollars in 2006 (60 percent)")]
    [('582 million dollars', Decimal('582000000'), 'approx')]
    >>> m = find_money("he paid 50,000 dollars a month in bribes")[0]
    >>> m.amount, m.per
    (Decimal('50000'), 'month')
    >>> [(m.amount, m.amount_high) for m in find_money("between $8 billion and $12 billion")]
    [(Decimal('8000000000'), Decimal('12000000000'))]
    >>> [m.amount for m in find_money("US$ 1.600 millones y 7,06 mil millones de dólares", lang="es")]
    [Decimal('1600000000'), Decimal('7060000000')]
    >>> find_money("a multi-billion dollar programme")
    []

    A single-letter sign before a plain number (``Q8``, ``L 95``) is money only where the text also
    writes that currency as money (``Q1,500 millones``, ``quetzales``), and not before a year;
    elsewhere ``Q3`` is a quarter.

    >>> [m.text for m in find_money("In Q3 2020 the price rose to Q8; Q1,500 millones were voted.")]
    ['Q8', 'Q1,500 millones']
    >>> [m.text for m in find_money("Sales rose in Q3 and Q4.")]
    []
    >>> [m.text for m in find_money("Nine of every ten dollars, $45 million, reach the field.")]
    ['$45 million']
    """
    dropped: set[str] = set()
    first: list[tuple[int, int, str]] = []
    found = _find_money(text, lang, local_currency, first, frozenset(), dropped)
    trusted = frozenset(dropped & {m.currency for m in found if m.currency})
    if trusted:
        first.clear()
        found = _find_money(text, lang, local_currency, first, trusted, set())
    if skipped is not None:
        skipped.extend(first)
    return [m for m in found if not _PROPORTION.search(text, max(0, m.start - 24), m.start)]


#: Right before an amount that is the base of a proportion ("nine of every ten dollars"): no mention
_PROPORTION = re.compile(r"(?<!\w)(?:" + alt("proportion_before", space=r"\s+") + r")\s+\Z", re.I)


def _find_money(text: str, lang: str, local_currency: str | None, skipped: list[tuple[int, int, str]],
                trusted: frozenset[str], dropped: set[str]) -> list[Money]:
    """:func:`find_money`'s pass: a weak sign before a plain number counts when its currency is
    ``trusted``; the currencies of the weak signs it passes over are added to ``dropped``."""
    p = markers(lang)
    found: list[Money] = []
    bare: list[Money] = []
    covered = 0  # the end of the last mention: a number inside it (``$5 to $7 million``) is not another
    for num_start, pos, digits in _numbers(text, p, lang):
        if num_start < covered:
            continue
        start = num_start
        iso: str | None = None
        before = text[num_start - 2:num_start] if num_start >= 2 else text[:num_start]
        pre = marker_before(text, num_start, lang) \
            if before and (before[-1] in p["prefix_ends"]
                           or before[-1] in " :" and before[:1] in p["prefix_ends"]) else None
        if text.startswith((",-", ".-"), pos) and p["suffix"].match(text, pos + 2):
            pos += 2  # "50,- Kč": a price with no cents
        if pre and pre.start() < covered:
            pre = None  # the sign after the amount before: "3,49 zł 1,75 zł"
        if not pre and (not may_be_followed(text, pos, p) or not p["could_follow"].match(text, pos)):
            continue  # a bare number (a year, a count): no sign before, no scale or currency after
        try:
            value = parse_number(digits, lang)
        except ParseError:
            continue
        if pre and weak_marker(pre.group(), lang) and not _GROUPED.search(digits) \
                and not p["scale"].match(text, pos) \
                and (weak_iso(pre.group(), lang) not in trusted or YEAR_AFTER.match(text, pos)):
            dropped.add(weak_iso(pre.group(), lang))
            pre = None  # "Q3", "R2": a quarter, a road, not quetzales or rand
            if not may_be_followed(text, pos, p) or not p["could_follow"].match(text, pos):
                continue
        family, pexp = None, 0
        if pre:
            iso, family, pexp = prefix_row(pre.group().strip(), lang)
            start = pre.start()
        elif lang == "es" and p["mil_before"].search(text, max(0, num_start - 5), num_start):
            back = back_number(text, num_start, lang)
            start = back if back is not None else text.rfind("mil", 0, num_start)
        high = None
        r = p["range"].match(text, pos)
        link = r.group().split()[0] if r and r.group().split() else ""
        changed = _FROM.search(text, max(0, start - 8), start) is not None  # "from 10 to 20": two amounts
        if r and (not changed and (pre and link not in ("and", "y") or _RANGE_TO.fullmatch(link))
                  or link[:1] in "-–—" or _BETWEEN.search(text[max(0, start - 12):start].lower())):
            try:
                high = parse_number(r.group(1), lang)
            except ParseError:
                high = None
            if high is not None and high >= value:
                pos = r.end()
            else:  # "from $69 to $56 billion": a fall from one amount to another, not a range
                high = None
        exp = pexp
        magnitude = 0
        sc = p["scale"].match(text, pos)
        if sc and not (sc.group(1) == "mil" and lang != "es"):
            try:
                exp = scale_exponent(sc.group(1))
                pos = sc.end()
            except ParseError:
                exp = 0
        phrase_from = start if not pre else num_start
        if high is None and (phrase_from < num_start or _EXTENDS.match(text, pos)):
            ph = number_phrase(text, phrase_from, lang)
            if ph and ph[2] >= 3 and (ph[0] > pos or phrase_from < num_start):
                value, exp, pos = ph[1], 0, ph[0]  # "3 mil 415 millones 600 mil", "dos mil 600 millones"
                magnitude = ph[2]
        if exp == 0 and high is None and (pre or not _YEARLIKE.fullmatch(digits)):
            # "400 y 37 millones de dólares": the scale and currency are shared (a year never shares them)
            exp, iso = shared_scale(text, pos, iso, p, changed)
        suf = p["suffix"].match(text, pos)
        if suf and (suf.group(1).lower() != "usd" or not iso) and not (
                weak_after(suf.group(1), lang) and not WEAK_END.match(text, suf.end())):
            after = suffix_iso(suf.group(1), lang)
            if not iso or iso in "$*" or (family == "$" and after not in "$*"):  # "$1,190.00 AUD"
                iso, family = after, suffix_family(suf.group(1), lang) or (family if after in "$*" else None)
            exp = exp or suffix_exponent(suf.group(1), lang)
            pos = suf.end()
            if not exp:  # "75 USD million": a scale word after the code
                sc2 = p["scale"].match(text, pos)
                if sc2 and sc2.group(1) != "mil":
                    exp, pos = scale_exponent(sc2.group(1)), sc2.end()
        if lang != "es" and _DOT_GROUPS.fullmatch(digits) and _SPANISH_UNIT.search(text, num_start, pos):
            value = parse_number(digits, "es")  # "1.600 millones" quoted in English text: 1,600
        elif lang != "es" and not exp and _ONE_GROUP.fullmatch(digits) and not has_cents(iso):
            value = parse_number(digits, "es")  # "Rp 31.500": a currency without decimals
        if _too_long(value, exp) or (high is not None and _too_long(high, exp)):
            skipped.append((start, pos, f"an amount of {MAX_DIGITS} digits or more"))
            covered = pos
            continue
        scale = Decimal(10) ** exp
        value = exact(value * scale)
        high = exact(high * scale) if high is not None else None
        if value == 0 and not ((pre or suf) and (_GROUPED.search(digits) or suf and not suf.group(1).isalnum())):
            continue  # unit headers such as ($000); "$0.00" is an amount
        if iso is None:
            if max(exp, magnitude) >= 6:
                bare.append(Money(text[start:pos], start, pos, value, high, None))
                covered = pos
            continue
        if exp == 0 and magnitude == 0 and high is None and value == value.to_integral_value():
            cents = minor_after(text, pos, lang)  # "20 dollars 43 cents", "$20 and 43c"
            if cents:
                pos, value = cents[0], value + cents[1]
        covered = pos
        qual = qualifier(text, start, pos)
        found.append(Money(text[start:pos], start, pos, value, high,
                           resolve_currency(iso, lang, local_currency), qual, per(text, start, pos),
                           family or (iso if iso in ("$", "*") else None)))
    found.extend(word_amounts(text, lang, local_currency, found, bare))
    found.sort(key=lambda m: m.start)
    bare.sort(key=lambda m: m.start)
    found.extend(inherit(text, bare, found))
    found.sort(key=lambda m: m.start)
    found.extend(series(text, found, lambda m: scale_of(m, p)))
    found.sort(key=lambda m: m.start)
    found = breakdown(text, found, lambda m: scale_of(m, p))
    found.sort(key=lambda m: m.start)
    return merge_ranges(text, found)


_GROUPED = re.compile(r"[.,]")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
#: What can carry a number on past its scale word: "217 millones 233 mil", "dos millones y medio".
_EXTENDS = re.compile(r"[ \t]*(?:\d|(?i:mil|y\s+medi[oa]|and\s+a\s+half|and\s+one\s+half)\b)")
_ONE_GROUP = re.compile(r"\d{1,3}\.\d{3}")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPANISH_UNIT = re.compile(r"mill[oó]n|millones|billones|millardos?|dólares|pesos|soles")
_FROM = re.compile(rf"\b(?:{alt('from')})\s+$", re.I)
_BETWEEN = re.compile(r"\b(between|entre)\s*$")
_RANGE_TO = re.compile(alt("range_to"), re.I)


def parse_money(text: str, lang: str = "en") -> Money:
    """Parse a string holding exactly one money amount.

    Examples
    --------
    >>> parse_money("$2.01 million").amount
    Decimal('2010000')
    >>> parse_money("€5 million").currency
    'EUR'
    >>> parse_money("56 apples")
    Traceback (most recent call last):
    ...
    aidfigures.errors.ParseError: no money amount in '56 apples'
    """
    found = find_money(text, lang=lang)
    if not found:
        raise ParseError(f"no money amount in {text!r}")
    if len(found) > 1:
        raise ParseError(f"more than one money amount in {text!r}")
    return found[0]


def parse_amount(text: str, lang: str = "en") -> Decimal:
    """Return the exact value of the one money amount in ``text``.

    Examples
    --------
    >>> parse_amount("$2.01 million")
    Decimal('2010000')
    >>> float(parse_amount("US$7.06 billion"))
    7060000000.0
    >>> parse_amount("mil 400 millones de dólares", lang="es")
    Decimal('1400000000')
    """
    return parse_money(text, lang=lang).amount
