"""The gazetteer: an index on disk, its sources, and name resolution in context.

>>> gz = open_gazetteer()
>>> gz.resolve("Langar", ResolutionContext(text="Ishkashim District, Tajikistan")).place.country_code
'TJ'
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from gazetteer.disambiguate import NameCandidates, ResolutionContext, ScoredCandidates
from gazetteer.errors import IndexUnusable
from gazetteer.index import PlaceIndex
from gazetteer.matching import Match, Matcher, split_generic
from gazetteer.place import Candidate, Place, Resolution
from gazetteer.sources.base import PlaceSource

#: a candidate must score at least this to be chosen
MIN_SCORE = 0.2
ENV_INDEX_PATH = "INCIDENT_MAPPER_GAZETTEER"
_CONTEXT_SPLIT = re.compile(r"[,;()\n]|\s+(?:of|in|near|and)\s+", re.IGNORECASE)


def default_index_path() -> Path:
    """``$INCIDENT_MAPPER_GAZETTEER``, else ``gazetteer.sqlite`` in the user's cache directory."""
    if os.environ.get(ENV_INDEX_PATH):
        return Path(os.environ[ENV_INDEX_PATH])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("incident-mapper")) / "gazetteer.sqlite"


class Gazetteer:
    """Candidates and resolutions over one :class:`PlaceIndex`, with an optional online source."""

    def __init__(self, index: PlaceIndex, online: PlaceSource | None = None) -> None:
        self.index = index
        self.online = online
        self.matcher = Matcher(index)
        #: a name's candidates with what scoring needs, read once per name and preferred countries
        self._named = lru_cache(maxsize=20_000)(self._named_uncached)

    @property
    def path(self) -> Path:
        return self.index.path

    def get(self, place_id: str) -> Place | None:
        return self.index.get(place_id)

    def recognition_names(self) -> Iterator[tuple[str, float]]:
        """Every folded name worth recognising in text, with its best prior."""
        return self.index.recognition_names()

    def candidates(
        self,
        name: str,
        *,
        country_code: str | None = None,
        limit: int = 20,
        fuzzy: bool = True,
        context: ResolutionContext | None = None,
    ) -> list[Candidate]:
        """Places the name may refer to, ranked by how well they fit the context, each with its signals."""
        scored = self._scored(name, country_code, fuzzy, context, limit)
        return [scored.candidate(i, score) for i, score in scored.ranked(limit)]

    def resolve(self, name: str, context: ResolutionContext | None = None) -> Resolution:
        """Choose the place a name refers to, or say why none fits. Never raises for a name.

        The alternatives carry their scores; only the chosen candidate's signals are worded
        (into ``reason``), since resolving is frequent and the alternatives are rarely read
        (:meth:`candidates` words them all).
        """
        scored = self._scored(name, None, True, context, 10)
        ranked = scored.ranked(10)
        if not ranked:
            return Resolution(name, None, 0.0, "no match in the gazetteer")
        best = scored.candidate(*ranked[0])
        others = tuple(scored.candidate(i, score, worded=False) for i, score in ranked[1:])
        if best.score < MIN_SCORE:
            return Resolution(
                name, None, best.score, f"best candidate too weak ({best.score:.2f} < {MIN_SCORE})", (best, *others)
            )
        return Resolution(name, best.place, best.score, "; ".join(best.reasons), others, best.match)

    def _scored(
        self, name: str, country_code: str | None, fuzzy: bool, context: ResolutionContext | None, limit: int
    ) -> ScoredCandidates:
        """The name's candidates scored in the context (bounded to one country if given); an online
        source, if any, is asked for ``limit`` places when the index has none."""
        context = self._with_text_context(name, context or ResolutionContext())
        if country_code:
            context = _with_country(context, country_code.upper())
        named = self._named(name, context.countries, fuzzy)
        if country_code:
            named = NameCandidates(tuple(m for m in named.matches if m.place.country_code == country_code.upper()))
        if not named and self.online is not None:
            found = self.online.search(name, country_code=country_code, limit=limit)
            named = NameCandidates(tuple(Match(place, 0.5, "exact", True, 100.0, "") for place in found))
        return named.score(context)

    def _named_uncached(self, name: str, countries: tuple[str, ...], fuzzy: bool) -> NameCandidates:
        return NameCandidates(self.matcher.find(name, countries, fuzzy))

    def _with_text_context(self, name: str, context: ResolutionContext) -> ResolutionContext:
        """Read the names in ``context.text`` into countries, containers and co-mentions."""
        if not context.text:
            return context
        countries = list(context.countries)
        within = list(context.within)
        near = list(context.near)
        chunks = [c.strip() for c in _CONTEXT_SPLIT.split(context.text) if c and c.strip()]
        resolved: list[tuple[Place, str]] = []
        for chunk in chunks:
            matches = self.matcher.find(chunk, (), False)
            if not matches:
                continue
            country = next((m.place for m in matches if m.place.is_country), None)
            if country is not None:
                countries.append(country.country_code)
            else:
                resolved.append((chunk, matches))
        for chunk, matches in resolved:
            _core, hint = split_generic(chunk)
            pool = [m for m in matches if not countries or m.place.country_code in countries] or list(matches)
            if hint == "admin":
                pool = [m for m in pool if m.place.is_admin_division] or pool
            best = max(pool, key=lambda m: (m.prior, m.primary))
            if best.place.is_admin_division:
                within.append(best.place)
            else:
                near.append(best.place)
        return ResolutionContext(
            text="",
            countries=tuple(dict.fromkeys(countries)),
            near=tuple(near),
            within=tuple(within),
            feature_hint=context.feature_hint,
        )

    def import_places(self, source: PlaceSource, *, progress: bool = False) -> int:
        """Add a bulk source's places to the index (and remember it for rebuilds)."""
        count = PlaceIndex.add_places(self.path, source.iter_places(), label=source.name, progress=progress)
        imports = json.loads(self.index.meta("imports") or "[]")
        paths = [str(p) for p in getattr(source, "paths", ())]
        PlaceIndex.set_meta(self.path, "imports", json.dumps(sorted(set(imports) | set(paths))))
        self.index.close()
        self.index = PlaceIndex(self.path)
        self.matcher = Matcher(self.index)
        self._named.cache_clear()
        return count


def _with_country(context: ResolutionContext, code: str) -> ResolutionContext:
    return ResolutionContext(
        text=context.text,
        countries=(code, *(c for c in context.countries if c != code)),
        near=context.near,
        within=context.within,
        feature_hint=context.feature_hint,
    )


def open_gazetteer(
    path: Path | None = None,
    *,
    sources: Sequence[PlaceSource] | None = None,
    online: PlaceSource | None = None,
    progress: bool = False,
) -> Gazetteer:
    """Open the index at ``path`` (default: the user cache), building it when missing or stale.

    A missing, corrupt or outdated index is rebuilt from ``sources`` (default: the embedded
    data plus any GeoNames dumps imported earlier that are still on disk). If it cannot be
    written, :class:`IndexUnusable` says where and why.
    """
    path = Path(path) if path else default_index_path()
    if sources is None:
        from gazetteer.sources.embedded import EmbeddedSource

        sources = [EmbeddedSource()]
    fingerprint = " + ".join(s.fingerprint() for s in sources)
    imports: list[str] = []
    if path.exists():
        try:
            index = PlaceIndex(path)
            if index.meta("fingerprint") == fingerprint:
                return Gazetteer(index, online)
            imports = json.loads(index.meta("imports") or "[]")
            index.close()
        except IndexUnusable:
            pass
    try:
        index = PlaceIndex.build(path, [*sources, *_still_present(imports)], fingerprint=fingerprint, progress=progress)
    except OSError as error:
        raise IndexUnusable(f"{path}: cannot build the place index here ({error}); use --gazetteer PATH") from error
    if imports:
        PlaceIndex.set_meta(path, "imports", json.dumps(imports))
    return Gazetteer(index, online)


def _still_present(paths: list[str]) -> list[PlaceSource]:
    present = [Path(p) for p in paths if Path(p).exists()]
    if not present:
        return []
    from gazetteer.sources.geonames_dump import GeoNamesDumpSource

    return [GeoNamesDumpSource(present)]
