"""Report text for notebooks: Markdown shown as HTML that no math typesetter (MathJax) touches."""

from __future__ import annotations

from typing import Final

__all__ = ["NO_MATH", "PageText", "show_text"]

#: Classes MathJax skips: ``mathjax_ignore`` (MathJax 3: JupyterLab, Notebook 7) and ``tex2jax_ignore``
#: (MathJax 2: classic Notebook, nbconvert templates). Amounts such as ``$44.7M ... $582M`` would
#: otherwise be typeset as one formula between the two dollar signs.
NO_MATH: Final = "mathjax_ignore tex2jax_ignore"


class PageText:
    """A paragraph of report text that notebooks show as HTML, never as math.

    JupyterLab and nbconvert typeset ``$...$`` in Markdown outputs as LaTeX; this object has no
    Markdown representation, only HTML (rendered with mistune, raw HTML in the text escaped)
    inside an element of the :data:`NO_MATH` classes, and the Markdown source as plain text.

    Examples
    --------
    >>> text = PageText("**2 figures**, from $44.7M to $582M")
    >>> text._repr_html_()
    '<div class="mathjax_ignore tex2jax_ignore"><p><strong>2 figures</strong>, from $44.7M to $582M</p>\\n</div>'
    >>> text
    **2 figures**, from $44.7M to $582M
    """

    def __init__(self, markdown: str) -> None:
        self.markdown = str(markdown)

    def __repr__(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return f'<div class="{NO_MATH}">{_to_html(self.markdown)}</div>'


def show_text(markdown: str) -> PageText:
    """Show Markdown text (such as :func:`describe_selection`'s) on a report page without math typesetting.

    Use it instead of ``IPython.display.Markdown``: ``display(af.show_text(af.describe_selection(...)))``.

    Examples
    --------
    >>> "$56.4M" in show_text("Peru: $56.4M in 2006, $60M in 2007")._repr_html_()
    True
    """
    return PageText(markdown)


def _to_html(markdown: str) -> str:
    """Markdown to HTML with mistune (the Markdown library nbconvert uses), raw HTML escaped."""
    import mistune

    return str(mistune.create_markdown(escape=True)(markdown))
