"""The Figure class of aidfigures charts: a plain matplotlib Figure that shows itself in notebooks."""

from __future__ import annotations

from io import BytesIO

from matplotlib.figure import Figure


class ChartFigure(Figure):
    """A ``matplotlib.figure.Figure`` with a PNG ``_repr_png_``, so that a notebook cell ending in a
    chart shows the chart even when pyplot (and so the inline backend) was never loaded.

    Examples
    --------
    >>> ChartFigure(figsize=(1, 1))._repr_png_()[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """

    def _repr_png_(self) -> bytes:
        buffer = BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()
