"""Place-name resolution: sources, an on-disk index, matching and disambiguation.

This package never imports :mod:`geo`; it knows places, not incidents.
"""

from gazetteer.errors import DataFileError, GazetteerError, IndexUnusable, SourceUnavailable, UnknownSource
from gazetteer.place import Candidate, Place, Resolution

__all__ = [
    "Candidate",
    "DataFileError",
    "GazetteerError",
    "IndexUnusable",
    "Place",
    "Resolution",
    "SourceUnavailable",
    "UnknownSource",
]
