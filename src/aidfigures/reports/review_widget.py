"""``af.review(figures)``: the review queue in JupyterLab (ipywidgets), each action a line of the corrections file."""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pandas as pd

from ..corrections import check_value, correct
from ..parse.alternatives import parse_alternatives
from ..tables.review import REASONS, review_queue
from .review_page import highlight

__all__ = ["Reviewer", "review", "review_form"]

#: The fields a reviewer may change, in the order the form shows them.
FIELDS = ("recipient", "year", "amount", "currency", "is_aid")


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str], ...]:
    """(label, ISO3) of every country, by name."""
    import pycountry

    return tuple(sorted(((f"{c.name} ({c.alpha_3})", c.alpha_3) for c in pycountry.countries), key=lambda t: t[0]))


@lru_cache(maxsize=1)
def _currencies() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


def _valid(field: str, value: str | None) -> bool:
    """Whether a corrections file can hold ``value`` for ``field`` (None, "none", always can)."""
    if value is None:
        return True
    try:
        check_value(field, value)
    except ValueError:
        return False
    return True


def _value(v: Any) -> Any:
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


class Reviewer:
    """The queue of one figures table and the actions on its figures, with or without widgets.

    Each action appends to the corrections file through :func:`aidfigures.corrections.correct`
    (one line per field, under a lock): :meth:`accept` confirms the figure as it is, :meth:`change`
    sets fields. The widget's buttons call these; so can a script or a test.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figures table (corrections applied, when its ``corrected`` column says which).
    path : path, optional
        The corrections file (default: ``data/corrections.csv`` of the project).
    who : str, optional
        Who checks (default: the login name, as ``af.correct`` takes it).
    queue_options :
        Passed to :func:`aidfigures.tables.review.review_queue` (``threshold``, ``everything`` ...).
    """

    def __init__(self, figures: pd.DataFrame, path: str | os.PathLike[str] | None = None, who: str | None = None,
                 **queue_options: Any) -> None:
        self.figures = figures
        self.path = path
        self.who = who
        self.queue = review_queue(figures, **queue_options)
        self.done: dict[str, str] = {}  # key -> what was written this session
        self.log: list[str] = []

    def __len__(self) -> int:
        return len(self.queue)

    def row(self, i: int) -> pd.Series:
        """The ``i``-th figure of the queue (0 first)."""
        return self.queue.iloc[i]

    def options(self, i: int, field: str) -> list[tuple[str, Any]]:
        """The choices of ``field`` for figure ``i``, as (label, value): its alternatives first, then the rest.

        ``recipient``: the alternatives (ISO3 or region), the figure's own, then every country;
        ``year``: the alternatives, the figure's own, then 2030 down to 1900 and 2031-2100; ``currency``: the figure's,
        then every ISO 4217 code; ``is_aid``: yes and no. ``None`` stands for "none".
        """
        row = self.row(i)
        alts = parse_alternatives(_value(row["alternatives"]))
        out: list[tuple[str, Any]] = []
        if field in ("recipient", "year"):
            for v, p in alts.get(field, []):
                if not _valid(field, v):
                    continue  # "Colombia; Mexico and neighbors": no value a correction can hold
                value = None if v is None else int(v) if field == "year" else v
                out.append((f"{'none' if v is None else v} (p={p:.2f})", value))
            own = _value(row["recipient_iso3"]) or _value(row["recipient"]) if field == "recipient" \
                else _value(row["year"])
            own = None if own is None else int(own) if field == "year" else own
            out.insert(0, (f"{'none' if own is None else own} (as extracted)", own))
            rest: list[tuple[str, Any]] = (list(_countries()) if field == "recipient"
                                           else [(str(y), y) for y in [*range(2030, 1899, -1), *range(2031, 2101)]])
            if all(v is not None for _, v in out):
                out.append(("none", None))
        elif field == "currency":
            own = str(row["currency"])
            out, rest = [(f"{own} (as extracted)", own)], [(c, c) for c in _currencies()]
        elif field == "is_aid":
            return [("aid", True), ("not aid", False)]
        else:
            raise ValueError(f"no list of choices for {field!r}")
        seen = {v for _, v in out}
        return out + [(label, v) for label, v in rest if v not in seen]

    def _write(self, i: int, note: str, **fields: Any) -> str:
        row = self.row(i)
        correct(self.figures, str(row["key"]), note=note, who=self.who, path=self.path, **fields)
        what = "confirmed" if fields.get("confirm") else ", ".join(f"{k}={v!r}" for k, v in fields.items())
        self.done[str(row["key"])] = what
        message = f"{row['key']}: {what}" + (f" ({note})" if note else "")
        self.log.append(message)
        return message

    def accept(self, i: int, note: str = "") -> str:
        """Confirm figure ``i`` as extracted ("checked, right"); returns what was written."""
        return self._write(i, note, confirm=True)

    def change(self, i: int, note: str = "", **fields: Any) -> str:
        """Set ``fields`` (some of :data:`FIELDS`) of figure ``i``; a value equal to the figure's own is left out.

        Raises ``ValueError`` for an unknown field or when nothing changes.
        """
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}: one of {', '.join(FIELDS)}")
        row = self.row(i)
        own = {"recipient": _value(row["recipient_iso3"]) or _value(row["recipient"]), "year": _value(row["year"]),
               "amount": _value(row["amount"]), "currency": _value(row["currency"]), "is_aid": _value(row["is_aid"])}
        changed = {k: v for k, v in fields.items() if v != own[k]}
        if not changed:
            raise ValueError(f"{row['key']}: nothing to change")
        return self._write(i, note, **changed)

    def describe(self, i: int) -> str:
        """Figure ``i`` as HTML: amount marked in its sentence, reasons, what was extracted."""
        row = self.row(i)
        reasons = ", ".join(REASONS[c][1] for c in str(row["reasons"]).split(", ") if c in REASONS) or \
            "nothing flagged"
        year = _value(row["year"])
        return (f"<div><b>{html.escape(str(row['key']))}</b> &middot; {html.escape(str(row['status']))}<br>"
                f"<i>{html.escape(reasons)}</i><br>"
                f"{highlight(str(_value(row['sentence']) or ''), str(row['text']))}<br>"
                f"extracted: {html.escape(str(_value(row['recipient']) or 'no recipient'))}, "
                f"{'no year' if year is None else int(year)}, {row['amount']:,.0f} {html.escape(str(row['currency']))}"
                f", {'aid' if _value(row['is_aid']) else 'not aid'}; confidence "
                f"{'NA' if _value(row['confidence']) is None else format(float(row['confidence']), '.2f')}</div>")


def _label(r: pd.Series, done: str | None = None) -> str:
    recipient = _value(r["recipient_iso3"]) or _value(r["recipient"]) or "no recipient"
    year = _value(r["year"])
    parts = [f"{int(r['rank'])}. {r['text']}", f"{recipient} {'no year' if year is None else int(year)}"]
    if r["reasons"]:
        parts.append(str(r["reasons"]))
    if done or r["status"] != "open":
        parts.append(f"done: {done}" if done else str(r["status"]))
    return ("\u2713 " if done else "") + " \u00b7 ".join(parts)


def review_form(reviewer: Reviewer) -> Any:
    """The ipywidgets form over ``reviewer``: a table of the queue, the figure, its choices, the buttons."""
    import ipywidgets as w

    def labels() -> list[tuple[str, int]]:
        return [(_label(r, reviewer.done.get(str(r["key"]))), k) for k, (_, r) in enumerate(reviewer.queue.iterrows())]

    rows = w.Select(options=labels(), rows=min(12, max(2, len(reviewer))), layout=w.Layout(width="95%"))
    detail = w.HTML()
    pickers: dict[str, Any] = {
        "recipient": w.Dropdown(description="recipient"), "year": w.Dropdown(description="year"),
        "amount": w.FloatText(description="amount"), "currency": w.Dropdown(description="currency"),
        "is_aid": w.Dropdown(description="is_aid"),
    }
    note = w.Text(description="note", placeholder="why (optional)", layout=w.Layout(width="60%"))
    accept = w.Button(description="Confirm as is", button_style="success", icon="check")
    save = w.Button(description="Save changes", button_style="primary", icon="save")
    status = w.HTML()

    def show(_: Any = None) -> None:
        i = rows.value if rows.value is not None else 0
        if not len(reviewer):
            detail.value, status.value = "<i>Nothing to review.</i>", ""
            return
        detail.value = reviewer.describe(i)
        for field, picker in pickers.items():
            if field == "amount":
                picker.value = float(reviewer.row(i)["amount"])
            else:
                picker.options = reviewer.options(i, field)
                picker.index = 0 if field != "is_aid" else (0 if _value(reviewer.row(i)["is_aid"]) else 1)
        note.value = ""

    def act(action: Callable[[], str]) -> None:
        try:
            status.value = f"<span style='color:#1b6e20'>written: {html.escape(action())}</span>"
        except (ValueError, OSError) as exc:  # CorrectionsError is a ValueError
            status.value = f"<span style='color:#a11'>{html.escape(str(exc))}</span>"
            return
        at = rows.value
        with rows.hold_trait_notifications():
            rows.options = labels()  # the figure just written is ticked
            rows.value = at
        if rows.value is not None and rows.value + 1 < len(reviewer):
            rows.value += 1  # on to the next figure
        else:
            message = status.value
            show()  # the last one: the form shows it as extracted again
            status.value = message

    accept.on_click(lambda _: act(lambda: reviewer.accept(rows.value, note.value)))
    save.on_click(lambda _: act(lambda: reviewer.change(rows.value, note.value,
                                                        **{f: p.value for f, p in pickers.items()})))
    rows.observe(show, names="value")
    if len(reviewer):
        rows.value = 0
    show()
    box = w.VBox([w.HTML(f"<b>{len(reviewer)} figures to review</b> (highest priority first)"), rows, detail,
                  w.HBox([pickers["recipient"], pickers["year"]]),
                  w.HBox([pickers["amount"], pickers["currency"], pickers["is_aid"]]),
                  note, w.HBox([accept, save]), status])
    box.reviewer = reviewer  # the handlers' state, for scripts and tests
    box.buttons = {"accept": accept, "save": save}
    box.pickers, box.rows, box.note, box.status = pickers, rows, note, status
    return box


def _front_end() -> bool:
    """Whether a widget front end can show widgets: an IPython kernel (Lab, Notebook) and ipywidgets."""
    try:
        from ipykernel.zmqshell import ZMQInteractiveShell
    except ImportError:
        return False
    if not ZMQInteractiveShell.initialized():  # not in a kernel (papermill runs one: it shows nothing, though)
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


def review(figures: pd.DataFrame, path: str | os.PathLike[str] | None = None, *, who: str | None = None,
           widget: bool | None = None, **queue_options: Any) -> Any:
    """Review the figures that most need a look: a form in JupyterLab, the queue elsewhere.

    In a Jupyter kernel with ipywidgets (``pip install 'aidfigures[lab]'``) this returns a form: the
    queue as a list (highest priority first), the chosen figure with its amount marked in its
    sentence, lists of recipients and years (the extractor's alternatives first), amount, currency,
    is_aid, a note, and "Confirm as is" / "Save changes" buttons that append to the corrections file
    (``path``, default ``data/corrections.csv``) and move on. Elsewhere (papermill, plain Python;
    or ``widget=False``) it prints how to correct and returns the queue table
    (:func:`aidfigures.tables.review.review_queue`); correct with ``af.correct(figures, key, ...)``.

    Examples
    --------
    >>> import aidfigures as af
    >>> queue = review(af.extract("Donors pledged $4 million in aid to Honduras."), widget=False)
    1 figure to review; correct with af.correct(figures, key, recipient=..., year=..., note=...) \
or confirm with af.correct(figures, key, confirm=True)
    >>> list(queue["key"])
    ['doc:15-25']
    """
    reviewer = Reviewer(figures, path, who, **queue_options)
    if widget is None:
        widget = _front_end()
    if widget:
        return review_form(reviewer)
    n = len(reviewer)
    print(f"{n} figure{'' if n == 1 else 's'} to review; correct with af.correct(figures, key, recipient=..., "
          "year=..., note=...) or confirm with af.correct(figures, key, confirm=True)")
    return reviewer.queue
