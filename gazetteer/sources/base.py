"""The small base class every place source implements."""

from __future__ import annotations

import abc
from collections.abc import Iterator

from gazetteer.place import Place


class PlaceSource(abc.ABC):
    """A provider of places.

    Bulk sources (embedded data, a GeoNames dump) yield every place they hold with
    :meth:`iter_places`, and the index stores them. Query sources (an online geocoder)
    answer one name at a time with :meth:`search`. A source may do both.
    """

    #: registry key, e.g. "embedded"
    name: str = ""

    def iter_places(self) -> Iterator[Place]:
        """Yield every place this source holds (bulk sources)."""
        raise NotImplementedError(f"{type(self).__name__} has no bulk data; use search()")

    @abc.abstractmethod
    def search(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Place]:
        """Return the places this source knows under ``name``, best first."""

    def fingerprint(self) -> str:
        """A string that changes whenever this source's data changes (index versioning)."""
        return self.name
