"""The Figure class of aidfigures charts: a plain matplotlib Figure that shows itself in notebooks."""

from __future__ import annotations

import base64
import html
from io import BytesIO
from typing import Any

from matplotlib.figure import Figure


class ChartFigure(Figure):
    """A ``matplotlib.figure.Figure`` with a PNG ``_repr_png_``, so that a notebook cell ending in a
    chart shows the chart even when pyplot (and so the inline backend) was never loaded.

    Examples
    --------
    >>> ChartFigure(figsize=(1, 1))._repr_png_()[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """

    def get_tightbbox(self, renderer: Any = None, *, bbox_extra_artists: Any = None) -> Any:
        """The tight bounding box (inches), title included: the title sits above the layout (not
        ``in_layout``, so that no legend can run into it) and would be cut off otherwise."""
        from matplotlib.transforms import Bbox

        box = super().get_tightbbox(renderer, bbox_extra_artists=bbox_extra_artists)
        title = getattr(self, "_suptitle", None)  # matplotlib has no public accessor for the artist
        if title is None or not title.get_visible() or not title.get_text():
            return box
        extent = title.get_window_extent(renderer).transformed(self.dpi_scale_trans.inverted())  # None: its own
        return Bbox.union([box, extent])

    def _repr_png_(self) -> bytes:
        buffer = BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        """The PNG in an ``<img>`` whose alternative text is the chart's title and source line, so
        that HTML reports (nbconvert) and screen readers say what the chart shows."""
        words = [" ".join(t.split()) for t in [self.get_suptitle()] + [t.get_text() for t in self.texts]]
        alt = html.escape(". ".join(dict.fromkeys(w for w in words if w)), quote=True)
        data = base64.b64encode(self._repr_png_()).decode("ascii")
        return f'<img alt="{alt}" src="data:image/png;base64,{data}">'
