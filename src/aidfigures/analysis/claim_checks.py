"""Rank and change claims (:class:`Claim`) and their verdicts: the figures they are checked against and the
numbers behind it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import pandas as pd

from ..currency.formatting import format_money
from ..lang import read_vocab_all
from ..lookups import read_lookup
from ..parse.places import Place
from ..parse.years import find_years

__all__ = ["Claim", "Link", "check_rank", "check_change", "scope_name"]

CONSISTENT: Final = "consistent"
INCONSISTENT: Final = "inconsistent"
CANNOT: Final = "cannot check"
_SHOWN: Final = 6  # countries listed in a rank's evidence


@dataclass(frozen=True)
class Claim:
    """A rank or change claim found in a text, before it is checked.

    ``rank`` is 1 for "the biggest recipient"; ``after`` holds the countries said to rank above;
    ``scope`` is a region code (``LATAM``...), ``region`` (the subject's) or ``world``;
    ``direction`` is ``up``/``down`` and ``degree`` ``large``/``small``/None for change claims;
    ``needs_figure`` is True when only a nearby figure makes it a claim about money ("third place").
    """

    kind: str
    start: int
    end: int
    rank: int | None = None
    after: tuple[Place, ...] = ()
    scope: str | None = None
    direction: str | None = None
    degree: str | None = None
    needs_figure: bool = False


@dataclass(frozen=True)
class Link:
    """What a claim speaks about: the subject country and year, and the figure behind them if any."""

    subject: str | None
    iso3: str | None
    year: int | None
    category: str | None = None
    program: str | None = None
    donor: str | None = None
    measure: str | None = None
    usd: float | None = None
    doc_id: str | None = None
    key: str | None = None
    size_of_change: bool = False

    @classmethod
    def of(cls, row: pd.Series, size_of_change: bool = False) -> Link:
        """The link to one figure (a row of a figures table)."""
        def get(col: str) -> Any:
            return None if pd.isna(row[col]) else row[col]

        return cls(get("recipient"), get("recipient_iso3"), None if pd.isna(row["year"]) else int(row["year"]),
                   get("category"), get("program"), get("donor"), get("measure"), get("amount_usd"),
                   row["doc_id"], f"{row['doc_id']}:{row['start']}", size_of_change)


@cache
def _regions() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    members = {r["region"]: frozenset(r["members"].split()) for r in read_lookup("region_members")}
    names: dict[str, str] = {}
    for r in read_vocab_all("regions"):  # the shortest name: "Latin America", not "... and the Caribbean"
        if len(r["name"]) < len(names.get(r["code"], r["name"] + " ")):
            names[r["code"]] = r["name"]
    return members, names


def _scope(scope: str | None, iso3: str | None) -> tuple[frozenset[str] | None, str | None]:
    """(the countries a ranking covers or None for all, its name)."""
    members, names = _regions()
    if scope == "region":
        scope = next((code for code in ("LATAM", "WESTERN_HEMISPHERE") if iso3 in members[code]), None)
    if scope in members:
        return members[scope], names.get(scope, scope.replace("_", " ").title())
    return None, "the world" if scope == "world" else None


def scope_name(scope: str | None, iso3: str | None) -> str | None:
    """The name of the region a rank claim holds in (``region`` resolved from the subject).

    Examples
    --------
    >>> scope_name("region", "PER"), scope_name("LATAM", None), scope_name(None, "PER")
    ('Latin America', 'Latin America', None)
    """
    return _scope(scope, iso3)[1]


def _same(column: pd.Series, value: object) -> pd.Series:
    """NA-aware equality: NA matches NA only."""
    return column.isna() if value is None else (column == value).fillna(False).astype(bool)


def _comparable(figures: pd.DataFrame, link: Link) -> pd.DataFrame:
    """Aid figures in dollars for single countries and years, of the link's kind of aid and donor."""
    ok = (figures["is_aid"].fillna(False).astype(bool) & figures["amount_usd"].notna()
          & figures["recipient_iso3"].notna() & figures["year"].notna()
          & figures["year_end"].isna() & figures["per"].isna()
          & _same(figures["category"], link.category) & _same(figures["program"], link.program))
    if link.donor is not None:
        ok &= figures["donor"].isna() | (figures["donor"] == link.donor).fillna(False).astype(bool)
    return figures.loc[ok]


def _keys(rows: pd.DataFrame) -> list[str]:
    return [f"{d}:{s}" for d, s in zip(rows["doc_id"], rows["start"], strict=True)]


def _money(value: float) -> str:
    return format_money(value, "USD")


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _kind(link: Link) -> str:
    return (link.category or "").replace("_", " and ") + (" aid" if link.category else "aid figures")


def check_rank(claim: Claim, link: Link, figures: pd.DataFrame, tolerance: float) -> tuple[str, str, list[str]]:
    """Check "the Nth biggest recipient (in a region) after X and Y" against the year's figures."""
    if link.iso3 is None:
        return CANNOT, "no country found for the claim", []
    if link.year is None:
        return CANNOT, f"no year found for {link.subject}", []
    pool = _comparable(figures, link)
    pool = pool.loc[pool["year"] == link.year]
    members, name = _scope(claim.scope, link.iso3)
    where = f" in {name}" if members is not None else ""
    if members is not None:
        pool = pool.loc[pool["recipient_iso3"].isin(members | {link.iso3})]
    values = pool.groupby("recipient_iso3")["amount_usd"].median().sort_values(ascending=False)
    names = dict(zip(pool["recipient_iso3"], pool["recipient"], strict=True))
    for place in claim.after:
        names.setdefault(place.iso3, place.name)
    head = f"{link.year} {_kind(link)}{where}: "
    if link.iso3 not in values:
        return CANNOT, f"{head}no figure in dollars for {link.subject}", _keys(pool)
    mine = values[link.iso3]
    listing = ", ".join(f"{names[c]} {_money(v)}" for c, v in values.head(_SHOWN).items())
    if len(values) > _SHOWN:
        listing += f" and {len(values) - _SHOWN} more"
    above = {c for c, v in values.items() if c != link.iso3 and v > mine * (1 + tolerance)}
    ties = [names[c] for c, v in values.items() if c != link.iso3 and c not in above and v >= mine * (1 - tolerance)]
    claimed = [p.iso3 for p in claim.after]
    wrong = [c for c in claimed if c in values and values[c] < mine * (1 - tolerance)]
    missing = [names[c] for c in claimed if c not in values]
    union = above | set(claimed)
    expected = (claim.rank or 1) - 1
    if wrong:
        said = "; ".join(f"{names[c]} {_money(values[c])} is not above {link.subject} {_money(mine)}" for c in wrong)
        return INCONSISTENT, f"{head}{listing}; {said}", _keys(pool)
    if len(union) > expected:
        return INCONSISTENT, (f"{head}{listing}; {len(union)} {'country' if len(union) == 1 else 'countries'} "
                              f"above {link.subject}, "
                              f"so {_ordinal(len(union) + 1)} at best, not {_ordinal(expected + 1)}"), _keys(pool)
    if ties:
        return CANNOT, f"{head}{listing}; {', '.join(ties)} within {tolerance:.0%} of {link.subject}", _keys(pool)
    if missing:
        return CANNOT, f"{head}{listing}; no {link.year} figure for {', '.join(missing)}", _keys(pool)
    if len(union) < expected or len(values) < 2:
        return CANNOT, (f"{head}{listing}; figures for {len(above)} of the {expected} countries that "
                        f"would rank above {link.subject}" if expected else f"{head}{listing}; no other country's "
                        f"figure to compare with"), _keys(pool)
    return CONSISTENT, f"{head}{listing}; {link.subject} is {_ordinal(expected + 1)}", _keys(pool)


def check_change(claim: Claim, link: Link, figures: pd.DataFrame, text: str,
                 large_change: float) -> tuple[str, str, list[str], str | None]:
    """Check "a substantial reduction" against the subject's earlier figure: (verdict, evidence, keys, year)."""
    if link.size_of_change:
        return CANNOT, "the figure given is the size of the change, not the level before and after", \
            [link.key] if link.key else [], None
    if link.iso3 is None or link.year is None or link.usd is None:
        missing = "country" if link.iso3 is None else "year" if link.year is None else "amount in dollars"
        return CANNOT, f"no {missing} for the figure the claim is about", [link.key] if link.key else [], None
    pool = _comparable(figures, link)
    pool = pool.loc[(pool["recipient_iso3"] == link.iso3) & (pool["year"] < link.year)]
    if not len(pool):
        return CANNOT, f"no earlier {_kind(link)} for {link.subject} before {link.year}", _own(link), None
    own = pool.loc[pool["doc_id"] == link.doc_id]
    sentence_years = {y.year for y in find_years(text[max(0, claim.start - 300):claim.end + 100])}
    named = sorted(set(pool["year"]) & sentence_years)
    year = named[-1] if named else int((own if len(own) else pool)["year"].max())
    base = pool.loc[pool["year"] == year]
    if (base["doc_id"] == link.doc_id).any():
        base = base.loc[base["doc_id"] == link.doc_id]
    old = float(base["amount_usd"].median())
    before = "/".join(sorted(set(base["measure"].dropna())))
    change = (link.usd - old) / old if old else float("nan")
    evidence = (f"{link.subject} {link.year} {_money(link.usd)}{f' ({link.measure})' if link.measure else ''} "
                f"vs {year} {_money(old)}{f' ({before})' if before else ''}: {change:+.1%}")
    keys = _own(link) + _keys(base)
    if not (change < 0 if claim.direction == "down" else change > 0):
        return INCONSISTENT, f"{evidence}, not {'a fall' if claim.direction == 'down' else 'a rise'}", keys, str(year)
    if claim.degree == "large":
        if abs(change) < large_change:
            return INCONSISTENT, f"{evidence}, a small change (under {large_change:.0%})", keys, str(year)
        return CONSISTENT, f"{evidence}, a large change (at least {large_change:.0%})", keys, str(year)
    if claim.degree == "small" and abs(change) > large_change:
        return INCONSISTENT, f"{evidence}, a large change (over {large_change:.0%})", keys, str(year)
    return CONSISTENT, evidence, keys, str(year)


def _own(link: Link) -> list[str]:
    """The key of the figure a claim is about, when it has one."""
    return [link.key] if link.key else []
