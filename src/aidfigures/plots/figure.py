"""The Figure class of aidfigures charts: a plain matplotlib Figure that shows itself in notebooks."""

from __future__ import annotations

import base64
import html
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

    def _repr_html_(self) -> str:
        """The PNG in an ``<img>`` whose alternative text is the chart's title and source line, so
        that HTML reports (nbconvert) and screen readers say what the chart shows."""
        words = [self.get_suptitle()] + [t.get_text() for t in self.texts]
        alt = html.escape(". ".join(dict.fromkeys(w for w in words if w)), quote=True)
        data = base64.b64encode(self._repr_png_()).decode("ascii")
        return f'<img alt="{alt}" src="data:image/png;base64,{data}">'
