"""The one API from files to incidents: read, geoparse, extract, reconcile.

>>> result = extract_incidents([Path("examples")])            # doctest: +SKIP
>>> [(i.location, i.count.value) for i in result.incidents]    # doctest: +SKIP
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from tqdm import tqdm

from gazetteer.resolver import Gazetteer, open_gazetteer
from geo.errors import InputError
from geo.geoparse import geoparse
from geo.incidents.extract import extract_document
from geo.incidents.merge import merge_documents
from geo.ingest import iter_input_paths, read_document
from geo.model import Document, ExtractionResult


def extract_incidents(
    paths: Sequence[str | Path],
    *,
    gazetteer: Gazetteer | None = None,
    reference_date: date | None = None,
    progress: bool = False,
) -> ExtractionResult:
    """Incidents reported in the files and directories ``paths``, reconciled across them.

    A file that cannot be used (missing, binary, empty, not UTF-8, too large) is named in
    ``result.warnings`` and the others are processed; if none can be used, the
    :class:`InputError` says why for each. ``reference_date`` (``--date``) anchors "on
    Sunday" in every document; without it each document's own date is used, if any.
    """
    files = iter_input_paths(paths)
    if not files:
        where = ", ".join(str(p) for p in paths) or "(no paths)"
        raise InputError(where, "no .txt, .md or .html files found")
    documents, warnings = _read_all(files, reference_date)
    if not documents:
        raise InputError(", ".join(str(p) for p in paths), "no usable input: " + "; ".join(warnings))
    result = extract_from_documents(
        documents, gazetteer if gazetteer is not None else open_gazetteer(), progress=progress
    )
    result.warnings[:0] = warnings
    return result


def extract_from_documents(
    documents: Sequence[Document], gazetteer: Gazetteer, *, progress: bool = False
) -> ExtractionResult:
    """Incidents in already-read documents (document names must be unique: they identify sources)."""
    reports = []
    for document in _progress(documents, progress):
        toponyms = geoparse(document.text, gazetteer)
        reports.append(extract_document(document, toponyms, gazetteer))
    incidents, groups = merge_documents(reports)
    return ExtractionResult(incidents=incidents, groups=groups, documents=[d.name for d in documents])


def _read_all(files: list[Path], reference_date: date | None) -> tuple[list[Document], list[str]]:
    """Read every file; a file that fails is a warning. Clashing file names become paths."""
    names = [file.name for file in files]
    documents, warnings = [], []
    for file in files:
        try:
            document = read_document(file, reference_date=reference_date)
        except InputError as error:
            warnings.append(str(error))
            continue
        if names.count(file.name) > 1:
            document = Document(str(file), document.text, document.reference_date, document.title)
        documents.append(document)
    return documents, warnings


def _progress(documents: Sequence[Document], enabled: bool) -> Iterable[Document]:
    show = enabled and sys.stderr.isatty() and len(documents) > 1
    return tqdm(documents, desc="extracting", unit="doc", disable=not show, file=sys.stderr)
