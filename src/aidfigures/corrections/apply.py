"""Applying corrections to a figures table: changed values, the ``corrected``/``original`` columns, stale ones."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from ..currency import to_usd
from ..schema import DTYPES
from .records import Correction
from .values import FIELDS, check_value

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["AppliedCorrections", "Stale", "apply_corrections", "corrected_values", "find_stale", "latest", "sha_of",
           "restore_originals", "STALE_COLUMNS"]

#: Reasons a correction is stale.
NO_DOCUMENT: Final = "no document has this sha256 (its text changed, or it is not in these figures)"
NO_FIGURE: Final = "the span holds no figure (the extractor no longer finds one there)"
#: Columns of :meth:`AppliedCorrections.stale_frame` (and of a ``*.stale-corrections.csv`` file).
STALE_COLUMNS: Final = ("doc_id", "sha256", "start", "end", "field", "value", "who", "when", "note", "reason")


@dataclass(frozen=True)
class Stale:
    """A correction that was not applied, and why."""

    correction: Correction
    reason: str

    def message(self) -> str:
        """One warning line naming the document and span."""
        return f"stale correction {self.correction.describe()}: {self.reason}"


@dataclass
class AppliedCorrections:
    """What :func:`apply_corrections` did.

    Attributes
    ----------
    figures : DataFrame
        The figures with the corrected values, ``corrected`` (the fields changed by hand, ``;``-joined,
        or ``confirmed``) and ``original`` (a JSON object of the values replaced).
    stale : list of Stale
        Corrections not applied: their document's text changed, or their span holds no figure.
    superseded : list of (Correction, Correction)
        (earlier, later) pairs for one field of one figure: the later one was applied.
    applied : int
        Corrections applied (after superseded ones are dropped), confirmations included.
    """

    figures: pd.DataFrame
    stale: list[Stale] = field(default_factory=list)
    superseded: list[tuple[Correction, Correction]] = field(default_factory=list)
    applied: int = 0

    def messages(self) -> list[str]:
        """A warning line per stale correction, then one per superseded correction."""
        return [s.message() for s in self.stale] + [
            f"correction {old.describe()} ({old.when or 'no time'}) is superseded by a later one: "
            f"{new.field}={new.value!r} ({new.when or 'no time'})" for old, new in self.superseded]

    def stale_frame(self) -> pd.DataFrame:
        """The stale corrections as a table (columns :data:`STALE_COLUMNS`)."""
        import pandas as pd

        rows = [{**{k: getattr(s.correction, k) for k in STALE_COLUMNS if k != "reason"}, "reason": s.reason}
                for s in self.stale]
        return pd.DataFrame(rows, columns=list(STALE_COLUMNS)).astype(
            {"start": "Int64", "end": "Int64", **{c: "string" for c in STALE_COLUMNS if c not in ("start", "end")}})


def restore_originals(figures: pd.DataFrame) -> pd.DataFrame:
    """``figures`` as extracted: the values in ``original`` put back, ``corrected``/``original`` emptied.

    A table without those columns is returned as it is (a copy).
    """
    import pandas as pd

    out = figures.copy()
    if "corrected" not in out.columns:
        return out
    if "original" in out.columns:
        for label, text in out["original"].dropna().items():
            for column, value in json.loads(str(text)).items():
                out.loc[label, column] = pd.NA if value is None else value
        out["original"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["corrected"] = pd.Series(pd.NA, index=out.index, dtype="string")
    return out


def sha_of(documents: pd.DataFrame | Mapping[str, str]) -> dict[str, list[str]]:
    """``{sha256: [doc_id, ...]}`` of a documents table (or a ``{doc_id: sha256}`` mapping)."""
    import pandas as pd

    pairs: Iterable[tuple[Any, Any]]
    if isinstance(documents, pd.DataFrame):
        pairs = zip(documents["doc_id"], documents["sha256"], strict=True)
    else:
        pairs = documents.items()
    out: dict[str, list[str]] = {}
    for doc_id, sha in pairs:
        if isinstance(sha, str):
            out.setdefault(sha, []).append(str(doc_id))
    return out


def latest(corrections: Iterable[Correction]) -> tuple[dict[tuple[str, int, int], dict[str, Correction]],
                                                        list[tuple[Correction, Correction]]]:
    """Corrections by figure and field, the later (in file order) of two of one field winning."""
    by_figure: dict[tuple[str, int, int], dict[str, Correction]] = {}
    superseded: list[tuple[Correction, Correction]] = []
    for c in corrections:
        fields = by_figure.setdefault((c.sha256, c.start, c.end), {})
        if c.field in fields:
            superseded.append((fields[c.field], c))
        fields[c.field] = c
    return by_figure, superseded


def _na(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any) -> Any:
    """A cell as JSON holds it."""
    if _na(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _new_values(row: Mapping[str, Any], fields: Mapping[str, Correction]) -> dict[str, Any]:
    """The columns a figure's corrections change, with their new values (only those that differ)."""
    new: dict[str, Any] = {}
    for name, c in fields.items():
        value = check_value(name, c.value)
        if name == "recipient":
            assert isinstance(value, tuple)
            new["recipient"], new["recipient_iso3"] = value
        elif name != "confirmed":
            new[name] = value
    new = {k: v for k, v in new.items() if not _same(row[k], v)}
    year = new.get("year", row["year"])
    if "year" in new and not _na(row["year_end"]) and (_na(year) or row["year_end"] < year):
        new["year_end"] = None
    if "amount" in new and not _na(row["amount_high"]):
        new["amount_high"] = None
    if {"year", "amount", "currency"} & set(new):
        amount, currency = new.get("amount", row["amount"]), new.get("currency", row["currency"])
        usd = to_usd(amount, currency, None if _na(year) else int(year))
        if not _same(row["amount_usd"], None if math.isnan(usd) else usd):
            new["amount_usd"] = None if math.isnan(usd) else usd
    return new


def _same(old: Any, new: Any) -> bool:
    return (_na(old) and _na(new)) or (not _na(old) and not _na(new) and _plain(old) == new)


def apply_corrections(figures: pd.DataFrame, documents: pd.DataFrame | Mapping[str, str],
                      corrections: Iterable[Correction]) -> AppliedCorrections:
    """Apply ``corrections`` to ``figures`` (of the documents in ``documents``, which give their sha256).

    A correction applies to the figure whose document's text has its sha256 and whose span is its span.
    The figure's extracted values are kept in ``original`` and ``corrected`` names the fields that
    changed (``confirmed`` when it was checked and nothing changed). A table that was corrected before
    is first put back as extracted (:func:`restore_originals`), so applying twice changes nothing.
    Corrections that match no document or no figure are returned as :attr:`AppliedCorrections.stale`,
    never applied or dropped silently.

    Parameters
    ----------
    figures : DataFrame
        A figures table.
    documents : DataFrame or mapping
        A documents table (``doc_id``, ``sha256``) or ``{doc_id: sha256}``.
    corrections : iterable of Correction
        In file order (later ones win).
    """
    import pandas as pd

    out = restore_originals(figures)
    for column, dtype in (("corrected", "string"), ("original", "string")):
        if column not in out.columns:
            out[column] = pd.Series(pd.NA, index=out.index, dtype=dtype)
    by_sha = sha_of(documents)
    by_figure, superseded = latest(corrections)
    where = _positions(out)
    result = AppliedCorrections(out, superseded=[(_named(a, by_sha.get(a.sha256)), _named(b, by_sha.get(b.sha256)))
                                                 for a, b in superseded])
    result.stale = find_stale(by_figure, by_sha, where)
    stale = {(s.correction.sha256, s.correction.start, s.correction.end) for s in result.stale}
    for (sha, start, end), fields in by_figure.items():
        if (sha, start, end) in stale:
            continue
        result.applied += len(fields)
        for doc_id in by_sha[sha]:
            if (label := where.get((doc_id, start, end))) is not None:
                _apply_one(out, label, fields)
    return result


def _positions(figures: pd.DataFrame) -> dict[tuple[str, int, int], Any]:
    """``{(doc_id, start, end): index label}`` of a figures table."""
    return {(d, int(s), int(e)): label
            for label, d, s, e in zip(figures.index, figures["doc_id"], figures["start"], figures["end"], strict=True)}


def find_stale(by_figure: Mapping[tuple[str, int, int], Mapping[str, Correction]],
               by_sha: Mapping[str, list[str]], figures: Collection[tuple[str, int, int]]) -> list[Stale]:
    """The corrections (by figure, as :func:`latest` groups them) whose sha256 is no document's
    (``by_sha``: ``{sha256: [doc_id, ...]}``) or whose span holds none of ``figures``'s keys
    (``(doc_id, start, end)``)."""
    out: list[Stale] = []
    for (sha, start, end), fields in by_figure.items():
        doc_ids = by_sha.get(sha)
        if doc_ids and any((d, start, end) in figures for d in doc_ids):
            continue
        reason = NO_FIGURE if doc_ids else NO_DOCUMENT
        out.extend(Stale(_named(c, doc_ids), reason) for c in fields.values())
    return out


def _named(c: Correction, doc_ids: list[str] | None) -> Correction:
    """``c`` with the doc_id of its document when it has none."""
    if c.doc_id or not doc_ids:
        return c
    from dataclasses import replace
    return replace(c, doc_id=doc_ids[0])


def corrected_values(row: Mapping[str, Any], fields: Mapping[str, Correction]) -> dict[str, Any]:
    """What one figure's corrections (``{field: correction}``) set: the changed columns (None for NA),
    ``corrected`` and ``original`` (None when nothing changed)."""
    new = _new_values(row, fields)
    if not new:
        return {"corrected": "confirmed", "original": None}
    changed = [f for f in FIELDS if f in new or (f == "recipient" and "recipient_iso3" in new)]
    return {**new, "corrected": ";".join(changed),
            "original": json.dumps({k: _plain(row[k]) for k in new}, ensure_ascii=False)}


def _apply_one(out: pd.DataFrame, label: Any, fields: Mapping[str, Correction]) -> None:
    import pandas as pd

    values = corrected_values(out.loc[label], fields)
    for column, value in values.items():
        out.loc[label, column] = pd.NA if value is None else value
    for column in values:
        if column in DTYPES and str(out[column].dtype) != DTYPES[column]:
            out[column] = out[column].astype(DTYPES[column])
