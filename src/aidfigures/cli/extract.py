"""The ``aidfigures extract`` handler (corpus runs: workers, resume, outputs) and ``aidfigures sql``.

cli.py builds the ``extract`` parser and calls :func:`add_extract_options` for the corpus options;
``sql`` is added by :func:`add_commands`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ..errors import AidFiguresError
from .corrections import add_corrections_option, chosen_corrections, report_corrections

if TYPE_CHECKING:  # pandas is imported when a command runs: `aidfigures --help` starts fast
    import pandas as pd

__all__ = ["COMMANDS", "NO_DOCUMENTS", "add_commands", "add_extract_options", "extract_command", "no_documents"]

_PROG: Final = "aidfigures"
#: Exit status of ``extract`` when the paths hold no document to read (nothing is written).
NO_DOCUMENTS: Final = 3
_SUMMARY_MAX_ROWS: Final = 100
_FAILURES_INLINE: Final = 3


def add_extract_options(extract: argparse.ArgumentParser) -> None:
    """Add the corpus-run options to the ``extract`` subparser."""
    extract.add_argument("--workers", type=int, metavar="N",
                         help="worker processes (default: all cores; 1 runs in this process)")
    extract.add_argument("--resume", action="store_true",
                         help="continue an interrupted run (or add to a finished one): documents already "
                              "written with the same content are skipped")
    extract.add_argument("--quiet", action="store_true",
                         help="no progress and no warnings, only the final summary line")
    extract.add_argument("--include", action="append", default=[], metavar="GLOB",
                         help="only files matching GLOB inside directories (repeatable)")
    for name in ("text", "id", "date"):
        extract.add_argument(f"--{name}-column", metavar="COLUMN",
                             help=f"the {name} column of CSV/JSONL table corpora")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes (default) or a Dask cluster")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address (default: a local cluster of --workers processes)")
    extract.add_argument("--chunk-mb", type=float, default=2.0, metavar="MB",
                         help="million characters of text per worker task (default 2)")
    extract.add_argument("--doc-timeout", type=float, metavar="SECONDS",
                         help="stop a document whose extraction takes longer (an error row says so) "
                              "and go on; 0: no limit (default 300)")
    extract.add_argument("--log-interval", type=float, default=10.0, metavar="SECONDS",
                         help="seconds between progress lines when stderr is not a terminal (default 10)")
    add_corrections_option(extract)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``sql`` subparser."""
    cmd = commands.add_parser(
        "sql", help="run a SQL query on a CSV, Parquet or DuckDB output of extract",
        description="Query the figures and documents tables of an extract output (figures.csv, "
                    "figures.parquet, figures.duckdb or a Parquet dataset directory) with DuckDB SQL and "
                    "print the result. Needs the sql extra (duckdb).")
    cmd.add_argument("database", metavar="OUTPUT",
                     help="figures.csv, figures.parquet, figures.duckdb or a dataset DIR/")
    cmd.add_argument("query", metavar="SQL", help="e.g. \"select recipient, sum(amount_usd) from figures group by 1\"")
    cmd.add_argument("--csv", action="store_true", help="print CSV instead of a text table")
    cmd.add_argument("--max-rows", type=int, default=200, metavar="N",
                     help="rows shown in the text table (default 200; 0 for all)")


#: What needs an extra (the extra, the module it brings).
_EXTRAS: Final = {"a .duckdb output": ("sql", "duckdb"), "aidfigures sql": ("sql", "duckdb"),
                  "--engine dask": ("scale", "distributed")}


def missing_extra(what: str) -> str | None:
    """None when what ``what`` (a key of ``_EXTRAS``) needs is installed, else the message naming the
    extra, e.g. ``aidfigures sql needs duckdb, in the sql extra: pip install 'aidfigures[sql]'``."""
    from importlib.util import find_spec

    extra, module = _EXTRAS[what]
    try:
        if find_spec(module) is not None:
            return None
    except (ImportError, ValueError):
        pass
    return f"{what} needs {module}, in the {extra} extra: pip install 'aidfigures[{extra}]'"


def _say(message: str) -> None:
    """Print ``aidfigures: message`` on stderr (above a progress bar, if any: there is none unless
    a run has imported tqdm, which is then not imported here only to print a line)."""
    tqdm = sys.modules.get("tqdm")
    if tqdm is None:
        print(f"{_PROG}: {message}", file=sys.stderr)
    else:
        tqdm.tqdm.write(f"{_PROG}: {message}", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _timeout(args: argparse.Namespace) -> float | None:
    """``--doc-timeout`` as the :class:`RunOptions` setting (none given: its default; 0: no limit)."""
    from ..corpus.options import DEFAULT_DOC_TIMEOUT

    return DEFAULT_DOC_TIMEOUT if args.doc_timeout is None else args.doc_timeout or None


def _documents(args: argparse.Namespace) -> Iterable[Any]:
    """The corpus as SourceDocument records, read by :func:`aidfigures.sources.iter_documents`."""
    from ..sources import iter_documents

    return iter_documents(args.paths, include=args.include or None, text_column=args.text_column,
                          id_column=args.id_column, date_column=args.date_column)


def no_documents(paths: Iterable[str], include: Iterable[str] = ()) -> str:
    """What ``extract`` says when ``paths`` hold no document: the files it skipped, by suffix.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> _ = (pathlib.Path(tmp.name) / "informe.docx").write_bytes(b"PK")
    >>> no_documents([tmp.name]).replace(tmp.name, "docs")
    'no documents found in docs; skipped 1 .docx (read: .htm, .html, .md, .txt, .pdf, .gz, .jsonl, .csv; \
--include GLOB for other files)'
    >>> tmp.cleanup()
    """
    from collections import Counter
    from pathlib import Path

    from ..sources import DEFAULT_INCLUDE, MANIFEST_NAME

    paths, include = list(paths), list(include)
    skipped: Counter[str] = Counter()
    for raw in paths:
        if raw == "-" or not Path(raw).is_dir():
            continue
        for _, dirs, files in os.walk(raw):  # as the corpus walk: hidden files and folders, manifests skipped
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            skipped.update(Path(name).suffix.lower() or "(no suffix)" for name in files
                           if not name.startswith(".") and name.lower() != MANIFEST_NAME)
    where = ", ".join(paths) + (f" matching --include {' '.join(include)}" if include else "")
    if not skipped:
        return f"no documents found in {where} (no files)"
    counts = ", ".join(f"{n:,} {suffix}" for suffix, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    read = ", ".join(g.lstrip("*") for g in DEFAULT_INCLUDE)
    hint = "" if include else f" (read: {read}; --include GLOB for other files)"
    return f"no documents found in {where}; skipped {counts}{hint}"


def extract_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures extract``: 0 all documents read, 1 some failed or the output could not be
    written, 2 usage errors (nothing written), 3 (:data:`NO_DOCUMENTS`) no document in the paths
    (nothing written), 130 interrupted (the partial output is kept)."""
    from ..corpus import RunOptions, run_corpus
    from ..corrections.extracting import CorrectingExtractor
    from ..outputs.lock import OutputBusyError

    to_stdout = args.output == "-"
    quiet = args.quiet
    try:
        from ..outputs.base import output_target
        kind = output_target(args.output).kind
        if args.resume and to_stdout:
            raise AidFiguresError("--resume needs an output file, not '-'")
        if args.resume and kind == "xlsx":
            raise AidFiguresError(f"{args.output}: an .xlsx output cannot be resumed; use .csv, .parquet or .duckdb "
                                  "for --resume")
        if args.workers is not None and args.workers < 1:
            raise AidFiguresError("--workers must be at least 1")
        if args.chunk_mb <= 0:
            raise AidFiguresError("--chunk-mb must be positive")
        if args.scheduler and args.engine != "dask":
            raise AidFiguresError("--scheduler needs --engine dask")
        for needed in (kind == "duckdb" and "a .duckdb output", args.engine == "dask" and "--engine dask"):
            if needed and (missing := missing_extra(needed)):
                raise AidFiguresError(missing)
        documents = _documents(args)
        fixes_path, fixes = chosen_corrections(args)
    except (AidFiguresError, ValueError) as exc:
        _say(f"error: {exc}")
        return 2
    if getattr(documents, "total", None) == 0:  # no file to read (a table corpus or stdin has a total of None)
        _say(no_documents(args.paths, args.include))
        return NO_DOCUMENTS
    try:
        options = RunOptions(
            workers=args.workers, resume=args.resume, progress="none" if quiet or args.no_progress else "auto",
            engine=args.engine, scheduler=args.scheduler, chunk_chars=max(1, int(args.chunk_mb * 1e6)),
            log_interval=args.log_interval, doc_timeout=_timeout(args),
            head_rows=_SUMMARY_MAX_ROWS + 1 if args.summary else 0,
            on_warning=None if quiet else (lambda note: _say(f"warning: {note}")),
            extractor=CorrectingExtractor(tuple(fixes)) if fixes else None)
        run = run_corpus(documents, args.output, options)
        corrected = report_corrections(args.output, fixes_path, fixes, _say, quiet)
    except KeyboardInterrupt:
        if not to_stdout:
            _say("interrupted; the partial output is kept: run again with --resume to continue")
        return 130
    except OutputBusyError as exc:  # another run holds OUT's lock: nothing was written
        _say(f"error: {exc}")
        return 2
    except BrokenPipeError:  # e.g. `aidfigures extract docs -o - | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, AidFiguresError) as exc:
        _say(f"error: cannot write {args.output}: {exc}")
        return 1
    if args.summary:
        print(summary_table(run.head, run.figures), file=sys.stderr if to_stdout else sys.stdout)
    if len(run.failures) > _FAILURES_INLINE:  # too many for the summary line: one line each
        for failed in run.failures:
            _say(f"failed: {failed.source}: {failed.error}")
    _say(summary_line(run.documents, run.figures, run.failures, run.skipped) + corrected)
    return 1 if run.failures else 0


def summary_line(documents: int, figures: int, failures: Any, skipped: int = 0) -> str:
    """The one-line account of a run.

    Examples
    --------
    >>> from aidfigures.corpus.chunks import Failure
    >>> summary_line(2, 0, [Failure("bad", "bad.bin", "binary file, not text")])
    '2 documents, 0 figures, 1 failed (bad.bin: binary file, not text)'
    >>> summary_line(3, 12, [], skipped=5)
    '3 documents, 12 figures, 0 failed; 5 already written, skipped'
    """
    line = f"{_plural(documents, 'document')}, {_plural(figures, 'figure')}, {len(failures):,} failed"
    if failures:
        shown = [f"{f.source}: {f.error}" for f in failures[:_FAILURES_INLINE]]
        if len(failures) > _FAILURES_INLINE:
            shown.append(f"{len(failures) - _FAILURES_INLINE:,} more listed above")
        line += " (" + "; ".join(shown) + ")"
    if skipped:
        line += f"; {skipped:,} already written, skipped"
    return line


def summary_table(figures: pd.DataFrame, total: int | None = None) -> str:
    """Render (the first) figures as a fixed-width text table (doc, recipient, year, amount, ...)."""
    import pandas as pd

    from ..currency.formatting import format_money

    total = len(figures) if total is None else total
    header = ("doc", "recipient", "year", "amount", "qualifier", "measure", "is_aid")
    rows = [header]
    for fig in figures.head(_SUMMARY_MAX_ROWS).itertuples(index=False):
        year = "-" if pd.isna(fig.year) else f"{'FY' if fig.fiscal is True else ''}{fig.year}"
        if not pd.isna(fig.year_end):
            year += f"–{fig.year_end}"
        rows.append((
            _clip(fig.doc_id, 32), _clip(fig.recipient, 24), year,
            format_money(fig.amount, fig.currency, fig.amount_high, None if pd.isna(fig.per) else fig.per),
            _clip(fig.qualifier, 10), _clip(fig.measure, 12),
            "-" if pd.isna(fig.is_aid) else "yes" if fig.is_aid else "no",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    if not total:
        lines.append("(no figures)")
    elif total > _SUMMARY_MAX_ROWS:
        lines.append(f"... and {total - _SUMMARY_MAX_ROWS} more figures")
    return "\n".join(lines)


def _clip(value: object, width: int) -> str:
    """Text for a table cell: ``-`` for NA, cut to ``width`` characters with an ellipsis."""
    import pandas as pd

    text = "-" if value is None or pd.isna(value) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def sql_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures sql``: 0 printed, 2 missing output, unsupported type or bad SQL."""
    if missing := missing_extra("aidfigures sql"):
        _say(f"error: {missing}")
        return 2
    import duckdb

    from ..outputs.csv_format import write_table_csv
    from ..outputs.sql import query

    try:
        result = query(args.database, args.query)
    except (AidFiguresError, duckdb.Error) as exc:
        _say(f"error: {exc}")
        return 2
    try:
        if args.csv:
            write_table_csv(result, sys.stdout)  # the formula rule of every CSV aidfigures writes
        elif result.empty:
            print(f"(no rows; columns: {', '.join(map(str, result.columns))})")
        else:
            limit = None if args.max_rows == 0 else args.max_rows
            print(result.to_string(index=False, max_rows=limit))
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


COMMANDS: Final = {"extract": extract_command, "sql": sql_command}
