"""The outcome of one report run: :class:`ReportResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["ReportResult"]


@dataclass(frozen=True)
class ReportResult:
    """The outcome of one report run.

    Attributes
    ----------
    source : Path
        The notebook that was run.
    output_dir : Path
        The report folder; it holds the last good report (this one when ``status == "ok"``).
    run_dir : Path or None
        Where this run's files are: ``output_dir`` when ok, ``<output_dir>.failed`` when failed;
        None when nothing could be written.
    status : str
        ``"ok"`` or ``"failed"``.
    parameters : dict
        The parameters as passed (``output_dir`` not included).
    started, finished : datetime
        UTC.
    duration : float
        Seconds.
    error : str or None
        ``"ValueError: unknown country 'Atlantis'"`` when failed.
    cell : int or None
        0-based index of the failing cell in the source notebook (markdown cells counted, the
        injected parameters cell not), when a cell failed or timed out.
    notebook, html, manifest : Path or None
        The executed notebook, its HTML export (no code) and ``manifest.json`` in ``run_dir``.
    files : tuple of Path
        Every file of the run (charts, tables, notebook, HTML, manifest).
    """

    source: Path
    output_dir: Path
    run_dir: Path | None
    status: str
    parameters: dict[str, Any]
    started: datetime
    finished: datetime
    duration: float
    error: str | None = None
    cell: int | None = None
    notebook: Path | None = None
    html: Path | None = None
    manifest: Path | None = None
    files: tuple[Path, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the notebook ran to the end and everything was written."""
        return self.status == "ok"
