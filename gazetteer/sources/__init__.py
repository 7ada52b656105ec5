"""The registry of place sources: a name for each provider, resolved when first used.

Every source, the built-in ones included, is registered by module path, so that
importing this package imports no provider (nor geopy) and a provider module may be
added later without changing the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from gazetteer.errors import UnknownSource
from gazetteer.sources.base import PlaceSource

_SOURCE_PATHS = {
    "embedded": "gazetteer.sources.embedded:EmbeddedSource",
    "geonames-dump": "gazetteer.sources.geonames_dump:GeoNamesDumpSource",
    "online": "gazetteer.sources.online:OnlineSource",
}


class _LazySources(Mapping[str, type[PlaceSource]]):
    """A read-only mapping of source name -> class that imports each class on first access."""

    def __init__(self, paths: Mapping[str, str]) -> None:
        self._paths = dict(paths)

    def __getitem__(self, name: str) -> type[PlaceSource]:
        module_name, _, class_name = self._paths[name].partition(":")
        return getattr(importlib.import_module(module_name), class_name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


#: every place source by name; ``SOURCES["online"]`` imports and returns OnlineSource
SOURCES: Mapping[str, type[PlaceSource]] = _LazySources(_SOURCE_PATHS)


def get_source(name: str, **options: Any) -> PlaceSource:
    """Make the place source registered as ``name`` with ``options`` for its constructor.

    Example
    -------
    >>> get_source("online", min_delay_seconds=1.0)   # doctest: +SKIP
    """
    if name not in SOURCES:
        raise UnknownSource(f"unknown place source {name!r}; choose one of: {', '.join(SOURCES)}")
    return SOURCES[name](**options)


__all__ = ["SOURCES", "PlaceSource", "get_source"]
