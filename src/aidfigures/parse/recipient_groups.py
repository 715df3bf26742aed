"""Recipients that are several places read from the whole document: a region's named members, the lead's list."""

from __future__ import annotations

from functools import lru_cache

from ..lookups import read_lookup
from .context import DocumentContext
from .place_groups import as_recipient, group_span
from .places import Place
from .recipient_features import Recipient

__all__ = ["lead_list", "region_recipient"]

#: how far the document's lead reaches (characters): the title and its first lines
_LEAD = 600


@lru_cache(maxsize=1)
def _members() -> dict[str, tuple[frozenset[str], bool]]:
    """Each region code of ``region_members.csv``: its members and whether a figure for it names
    its members (``recipient`` = ``members``) rather than its label."""
    return {r["region"]: (frozenset(r["members"].split()), r["recipient"] == "members")
            for r in read_lookup("region_members")}


def _first_named(doc: DocumentContext) -> dict[str, Place]:
    """The first recipient place (not a giver nor a venue) of each code the document names (once)."""
    first = doc.__dict__.get("_first_named")
    if first is None:
        first = doc.__dict__.setdefault("_first_named", {})
        for p in doc.recipient_places:
            first.setdefault(p.code, p)
    return first


def region_recipient(doc: DocumentContext, code: str) -> Recipient | None:
    """The recipient a figure for region ``code`` has when the region has no label of its own
    (``recipient`` = ``members``): the members the document names, in the order it first names them
    (``Horn of Africa`` in a text that names Somalia, Kenya and Ethiopia: ``SOM|KEN|ETH``); ``None``
    for a labelled region (``ANDEAN``) or when the document names fewer than two of its members."""
    cache = doc.__dict__.setdefault("_region_recipients", {})
    if code in cache:
        return cache[code]
    members, by_members = _members().get(code, (frozenset(), False))
    out = None
    if by_members:
        named = sorted((p for c, p in _first_named(doc).items() if c in members), key=lambda p: p.start)
        if len(named) >= 2:
            name, _ = as_recipient(named)
            out = Recipient("|".join(p.code for p in named), name or "", None)
    cache[code] = out
    return out


def lead_list(doc: DocumentContext) -> Recipient | None:
    """The first list of two or more places (the United States not among them) that the document's
    lead names (``México y Centroamérica``), read once."""
    if "_lead_list" not in doc.__dict__:
        doc.__dict__["_lead_list"] = _lead_list(doc)
    return doc.__dict__["_lead_list"]


def _lead_list(doc: DocumentContext) -> Recipient | None:
    places = doc.recipient_places
    k = 0
    while k < len(places) and places[k].start < _LEAD:
        a, b = group_span(doc, places, places[k])
        codes = list(dict.fromkeys(p.code for p in places[a:b]))
        if len(codes) >= 2 and "USA" not in codes:
            name, _ = as_recipient(places[a:b])
            return Recipient("|".join(codes), name or "", None)
        k = max(b, k + 1)
    return None
