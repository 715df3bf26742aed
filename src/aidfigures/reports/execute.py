"""Executing a notebook with papermill for :func:`aidfigures.reports.run_report`.

The cells share one deadline (nbclient asks for each cell's timeout: it gets the time left; the
kernel start has papermill's own limit), kernel channels are encrypted when pyzmq supports it, the
kernel's own stderr (start-up chatter, messages from a kernel stopped mid-cell) is kept out of the
terminal and quoted only when the kernel itself died, and a cell that ran out of time is marked in
the executed notebook like a cell that raised.
"""

from __future__ import annotations

import ast
import logging
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO, Final

from ..errors import ReportError

__all__ = ["declared_parameters", "execute", "read_notebook"]

#: papermill/nbclient log lines that aidfigures reports in its own words.
_QUIET_LOGS: Final = ("Passed unknown parameter", "Input notebook does not contain a cell with tag",
                      "Timeout waiting for execute reply", "Interrupting kernel", "Kernel died while")
_STDERR_TAIL: Final = 10


def read_notebook(source: Path) -> Any:
    """The source notebook as a NotebookNode, or a ReportError naming it."""
    import nbformat

    if not source.is_file():
        what = "is a folder, not a notebook" if source.is_dir() else "no such notebook"
        raise ReportError(f"{source}: {what}")
    try:
        return nbformat.read(source, as_version=4)
    except Exception as exc:  # noqa: BLE001 - JSON errors, bad nbformat versions...
        raise ReportError(f"{source}: not a readable notebook ({type(exc).__name__}: {exc})") from None


def declared_parameters(nb: Any) -> list[str] | None:
    """Names assigned in the cell tagged ``parameters``; None when there is no such cell."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                return []
            names = []
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, ast.AnnAssign) else [])
                names += [t.id for t in targets if isinstance(t, ast.Name)]
            return names
    return None


def execute(source: Path, executed: Path, parameters: dict[str, Any], *, timeout: float, kernel: str,
            cwd: Path) -> tuple[str | None, int | None]:
    """Run papermill; return (error, failing cell index in the source notebook), both None when ok."""
    import papermill
    import zmq
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from traitlets.config import Config

    running: dict[str, Any] = {}

    def time_left(cell: Any) -> float:  # nbclient asks before each cell: all cells share one deadline
        running["cell"] = cell
        deadline = running.setdefault("deadline", time.monotonic() + timeout)
        return max(deadline - time.monotonic(), 0.01)

    # encrypted kernel channels where pyzmq can (this also silences ipykernel's plain-TCP warning)
    config = Config({"KernelManager": {"transport_encryption": "auto"}}) if zmq.has("curve") else Config()
    quiet = _DropLogs()
    loggers = [logging.getLogger("papermill"), logging.getLogger("papermill.translators")]
    for logger in loggers:
        logger.addFilter(quiet)
    with tempfile.TemporaryFile() as kernel_stderr:
        try:
            papermill.execute_notebook(
                str(source.resolve()), str(executed.resolve()), parameters=parameters, kernel_name=kernel,
                language=_kernel_language(kernel), progress_bar=False, cwd=str(cwd),
                start_timeout=min(60.0, timeout), execution_timeout=timeout,
                timeout_func=time_left, config=config, kernel_manager_class=_kernel_manager_class(kernel_stderr))
        except papermill.PapermillExecutionError as exc:
            return f"{exc.ename}: {exc.evalue}", _source_index(source, executed, exc.cell_index)
        except CellTimeoutError:
            return _mark_cell(source, executed, running.get("cell"), "TimeoutError",
                              f"the report ran out of its {timeout:g} s time limit in this cell")
        except DeadKernelError:
            return _mark_cell(source, executed, running.get("cell"), "DeadKernelError",
                              "the kernel died while this cell was running" + _tail(kernel_stderr))
        except Exception as exc:  # noqa: BLE001 - kernel start failures, dead kernels...: the run failed
            return f"{type(exc).__name__}: {exc}".strip() + _tail(kernel_stderr), None
        finally:
            for logger in loggers:
                logger.removeFilter(quiet)
    return None, None


def _kernel_language(kernel: str) -> str | None:
    """The kernel's language (papermill needs it when the notebook's metadata does not say)."""
    from jupyter_client.kernelspec import get_kernel_spec

    try:
        return get_kernel_spec(kernel).language or None
    except Exception:  # noqa: BLE001 - an unknown kernel fails the run when it is started
        return None


def _kernel_manager_class(stderr: BinaryIO) -> type:
    """nbclient's kernel manager, starting kernels with their stderr going to ``stderr``."""
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]  # jupyter_client's own async override
            kw.setdefault("stderr", stderr)
            await super().start_kernel(**kw)

    return ReportKernelManager


def _tail(stderr: BinaryIO) -> str:
    """The last lines the kernel wrote to stderr, to explain a kernel that failed or died."""
    stderr.seek(0)
    lines = stderr.read().decode("utf-8", "replace").strip().splitlines()[-_STDERR_TAIL:]
    return "\nkernel stderr:\n" + "\n".join(lines) if lines else ""


class _DropLogs(logging.Filter):
    """Drop papermill/nbclient log lines that aidfigures reports itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_QUIET_LOGS)


def _mark_cell(source: Path, executed: Path, cell: Any, ename: str, evalue: str) -> tuple[str, int | None]:
    """Mark the cell that was running when the run stopped (out of time, kernel died) as failed.

    The cell gets an ``ename: evalue`` error output (after the traceback of where it was stopped,
    if any) and papermill's error markers, as if it had raised. Returns (error, source index).
    """
    import nbformat
    import papermill
    from papermill.execute import raise_for_execution_errors

    message = f"{ename}: {evalue}"
    if cell is None or not executed.is_file():
        return message, None
    nb = nbformat.read(executed, as_version=4)
    same = [i for i, c in enumerate(nb.cells) if cell.get("id") and c.get("id") == cell.get("id")]
    same = same or [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source == cell.source]
    if not same:
        return message, None
    target = nb.cells[same[0]]
    stopped: list[str] = next((o.get("traceback", []) for o in target.outputs if o.output_type == "error"), [])
    target.outputs = [o for o in target.outputs if o.output_type != "error"]
    target.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                                 traceback=[*stopped[:-1], message]))
    target.metadata.setdefault("papermill", {})["exception"] = True
    try:
        raise_for_execution_errors(nb, str(executed))  # writes the notebook with the markers, then raises
    except papermill.PapermillExecutionError as exc:
        return message, _source_index(source, executed, exc.cell_index)
    return message, None


def _source_index(source: Path, executed: Path, index: int) -> int | None:
    """Map a cell index of the executed notebook (before papermill's error markers) to the source."""
    import nbformat

    try:
        run = nbformat.read(executed, as_version=4).cells
        original = nbformat.read(source, as_version=4).cells
    except Exception:  # noqa: BLE001 - an index we cannot map is not worth failing over
        return None
    run = [c for c in run if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    if not 0 <= index < len(run):
        return None
    cell_id = run[index].get("id")
    for i, cell in enumerate(original):
        if cell_id and cell.get("id") == cell_id:
            return i
    injected = sum("injected-parameters" in c.metadata.get("tags", []) for c in run[:index])
    already = any("injected-parameters" in c.metadata.get("tags", []) for c in original)
    return index - (0 if already else injected)
