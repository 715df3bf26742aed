"""Corpus runs: documents grouped into chunks, extracted by executors (inline, process pool, Dask), with
progress and resume; :func:`run_extraction` and friends for an in-memory table."""

from .chunks import Extractor, default_extract
from .files import DocumentStatus, ExtractionRun, extract_files, run_extraction, scan_documents
from .options import RunOptions
from .runner import CorpusRun, run_corpus

__all__ = ["CorpusRun", "Extractor", "default_extract",
           "DocumentStatus", "ExtractionRun", "RunOptions", "extract_files", "run_corpus",
           "run_extraction", "scan_documents"]
